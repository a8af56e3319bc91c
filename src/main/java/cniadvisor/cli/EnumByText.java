package cniadvisor.cli;

import picocli.CommandLine;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Reads an enum option by the text each constant shows ({@code azure-devops}), without regard to case, and names
 * only those texts when the value is none of them (picocli's own converter would list the Java names too).
 */
abstract class EnumByText<E extends Enum<E>> implements CommandLine.ITypeConverter<E> {

    private final Class<E> type;

    EnumByText(Class<E> type) {
        this.type = type;
    }

    @Override
    public E convert(String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.toString().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        throw new CommandLine.TypeConversionException("expected one of " + Arrays.stream(type.getEnumConstants())
                .map(Object::toString).collect(Collectors.joining(", ", "[", "]")) + " (case-insensitive) but was '"
                + value + "'");
    }

    /** {@code -o} of advise, ask and plan's shared options. */
    static final class OutputFormats extends EnumByText<cniadvisor.render.OutputFormat> {
        OutputFormats() {
            super(cniadvisor.render.OutputFormat.class);
        }
    }

    /** {@code batch -o}. */
    static final class BatchFormats extends EnumByText<cniadvisor.render.BatchReportFormat> {
        BatchFormats() {
            super(cniadvisor.render.BatchReportFormat.class);
        }
    }

    /** {@code rules check -o}. */
    static final class CheckFormats extends EnumByText<RulesCheckCommand.CheckFormat> {
        CheckFormats() {
            super(RulesCheckCommand.CheckFormat.class);
        }
    }
}
