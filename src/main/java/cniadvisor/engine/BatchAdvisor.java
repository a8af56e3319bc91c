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
 * inserted ({@link ReusableSession}), and it remembers recent requests: requests that differ only in their name
 * are evaluated once (when no rule can read the name; see {@link RequestNameUse}) and the remembered advice is
 * renamed. Real batches repeat themselves a lot (the same node counts, policies and defaults).
 */
public final class BatchAdvisor {

    /** Per worker; an entry is a few kilobytes of advice. */
    static final int MEMO_ENTRIES = 4096;

    private final Advisor advisor;
    private final LocalDate asOf;
    private final boolean memoize;
    private final boolean reuseSessions;

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
                recent.put(key, advice);
                return advice;
            }
            return known.name().equals(request.name()) ? known : renamed(known, request);
        }

        /** Releases the worker's rule session. */
        @Override
        public void close() {
            session.close();
        }

        /** The name appears in the advice twice: as its name and in the az CLI command. */
        private Advice renamed(Advice advice, Request request) {
            Recommendation rec = advice.recommendation();
            Recommendation renamed = rec == null ? null : new Recommendation(rec.option(), rec.title(),
                    rec.dataplane(), rec.networkPolicy(), AzCliCommand.create(request.name(), rec.network()),
                    rec.network());
            return new Advice(request.name(), advice.asOf(), renamed, advice.options(), advice.warnings(),
                    advice.conflicts(), advice.addressPlan());
        }
    }

    /** Every value of a request but its name, read through the record's accessors so new keys are never missed. */
    record RequestKey(List<Object> values) {

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
