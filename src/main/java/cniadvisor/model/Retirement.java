package cniadvisor.model;

import java.time.LocalDate;
import java.util.List;

/**
 * A dated end of support. {@code subject} is what retires (an option id, "policy:azure", "windows:2019");
 * {@code appliesTo} narrows it ("windows", "linux") or is null; {@code replacement} is the way forward.
 */
public record Retirement(
        String id,
        String subject,
        String appliesTo,
        LocalDate date,
        String replacement,
        String note,
        List<String> sources) implements Cited {
}
