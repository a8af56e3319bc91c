package cniadvisor.interview;

import cniadvisor.io.InputError;
import cniadvisor.io.InputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One question of the questionnaire, as data. Questions whose key is a request key (or a node pool's key, written
 * {@code nodePools[i].key}) produce that key; the others (gates such as "do you know your address ranges?") only
 * decide which questions follow. Text, bounds and defaults come from the request contract (see {@link Questions}).
 *
 * @param key          the request key the answer becomes, {@code nodePools[i].key} for a pool's, or a gate's name
 * @param kind         how the answer is read
 * @param label        the short name shown in the summary
 * @param prompt       the question
 * @param explanation  one line on what the question is for
 * @param choices      the choices of a {@link Kind#CHOICE} question, in the order shown
 * @param defaultValue what Enter gives the first time the question is asked (null: not given)
 * @param noneLabel    what "not given" means, when it is an allowed answer ("-" gives it); null when not allowed
 * @param required     true when there is no default: Enter alone is not an answer
 * @param appliesWhen  whether the question matters, given the answers to the questions before it
 * @param range        the bounds of a NUMBER answer, "10 to 250" or "1 or more"; null for other kinds
 * @param checker      checks a value with the request contract's reader; null for gates
 * @param defaults     a default that depends on earlier answers (it wins over defaultValue), or null
 */
public record Question(String key, Kind kind, String label, String prompt, String explanation,
                       List<Choice> choices, Object defaultValue, String noneLabel, boolean required,
                       Predicate<Answers> appliesWhen, String range,
                       Checker checker, Function<Answers, Object> defaults) {

    /** The "file" that questionnaire answers are reported against; only the message is shown. */
    static final String SOURCE = "answer";
    static final String NONE = "-";

    /** Checks one answer with the contract's reader for the question's key. */
    @FunctionalInterface
    public interface Checker {
        Object check(JsonNode value) throws InputException;
    }

    public Question {
        choices = List.copyOf(choices);
    }

    /** A gate: a yes/no (or other) question that only decides which questions follow. */
    static Question of(String key, Kind kind, String label, String prompt, String explanation) {
        return new Question(key, kind, label, prompt, explanation, List.of(), null, null, false, answers -> true,
                null, null, null);
    }

    private Question with(List<Choice> choices, Object defaultValue, String noneLabel, boolean required,
                          Predicate<Answers> appliesWhen, String range,
                          Checker checker, Function<Answers, Object> defaults) {
        return new Question(key, kind, label, prompt, explanation, choices, defaultValue, noneLabel, required,
                appliesWhen, range, checker, defaults);
    }

    Question defaultsTo(Object value) {
        return with(choices, value, noneLabel, required, appliesWhen, range, checker, defaults);
    }

    /** A default worked out from earlier answers (a Windows pool's name, say). */
    Question defaultsFrom(Function<Answers, Object> rule) {
        return with(choices, defaultValue, noneLabel, required, appliesWhen, range, checker, rule);
    }

    /** "Not given" is an allowed answer, shown as {@code label}. */
    Question noneMeans(String label) {
        return with(choices, defaultValue, label, required, appliesWhen, range, checker, defaults);
    }

    Question mandatory() {
        return with(choices, null, null, true, appliesWhen, range, checker, defaults);
    }

    Question choosing(List<Choice> list) {
        return with(list, defaultValue, noneLabel, required, appliesWhen, range, checker, defaults);
    }

    Question when(Predicate<Answers> condition) {
        Predicate<Answers> both = appliesWhen.and(condition);
        return with(choices, defaultValue, noneLabel, required, both, range, checker, defaults);
    }

    /** Another explanation line than the contract's help. */
    Question explaining(String text) {
        return new Question(key, kind, label, prompt, text, choices, defaultValue, noneLabel, required,
                appliesWhen, range, checker, defaults);
    }

    /** Another prompt and summary label than the contract's (a pool's questions name the pool). */
    Question titled(String newPrompt, String newLabel) {
        return new Question(key, kind, newLabel, newPrompt, explanation, choices, defaultValue, noneLabel, required,
                appliesWhen, range, checker, defaults);
    }

    Question checkedBy(Checker reader, String bounds) {
        return with(choices, defaultValue, noneLabel, required, appliesWhen, bounds, reader, defaults);
    }

    /** True when the answer is a request key or a pool's key (not a gate). */
    public boolean requestKey() {
        return checker != null;
    }

    /** True when the answer is a key of one node pool ({@code nodePools[i].key}). */
    public boolean poolKey() {
        return key.startsWith(Questions.POOLS_KEY + "[");
    }

    /** What Enter gives the first time: the default the earlier answers make, else the fixed one. */
    Object defaultFor(Answers answers) {
        return defaults != null ? defaults.apply(answers) : defaultValue;
    }

    /** How the answer is to be written: "y/n", "10 to 250", "a.b.c.d/n"... */
    String hint() {
        return kind == Kind.NUMBER && range != null ? range : kind.hint();
    }

    /** A value as the summary and the default in brackets show it. */
    String show(Object value) {
        if (kind == Kind.CHOICE) {
            for (Choice choice : choices) {
                if (Objects.equals(choice.value(), value)) {
                    return choice.name();
                }
            }
        }
        if (value == null || value instanceof List<?> list && list.isEmpty()) {
            return noneLabel == null ? "not given" : noneLabel;
        }
        if (value instanceof Boolean flag) {
            return flag ? "yes" : "no";
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(", "));
        }
        return value.toString();
    }

    /** The value of "not given": null, or an empty list for list questions. */
    Object none() {
        return kind == Kind.CIDR_LIST ? List.of() : null;
    }

    /**
     * Reads a non-blank answer. Request keys are checked by the same readers as request files, so an answer
     * accepted here is accepted by {@code advise -f}, and a rejected one gets the same message.
     */
    Object read(String text) throws InvalidAnswer {
        return switch (kind) {
            case YES_NO -> check(BooleanNode.valueOf(yesOrNo(text)));
            case CHOICE -> readChoice(text);
            case CIDR_LIST -> check(listOf(text));
            case NUMBER, SURGE, TEXT, CIDR, ADDRESS -> check(TextNode.valueOf(text));
        };
    }

    private static boolean yesOrNo(String text) throws InvalidAnswer {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "y", "yes", "true" -> true;
            case "n", "no", "false" -> false;
            default -> throw new InvalidAnswer("\"" + text + "\" is not yes or no; answer y or n");
        };
    }

    private Object readChoice(String text) throws InvalidAnswer {
        for (int i = 0; i < choices.size(); i++) {
            Choice choice = choices.get(i);
            if (text.equals(String.valueOf(i + 1)) || text.equalsIgnoreCase(choice.name())) {
                return choice.value() == null ? null : check(TextNode.valueOf(choice.value()));
            }
        }
        try {
            return check(TextNode.valueOf(text));
        } catch (InvalidAnswer e) {
            throw new InvalidAnswer(e.getMessage() + "; or type the number of a choice, 1 to " + choices.size());
        }
    }

    /** Commas (and spaces) separate the items, as people write lists in one line. */
    private static ArrayNode listOf(String text) {
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        for (String item : text.split("[,\\s]+")) {
            if (!item.isEmpty()) {
                items.add(item);
            }
        }
        return items;
    }

    private Object check(JsonNode value) throws InvalidAnswer {
        if (!requestKey()) {
            return value.isBoolean() ? value.booleanValue() : value.asText();
        }
        try {
            return checker.check(value);
        } catch (InputException e) {
            throw new InvalidAnswer(e.errors().stream().map(this::message).collect(Collectors.joining("; ")));
        }
    }

    /** The reader's message; list items keep their {@code key[index]} so the user knows which one. */
    private String message(InputError error) {
        String own = key.substring(key.lastIndexOf('.') + 1); // a pool question's key within the pool
        return error.key() == null || error.key().equals(key) || error.key().equals(own) ? error.message()
                : error.key() + ": " + error.message();
    }

    /** An answer that cannot be used; the message says why and what is allowed. */
    static final class InvalidAnswer extends Exception {
        InvalidAnswer(String message) {
            super(message);
        }
    }
}
