package cniadvisor.contract;

import java.util.List;

/**
 * One key of the request contract: how it is read (type, bounds, allowed values), its default, and how the
 * questionnaire and the docs present it.
 *
 * @param key          the key as request files spell it
 * @param type         what it holds
 * @param min          the smallest whole number allowed (WHOLE_NUMBER), else null
 * @param max          the largest whole number allowed, or null for no upper bound
 * @param allowed      the allowed values of a CHOICE, in the order shown
 * @param defaultValue the value when not given, or null when "not given" stays null
 * @param defaultText  what not giving it means, in words, for the docs and the questionnaire ("AKS's default")
 * @param label        a short name for summaries
 * @param question     the question the questionnaire asks
 * @param help         one line on what the answer is for
 * @param group        where the key belongs: cluster, feature (a yes/no feature), addresses, or pool (a key of one
 *                     node pool)
 * @param aliases      other spellings accepted for the key (the AKS API's, for pool keys)
 * @param required     whether a request must give it
 */
public record ContractKey(String key, ValueType type, Integer min, Integer max, List<String> allowed,
                          Object defaultValue, String defaultText, String label, String question, String help,
                          String group, List<String> aliases, boolean required) {

    public static final String CLUSTER = "cluster";
    public static final String FEATURE = "feature";
    public static final String ADDRESSES = "addresses";
    public static final String POOL = "pool";

    public ContractKey {
        allowed = allowed == null ? List.of() : List.copyOf(allowed);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    static ContractKey define(String key, ValueType type, String group, String label, String question, String help) {
        return new ContractKey(key, type, null, null, List.of(), type == ValueType.FLAG ? Boolean.FALSE : null,
                null, label, question, help, group, List.of(), false);
    }

    ContractKey bounds(Integer min, Integer max) {
        return new ContractKey(key, type, min, max, allowed, defaultValue, defaultText, label, question, help, group,
                aliases, required);
    }

    ContractKey allowing(List<String> values) {
        return new ContractKey(key, type, min, max, values, defaultValue, defaultText, label, question, help, group,
                aliases, required);
    }

    ContractKey defaults(Object value, String text) {
        return new ContractKey(key, type, min, max, allowed, value, text, label, question, help, group, aliases,
                required);
    }

    ContractKey alias(String... names) {
        return new ContractKey(key, type, min, max, allowed, defaultValue, defaultText, label, question, help, group,
                List.of(names), required);
    }

    ContractKey mandatory() {
        return new ContractKey(key, type, min, max, allowed, defaultValue, defaultText, label, question, help, group,
                aliases, true);
    }
}
