package cniadvisor.cli;

import cniadvisor.io.RequestBinder;

import java.util.Iterator;
import java.util.List;

/** The option ids of the request contract, for --option completion and messages. */
final class OptionIds implements Iterable<String> {
    static final List<String> IDS = RequestBinder.CURRENT_PLUGINS;

    @Override
    public Iterator<String> iterator() {
        return IDS.iterator();
    }
}
