package cniadvisor.model;

import java.time.LocalDate;

/** The evaluation context: the date retirements are judged against. */
public record Context(LocalDate asOf) {
}
