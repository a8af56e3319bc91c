package cniadvisor.batch;

import cniadvisor.engine.Advisor;
import cniadvisor.engine.RuleBase;
import cniadvisor.engine.Verdict;
import cniadvisor.knowledge.Knowledge;
import cniadvisor.model.AddressFit;
import cniadvisor.model.RangeRelation;
import cniadvisor.model.RequestRange;
import cniadvisor.model.Advice;
import cniadvisor.model.Context;
import cniadvisor.model.NamedRequest;
import cniadvisor.model.Request;
import org.drools.base.base.ClassObjectType;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.GroupElement;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.QueryElement;
import org.drools.base.rule.RuleConditionElement;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One long-lived rule session per worker thread, giving the same advice as {@link Advisor#advise} at a fraction of
 * the cost: the facts every request shares (the knowledge, the date, the candidates) are inserted once, and only a
 * request's own facts (see {@link Advisor#requestFacts}) are inserted and deleted for each evaluation.
 *
 * <p>Rules that match shared facts only fire once, when the session opens; what they record is copied into every
 * request's {@link Verdict}, which is where a fresh session would have recorded it. That is sound when every rule
 * either matches no request fact at all, or has a request fact as a plain pattern of its top-level conditions (so
 * it can only fire while a request is in the session). {@link #obstacle} checks that on the compiled rules; rule
 * features that make the firing order or timing matter (agenda, activation and rule-flow groups, timers,
 * lock-on-active, queries in conditions) count as obstacles too. When a rule inserts, updates or deletes a fact,
 * the session's state could leak into the next request, so that request is evaluated again in a fresh session and
 * the worker stays with fresh sessions from then on.
 *
 * <p>Not thread-safe: one per thread.
 */
final class ReusableSession {

    /** The facts that belong to one request; everything else in the session is shared. */
    private static final Set<Class<?>> REQUEST_FACTS = Set.of(Request.class, AddressFit.class, RequestRange.class,
            RangeRelation.class);

    private final Advisor advisor;
    private final LocalDate asOf;
    private final RuleChanges changes = new RuleChanges();
    private final ReasonCache reasons = new ReasonCache();
    private KieSession session;
    private Verdict shared;
    private int sharedFirings;
    private boolean fresh;

    /** @param reusable whether {@link #obstacle} found nothing in the advisor's rules */
    ReusableSession(Advisor advisor, LocalDate asOf, boolean reusable) {
        this.advisor = advisor;
        this.asOf = asOf;
        this.fresh = !reusable;
    }

    Advice advise(NamedRequest given) {
        Request request = advisor.planner().withDefaults(given.request());
        NamedRequest named = new NamedRequest(given.name(), request);
        if (fresh) {
            return advisor.advise(named, asOf);
        }
        if (session == null) {
            open();
            if (fresh) {
                return advisor.advise(named, asOf);
            }
        }
        Verdict verdict = new Verdict(shared);
        List<FactHandle> handles = new ArrayList<>();
        List<AddressFit> fits;
        List<RequestRange> ranges;
        int fired;
        try {
            session.setGlobal("verdict", verdict);
            fits = advisor.planner().fits(request);
            ranges = advisor.planner().requestRanges(request);
            advisor.requestFacts(request, fits, ranges).forEach(fact -> handles.add(session.insert(fact)));
            fired = session.fireAllRules(advisor.maxFirings() - sharedFirings);
            handles.forEach(session::delete);
        } catch (RuntimeException e) {
            close(); // its state is unknown now; the next request opens a new one
            throw advisor.ruleFailure(e);
        }
        if (changes.seen) {
            close();
            fresh = true;
            return advisor.advise(named, asOf);
        }
        if (sharedFirings + fired >= advisor.maxFirings()) {
            close();
            return advisor.advise(named, asOf); // fires again on its own, and names the rule that loops
        }
        return advisor.decide(named.name(), request, asOf, verdict, fits, ranges);
    }

    private void open() {
        Knowledge knowledge = advisor.knowledge();
        RuleBase rules = advisor.rules();
        session = rules.kieBase().newKieSession();
        session.addEventListener(changes);
        shared = advisor.newVerdict(reasons);
        session.setGlobal("verdict", shared);
        try {
            session.insert(new Context(asOf));
            knowledge.facts().forEach(session::insert);
            advisor.candidates().forEach(session::insert);
            sharedFirings = session.fireAllRules(advisor.maxFirings());
        } catch (RuntimeException e) {
            close();
            throw advisor.ruleFailure(e);
        }
        if (sharedFirings >= advisor.maxFirings()) {
            close();
            fresh = true; // the next advise() fires on its own, and names the rule that loops
            return;
        }
        if (changes.seen) {
            close();
            fresh = true;
        }
    }

    void close() {
        if (session != null) {
            session.dispose();
            session = null;
        }
    }

    /**
     * Why sessions cannot be reused with these rules, or null when they can: the first rule that matches a request
     * fact without a plain top-level pattern for it, or that uses a feature whose timing would change.
     */
    static String obstacle(RuleBase rules) {
        for (KiePackage pkg : rules.kieBase().getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                if (!(rule instanceof RuleImpl impl)) {
                    return "rule \"" + rule.getName() + "\" cannot be inspected";
                }
                String problem = obstacle(impl);
                if (problem != null) {
                    return "rule \"" + rule.getName() + "\" " + problem;
                }
            }
        }
        return null;
    }

    private static String obstacle(RuleImpl rule) {
        if (rule.isQuery()) {
            return null;
        }
        if (rule.getActivationGroup() != null || rule.getRuleFlowGroup() != null
                || !rule.isMainAgendaGroup()
                || rule.getTimer() != null || rule.isLockOnActive()) {
            return "uses an agenda, activation or rule-flow group, a timer or lock-on-active";
        }
        Set<Class<?>> matched = new HashSet<>();
        boolean queries = collectTypes(rule.getLhs(), matched);
        if (queries) {
            return "calls a query";
        }
        if (matched.stream().noneMatch(ReusableSession::mayMatchRequestFact)) {
            return null; // matches shared facts only: fires once per session, recorded for every request
        }
        boolean anchored = rule.getLhs().isAnd() && rule.getLhs().getChildren().stream()
                .anyMatch(child -> child instanceof Pattern pattern && pattern.getSource() == null
                        && pattern.getObjectType() instanceof ClassObjectType type
                        && REQUEST_FACTS.contains(type.getClassType()));
        return anchored ? null : "matches a request fact only under not, exists, or, from or accumulate";
    }

    /** A pattern on this type could match a request fact: the type is Request, AddressFit or a supertype. */
    private static boolean mayMatchRequestFact(Class<?> type) {
        return REQUEST_FACTS.stream().anyMatch(type::isAssignableFrom);
    }

    /** Adds every class a pattern in the element matches; true when the element calls a query. */
    private static boolean collectTypes(RuleConditionElement element, Set<Class<?>> types) {
        boolean queries = element instanceof QueryElement;
        if (element instanceof Pattern pattern) {
            types.add(pattern.getObjectType() instanceof ClassObjectType type ? type.getClassType() : Object.class);
        }
        List<? extends RuleConditionElement> nested = element instanceof GroupElement group ? group.getChildren()
                : element.getNestedElements();
        for (RuleConditionElement child : nested) {
            queries |= collectTypes(child, types);
        }
        return queries;
    }

    /** Notices facts inserted, updated or deleted by a rule (a consequence), as opposed to by this class. */
    private static final class RuleChanges implements RuleRuntimeEventListener {
        private boolean seen;

        @Override
        public void objectInserted(ObjectInsertedEvent event) {
            seen |= event.getRule() != null;
        }

        @Override
        public void objectUpdated(ObjectUpdatedEvent event) {
            seen |= event.getRule() != null;
        }

        @Override
        public void objectDeleted(ObjectDeletedEvent event) {
            seen |= event.getRule() != null;
        }
    }
}
