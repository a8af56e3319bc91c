package cniadvisor.model;

import java.time.LocalDate;

/** A dated document that a fact or rule cites: id, title, URL and the date the content was read as of. */
public record Source(String id, String title, String url, LocalDate asOf) {
}
