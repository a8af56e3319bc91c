package cniadvisor.cli;

import cniadvisor.knowledge.KnowledgeException;
import cniadvisor.knowledge.KnowledgeLoader;
import cniadvisor.model.PluginOption;

import java.util.Iterator;
import java.util.List;

/**
 * The option ids of the bundled facts/, for --option completion: picocli asks for candidates before any
 * --facts is known, so completion offers the bundled options (the command itself checks against the facts it loads).
 */
final class OptionIds implements Iterable<String> {

    @Override
    public Iterator<String> iterator() {
        try {
            return KnowledgeLoader.load(Home.locate().resolve("facts")).options().stream().map(PluginOption::id)
                    .toList().iterator();
        } catch (KnowledgeException | RuntimeException e) {
            return List.<String>of().iterator(); // broken facts: no candidates; the command reports why
        }
    }
}
