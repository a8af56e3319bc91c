package cniadvisor.batch;

import cniadvisor.deploy.AzSteps;

import cniadvisor.engine.Advisor;
import cniadvisor.model.Advice;
import cniadvisor.model.NamedRequest;
import cniadvisor.model.Recommendation;
import cniadvisor.model.Request;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The advisor as a batch uses it: one shared rule base and date, and a {@link Worker} per thread. A worker gives
 * exactly the advice {@link Advisor#advise} gives, faster: it keeps one rule session with the shared facts
 * inserted ({@link ReusableSession}), and it remembers recent requests: a request equal to an earlier one (the
 * rules never see a request's name, so requests that differ only in name are equal) gets the remembered advice,
 * under its own name. Real batches repeat themselves a lot (the same node counts, policies and defaults).
 */
public final class BatchAdvisor {

    /** Per worker; an entry is a few kilobytes of advice. */
    static final int MEMO_ENTRIES = 4096;
    /** Slots of the filter that admits a request to the memo on its second sighting (a power of two). */
    static final int SEEN_SLOTS = 1 << 14;

    private final Advisor advisor;
    private final LocalDate asOf;
    private final boolean reuseSessions;

    public cniadvisor.knowledge.Knowledge knowledge() {
        return advisor.knowledge();
    }

    public BatchAdvisor(Advisor advisor, LocalDate asOf) {
        this.advisor = advisor;
        this.asOf = asOf;
        this.reuseSessions = ReusableSession.obstacle(advisor.rules()) == null;
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
        private final Map<Key, Advice> recent = new LinkedHashMap<>(MEMO_ENTRIES, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Advice> eldest) {
                return size() > MEMO_ENTRIES;
            }
        };

        /**
         * The hashes of requests met once, one per slot. Most distinct requests of a batch come once: remembering
         * them would only push the recurring ones out and keep the garbage collector busy copying advice that is
         * never read again. So a request is remembered the second time it comes, and reused from the third on. A
         * slot holds one hash: requests whose hashes share a slot may each push the other out and be evaluated
         * every time (rare with 16,384 slots). That costs time, never a wrong answer: advice is only ever reused
         * for an equal request.
         */
        private final int[] seen = new int[SEEN_SLOTS];

        private final ReusableSession session = new ReusableSession(advisor, asOf, reuseSessions);

        private Worker() {
        }

        public Advice advise(NamedRequest request) {
            Key key = Key.of(request.request());
            Advice known = recent.get(key);
            if (known == null) {
                Advice advice = session.advise(request);
                if (seenBefore(key)) {
                    recent.put(key, advice);
                }
                return advice;
            }
            return known.name().equals(request.name()) ? known : renamed(known, request.name());
        }

        private boolean seenBefore(Key key) {
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
        private static Advice renamed(Advice advice, String name) {
            Recommendation rec = advice.recommendation();
            Recommendation renamed = rec == null ? null : rec.renamed(AzSteps.clusterWord(name));
            return new Advice(name, advice.asOf(), renamed, advice.options(), advice.warnings(),
                    advice.conflicts(), advice.addressPlan());
        }
    }

    /** A request with its hash computed once: a key is hashed up to three times per request. */
    private record Key(Request request, int hash) {
        static Key of(Request request) {
            return new Key(request, request.hashCode());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && hash == key.hash && request.equals(key.request);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
