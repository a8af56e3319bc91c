package cniadvisor.io;

import java.util.List;
import java.util.stream.Collectors;

/** A request could not be used; carries every problem found, each ready to show as one line. */
public final class InputException extends Exception {

    private final List<InputError> errors;

    public InputException(List<InputError> errors) {
        super(errors.stream().map(InputError::format).collect(Collectors.joining("\n")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an InputException needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public InputException(InputError error) {
        this(List.of(error));
    }

    public List<InputError> errors() {
        return errors;
    }
}
