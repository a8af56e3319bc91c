package cniadvisor.interview;

import static cniadvisor.interview.Question.of;

import cniadvisor.contract.ContractKey;
import cniadvisor.contract.RequestContract;
import cniadvisor.io.RequestBinder;
import cniadvisor.io.RequestBinder.Field;
import cniadvisor.model.NodePool;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The questionnaire: the request contract's keys in the order a person thinks about a cluster, with gates that skip
 * the rarely needed features and the address ranges in the common case. The text, bounds, choices and defaults of
 * each question are the contract's ({@link RequestContract}); {@code ?} help says what an answer changes in plain
 * words ({@link Guidance}, a data file) and which rules read it, from the compiled rules ({@link RuleNotes}), so
 * that part stays true when the rules change.
 *
 * <p>Node pools: the simple case is one Linux pool, asked with the flat keys (nodeCount, maxSurge, maxPodsPerNode).
 * "Add another node pool?" follows; each yes asks one more pool's questions, and the answers then become
 * {@code nodePools} with the first pool as the Linux system pool.
 */
public final class Questions {

    /** Gate: any of the rarely needed features? */
    static final String SPECIAL_FEATURES = "specialFeatures";
    /** Gate: does the user know the address ranges? */
    static final String KNOWS_ADDRESSES = "knowsAddressRanges";
    /** Gate before pool i (from 1): add another pool? */
    static final String ADD_POOL = "addPool";
    static final String POOLS_KEY = "nodePools";
    static final String DEFAULT_NAME = "my-cluster";
    /** Pools the questionnaire asks about after the first; a cluster with more is written as a request file. */
    static final int MAX_ADDED_POOLS = 9;

    private Questions() {
    }

    /** The questions in the order they are asked, by the contract of {@code binder}. */
    public static List<Question> forBinder(RequestBinder binder) {
        RequestContract contract = binder.contract();
        Builder b = new Builder(binder);
        List<Question> all = new ArrayList<>();
        // "-" (no name) would give the file name in a saved file but my-cluster in the report: not offered
        all.add(b.key("name").defaultsTo(DEFAULT_NAME).noneMeans(null));
        all.add(b.key("nodeCount").mandatory()
                .explaining("All nodes at their autoscaler maximum; with more node pools (asked next), the first "
                        + "pool's: a Linux system pool."));
        all.add(b.key("maxSurge"));
        all.add(b.key("maxPodsPerNode"));
        all.add(addPool(1));
        Predicate<Answers> onePool = answers -> !answers.yes(ADD_POOL + 1);
        all.add(b.key("windowsNodePools").when(onePool)
                .explaining("Not every plugin, data plane and policy engine runs Windows nodes. (A Windows pool of "
                        + "its own size: answer y to the question before.)"));
        // asked only for Windows pools, so "not given" is the default version: no "-" to offer
        all.add(b.key("windowsServerVersion").when(onePool).when(answers -> answers.yes("windowsNodePools"))
                .defaultsTo(contract.defaultWindowsVersion()).noneMeans(null));
        for (int i = 1; i <= MAX_ADDED_POOLS; i++) {
            all.addAll(poolQuestions(b, contract, i));
            if (i < MAX_ADDED_POOLS) {
                int pool = i;
                all.add(addPool(i + 1).when(answers -> answers.yes(ADD_POOL + pool)));
            }
        }
        all.add(b.key("networkPolicy"));
        all.add(b.key("advancedPolicy").when(answers -> !"none".equals(answers.value("networkPolicy"))));
        all.add(b.key("trafficPattern"));
        all.add(b.key("directPodAccess"));
        all.add(b.key("podSourceIpVisible"));
        all.add(of(SPECIAL_FEATURES, Kind.YES_NO, "Special features",
                "Any of: virtual nodes, dual-stack IPv6, Application Gateway, several clusters in one subnet, "
                        + "node auto-provisioning, a private API server, a special outbound type, a CNI you run "
                        + "yourself?",
                "Answer n to skip the questions about them (all no, AKS's default outbound type).")
                .defaultsTo(false));
        for (String key : List.of("virtualNodes", "dualStack", "appGatewayForContainers", "applicationGatewayIngress",
                "sharedSubnet", "nodeAutoProvisioning", "privateCluster", "apiServerVnetIntegration", "outboundType",
                "customCni")) {
            all.add(b.key(key).when(answers -> answers.yes(SPECIAL_FEATURES)));
        }
        all.add(b.key("currentPlugin"));
        all.add(of(KNOWS_ADDRESSES, Kind.YES_NO, "Address ranges known",
                "Do you know the address ranges (VNet, node subnet, pod CIDR, service CIDR, connected networks)?",
                "Answer y to have them checked and used; n skips them.")
                .defaultsTo(false));
        for (String key : List.of("vnetCidr", "nodeSubnetCidr", "podCidr", "serviceCidr", "dnsServiceIp",
                "connectedNetworks")) {
            all.add(b.key(key).when(answers -> answers.yes(KNOWS_ADDRESSES)));
        }
        all.add(subnet(b, "apiServerSubnetCidr", "apiServerVnetIntegration"));
        all.add(subnet(b, "appGatewayForContainersSubnetCidr", "appGatewayForContainers"));
        all.add(subnet(b, "applicationGatewaySubnetCidr", "applicationGatewayIngress"));
        all.add(subnet(b, "virtualNodesSubnetCidr", "virtualNodes"));
        return List.copyOf(all);
    }

    private static Question subnet(Builder b, String key, String feature) {
        return b.key(key).when(answers -> answers.yes(KNOWS_ADDRESSES) && answers.yes(feature));
    }

    private static Question addPool(int pool) {
        return of(ADD_POOL + pool, Kind.YES_NO, "Add node pool " + (pool + 1),
                pool == 1 ? "Add another node pool (a user or Windows pool with its own size, max pods or subnet)?"
                        : "Add another node pool (node pool " + (pool + 1) + ")?",
                pool == 1 ? "Answer n for a cluster with one Linux pool." : "Answer n when the pools are complete.")
                .defaultsTo(false);
    }

    /** The questions of added pool {@code i} (from 1): os first, as a Windows pool's name and max pods differ. */
    private static List<Question> poolQuestions(Builder b, RequestContract contract, int i) {
        String os = poolKey(i, "os");
        Predicate<Answers> asked = answers -> answers.yes(ADD_POOL + i);
        Predicate<Answers> windows = answers -> NodePool.WINDOWS.equals(answers.value(os));
        List<Question> pool = new ArrayList<>();
        pool.add(b.poolKey(i, "os").when(asked));
        // AKS limits Windows pool names to 6 characters
        pool.add(b.poolKey(i, "name").when(asked).defaultsFrom(answers -> (windows.test(answers) ? "win" : "user") + i));
        pool.add(b.poolKey(i, "windowsServerVersion").when(asked.and(windows))
                .defaultsTo(contract.defaultWindowsVersion()).noneMeans(null));
        pool.add(b.poolKey(i, "maxCount").when(asked).mandatory());
        pool.add(b.poolKey(i, "maxPodsPerNode").when(asked));
        pool.add(b.poolKey(i, "maxSurge").when(asked));
        pool.add(b.poolKey(i, "nodeSubnetCidr").when(asked));
        return pool;
    }

    /** The question key of pool {@code i}'s {@code key}. */
    static String poolKey(int i, String key) {
        return POOLS_KEY + "[" + i + "]." + key;
    }

    /** Questions made from the contract's keys. */
    private static final class Builder {
        private final RequestBinder binder;
        private final RequestContract contract;

        Builder(RequestBinder binder) {
            this.binder = binder;
            this.contract = binder.contract();
        }

        Question key(String name) {
            ContractKey key = contract.key(name);
            return question(name, key, value -> binder.readValue(new Field(name, value, 0), Question.SOURCE));
        }

        /**
         * Pool {@code i}'s question: its prompt and summary label name the pool ("Node pool 2: ..."), as every
         * pool is asked the same questions.
         */
        Question poolKey(int i, String name) {
            ContractKey key = contract.findPoolKey(name).orElseThrow();
            String pool = "Node pool " + (i + 1);
            String label = key.label().equals("Pool name") ? "name" : key.label();
            return question(Questions.poolKey(i, name), key,
                    value -> binder.readPoolValue(name, value, Question.SOURCE))
                    .titled(pool + ": " + Character.toLowerCase(key.question().charAt(0))
                            + key.question().substring(1), "Pool " + (i + 1) + " " + label);
        }

        private Question question(String questionKey, ContractKey key, Question.Checker checker) {
            Kind kind = switch (key.type()) {
                case TEXT -> Kind.TEXT;
                case WHOLE_NUMBER -> Kind.NUMBER;
                case FLAG -> Kind.YES_NO;
                case CIDR -> Kind.CIDR;
                case ADDRESS -> Kind.ADDRESS;
                case CIDR_LIST -> Kind.CIDR_LIST;
                case CHOICE -> Kind.CHOICE;
                case MAX_SURGE -> Kind.SURGE;
                case POOL_LIST -> throw new IllegalArgumentException("pools are asked pool by pool");
            };
            String range = key.min() == null ? null
                    : key.max() == null ? key.min() + " or more" : key.min() + " to " + key.max();
            Question question = of(questionKey, kind, key.label(), key.question(), key.help())
                    .checkedBy(checker, range)
                    .defaultsTo(key.defaultValue());
            if (kind == Kind.CHOICE) {
                List<Choice> choices = new ArrayList<>();
                if (key.key().equals("currentPlugin")) {
                    choices.add(new Choice("new", null, "a new cluster"));
                }
                key.allowed().forEach(v -> choices.add(Choice.of(v, contract.choiceText(key.key(), v))));
                question = question.choosing(choices);
                if (key.defaultValue() == null && !key.key().equals("currentPlugin") && key.defaultText() != null) {
                    question = question.noneMeans(key.defaultText());
                }
            } else if (key.defaultValue() == null && key.defaultText() != null && !key.required()) {
                question = question.noneMeans(key.defaultText());
            } else if (kind == Kind.CIDR_LIST) {
                question = question.noneMeans(key.defaultText() == null ? "none" : key.defaultText());
            }
            return question;
        }
    }
}
