package cniadvisor.model;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** The evaluation context: the date retirements are judged against. */
public record Context(LocalDate asOf) {

    public long daysUntil(LocalDate date) {
        return ChronoUnit.DAYS.between(asOf, date);
    }

    /** "from 2028-09-30" for a date ahead, "since 2026-09-30" for one reached: for reason texts. */
    public String fromOrSince(java.time.LocalDate date) {
        return (asOf.isBefore(date) ? "from " : "since ") + date;
    }

    /** "1 day", "496 days": for reason texts. */
    public String timeUntil(LocalDate date) {
        long days = daysUntil(date);
        return days + (days == 1 ? " day" : " days");
    }
}
