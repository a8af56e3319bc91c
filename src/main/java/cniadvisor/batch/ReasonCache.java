package cniadvisor.batch;

import cniadvisor.engine.ReasonMemo;
import cniadvisor.engine.RuleMeta;
import cniadvisor.model.Cited;
import cniadvisor.model.Reason;
import org.kie.api.definition.rule.Rule;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reasons a worker has built before, so that a batch formats each distinct text once: the same rule, effect,
 * level, fact, text and arguments always make the same (immutable) Reason. Also remembers each rule's metadata by
 * rule object. Bounded; not thread-safe (one per worker).
 */
final class ReasonCache implements ReasonMemo {

    static final int MAX_REASONS = 8192;

    /**
     * Everything a reason is made from. The rule's metadata and the fact are compared by identity: both come from
     * the loaded rule base and knowledge, whose objects live as long as the batch, and hashing the records by value
     * on every rule firing would cost more than the formatting this cache saves.
     */
    private static final class Key {
        private final RuleMeta rule;
        private final Cited fact;
        private final String effect;
        private final String level;
        private final String text;
        private final Object[] args;
        private final int hash;

        Key(RuleMeta rule, Cited fact, String effect, String level, String text, Object[] args) {
            this.rule = rule;
            this.fact = fact;
            this.effect = effect;
            this.level = level;
            this.text = text;
            this.args = args; // the varargs array of one call: nobody else holds it
            this.hash = Objects.hash(System.identityHashCode(rule), factHash(fact), effect, level,
                    text, Arrays.hashCode(args));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && rule == key.rule && sameFact(fact, key.fact) && hash == key.hash
                    && Objects.equals(effect, key.effect) && Objects.equals(level, key.level)
                    && text.equals(key.text) && Arrays.equals(args, key.args);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        /**
         * Facts are the session's own objects, compared by identity (cheap, and what a reason was made from);
         * sources combined for one firing (Cited.all) are made anew each time, so they compare by value.
         */
        private static int factHash(Cited fact) {
            return fact instanceof Cited.Sources ? fact.hashCode() : System.identityHashCode(fact);
        }

        private static boolean sameFact(Cited a, Cited b) {
            return a == b || a instanceof Cited.Sources && a.equals(b);
        }
    }

    private final Map<Rule, RuleMeta> metas = new IdentityHashMap<>();
    private final Map<Key, Reason> reasons = new LinkedHashMap<>(MAX_REASONS, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Reason> eldest) {
            return size() > MAX_REASONS;
        }
    };

    @Override
    public RuleMeta meta(Rule rule, Function<Rule, RuleMeta> lookup) {
        return metas.computeIfAbsent(rule, lookup);
    }

    @Override
    public Reason reason(RuleMeta rule, String effect, String level, Cited fact, String text, Object[] args,
                         Supplier<Reason> build) {
        Key key = new Key(rule, fact, effect, level, text, args);
        Reason known = reasons.get(key);
        if (known == null) {
            known = build.get();
            reasons.put(key, known);
        }
        return known;
    }
}
