package cniadvisor.engine;

import cniadvisor.deploy.AzCliCommand;
import cniadvisor.model.Advice;
import cniadvisor.model.Recommendation;
import cniadvisor.model.Request;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The advisor as a batch uses it: one shared rule base and date, and a {@link Worker} per thread. A worker gives
 * exactly the advice {@link Advisor#advise} gives, faster: it keeps one rule session with the shared facts
 * inserted ({@link ReusableSession}), and it remembers recent requests: a request that differs from an earlier
 * one only in its name (when no rule can read the name; see {@link RequestNameUse}) gets the remembered advice,
 * renamed. Real batches repeat themselves a lot (the same node counts, policies and defaults).
 */
public final class BatchAdvisor {

    /** Per worker; an entry is a few kilobytes of advice. */
    static final int MEMO_ENTRIES = 4096;
    /** Slots of the filter that admits a request to the memo on its second sighting (a power of two). */
    static final int SEEN_SLOTS = 1 << 14;

    private final Advisor advisor;
    private final LocalDate asOf;
    private final boolean memoize;
    private final boolean reuseSessions;

    public cniadvisor.knowledge.Knowledge knowledge() {
        return advisor.knowledge();
    }

    public BatchAdvisor(Advisor advisor, LocalDate asOf) {
        this.advisor = advisor;
        this.asOf = asOf;
        this.memoize = !RequestNameUse.possible(advisor.rules());
        this.reuseSessions = ReusableSession.obstacle(advisor.rules()) == null;
    }

    /** Whether requests that differ only in name share one evaluation. */
    public boolean memoizes() {
        return memoize;
    }

    /** Whether workers keep one rule session for all their requests. */
    public boolean reusesSessions() {
        return reuseSessions;
    }

    /** A worker for one thread: not thread-safe. */
    public Worker newWorker() {
        return new Worker();
    }

    public final class Worker implements AutoCloseable {
        private final Map<RequestKey, Advice> recent = new LinkedHashMap<>(MEMO_ENTRIES, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<RequestKey, Advice> eldest) {
                return size() > MEMO_ENTRIES;
            }
        };

        /**
         * The hashes of requests met once, one per slot. Most distinct requests of a batch come once: remembering
         * them would only push the recurring ones out and keep the garbage collector busy copying advice that is
         * never read again. So a request is remembered the second time it comes, and reused from the third on. A
         * slot holds one hash: requests whose hashes share a slot may each push the other out and be evaluated
         * every time (rare with 16,384 slots). That costs time, never a wrong answer: advice is only ever reused
         * for an equal key.
         */
        private final int[] seen = new int[SEEN_SLOTS];

        private final ReusableSession session = new ReusableSession(advisor, asOf, reuseSessions);

        private Worker() {
        }

        public Advice advise(Request request) {
            if (!memoize) {
                return session.advise(request);
            }
            RequestKey key = RequestKey.of(request);
            Advice known = recent.get(key);
            if (known == null) {
                Advice advice = session.advise(request);
                if (seenBefore(key)) {
                    recent.put(key, advice);
                }
                return advice;
            }
            return known.name().equals(request.name()) ? known : renamed(known, request);
        }

        private boolean seenBefore(RequestKey key) {
            int hash = key.hashCode();
            int slot = (hash ^ hash >>> 16) & (SEEN_SLOTS - 1);
            if (seen[slot] == hash) {
                return true;
            }
            seen[slot] = hash;
            return false;
        }

        /** Releases the worker's rule session. */
        @Override
        public void close() {
            session.close();
        }

        /** The name appears in the advice twice: as its name and as the cluster's in the deployment steps. */
        private Advice renamed(Advice advice, Request request) {
            Recommendation rec = advice.recommendation();
            Recommendation renamed = rec == null ? null : rec.renamed(AzCliCommand.clusterWord(request.name()));
            return new Advice(request.name(), advice.asOf(), renamed, advice.options(), advice.warnings(),
                    advice.conflicts(), advice.addressPlan());
        }
    }

    /**
     * Every value of a request but its name, read through the record's accessors so new keys are never missed. The
     * hash is computed once: a key is hashed up to three times per request.
     */
    static final class RequestKey {
        private final List<Object> values;
        private final int hash;

        private RequestKey(List<Object> values) {
            this.values = values;
            this.hash = values.hashCode();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof RequestKey key && hash == key.hash && values.equals(key.values);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        List<Object> values() {
            return values;
        }

        private static final List<MethodHandle> ACCESSORS = Arrays.stream(Request.class.getRecordComponents())
                .filter(component -> !component.getName().equals("name"))
                .map(RequestKey::accessor)
                .toList();

        static RequestKey of(Request request) {
            List<Object> values = new ArrayList<>(ACCESSORS.size());
            try {
                for (MethodHandle accessor : ACCESSORS) {
                    values.add(accessor.invoke(request));
                }
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read a Request component", e);
            }
            return new RequestKey(values);
        }

        private static MethodHandle accessor(RecordComponent component) {
            try {
                return MethodHandles.publicLookup().unreflect(component.getAccessor());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
