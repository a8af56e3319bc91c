package cniadvisor.model;

import java.util.List;

/**
 * How an existing cluster gets from one option to another: {@code path} is "in-place" or "rebuild";
 * {@code oneWay} is true when it cannot be undone; {@code command} is the az CLI line, when there is one.
 */
public record Migration(
        String from,
        String to,
        String path,
        boolean oneWay,
        String command,
        String note,
        List<String> sources) implements Cited {

    /** " Command: ..." when there is one, for reason texts. */
    public String commandText() {
        return command == null ? "" : " Command: " + command;
    }
}
