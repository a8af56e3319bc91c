package cniadvisor.model;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** The evaluation context: the date retirements are judged against. */
public record Context(LocalDate asOf) {

    public long daysUntil(LocalDate date) {
        return ChronoUnit.DAYS.between(asOf, date);
    }

    /** "1 day", "496 days": for reason texts. */
    public String timeUntil(LocalDate date) {
        long days = daysUntil(date);
        return days + (days == 1 ? " day" : " days");
    }
}
