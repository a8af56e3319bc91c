package cniadvisor.engine;

import cniadvisor.deploy.Deployments;
import cniadvisor.deploy.NetworkProfiles;
import cniadvisor.model.NetworkProfile;
import cniadvisor.model.PlanReport;
import cniadvisor.ipplan.AddressPlanner;
import cniadvisor.ipplan.RangeProposer;
import cniadvisor.model.AddressFit;
import cniadvisor.model.AddressPlan;
import cniadvisor.model.ProposedRange;
import cniadvisor.model.Recommendation;
import cniadvisor.model.RequestRange;
import cniadvisor.knowledge.Knowledge;
import cniadvisor.knowledge.KnowledgeException;
import cniadvisor.knowledge.KnowledgeLoader;
import cniadvisor.model.Advice;
import cniadvisor.model.Candidate;
import cniadvisor.model.Component;
import cniadvisor.model.NamedRequest;
import cniadvisor.model.Context;
import cniadvisor.model.OptionResult;
import cniadvisor.model.PluginOption;
import cniadvisor.model.Reason;
import cniadvisor.model.Request;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Evaluates requests against the compiled rules and the loaded facts. Thread-safe: the rule base and knowledge are
 * shared, and every evaluation runs in its own session.
 */
public final class Advisor {

    private final Knowledge knowledge;
    private final RuleBase rules;
    private final AddressPlanner planner;
    private final RangeProposer proposer;
    private final List<Candidate> candidates;
    private final Selection.Order order;
    private final int maxFirings;
    private final java.util.Set<String> optionIds;

    public Advisor(Knowledge knowledge, RuleBase rules, int maxFirings) {
        this.knowledge = knowledge;
        this.rules = rules;
        this.planner = new AddressPlanner(knowledge);
        this.proposer = new RangeProposer(planner);
        this.candidates = candidates(knowledge);
        this.order = new Selection.Order(knowledge, candidates);
        this.maxFirings = maxFirings;
        // in facts/ order: messages list them
        this.optionIds = java.util.Collections.unmodifiableSet(
                new java.util.LinkedHashSet<>(knowledge.options().stream().map(PluginOption::id).toList()));
    }

    /**
     * Loads facts and rules and checks the rules' metadata against the facts. Facts load on a second thread while
     * the rules compile: both are mostly class loading, and a cold start is what a CLI user waits for.
     */
    public static Advisor load(AdvisorConfig config) throws KnowledgeException, RuleLoadException {
        CompletableFuture<Knowledge> facts = CompletableFuture.supplyAsync(() -> {
            try {
                return KnowledgeLoader.load(config.factsDir());
            } catch (KnowledgeException e) {
                throw new CompletionException(e);
            }
        }, Advisor::startDaemon);
        RuleBase rules;
        try {
            rules = RuleBaseCache.compile(config.ruleDirs(), config.cacheDir());
        } catch (RuleLoadException e) {
            facts.cancel(false);
            throw e;
        }
        Knowledge knowledge;
        try {
            knowledge = facts.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof KnowledgeException ke) {
                throw ke;
            }
            throw e;
        }
        List<String> problems = RuleChecks.check(rules, knowledge);
        if (!problems.isEmpty()) {
            throw new RuleLoadException(problems);
        }
        return new Advisor(knowledge, rules, config.maxFirings());
    }

    public Knowledge knowledge() {
        return knowledge;
    }

    public RuleBase rules() {
        return rules;
    }

    public AddressPlanner planner() {
        return planner;
    }

    public Advice advise(NamedRequest request, LocalDate asOf) {
        return advise(request, asOf, null);
    }

    /**
     * Evaluates one request; {@code listener} (may be null) sees every rule firing, for --explain. The rules see
     * the request without its name; the name labels the advice and names the cluster in its deployment.
     */
    public Advice advise(NamedRequest request, LocalDate asOf, AgendaEventListener listener) {
        return advice(request.name(), evaluate(request.request(), asOf, listener), asOf);
    }

    /**
     * The advice that follows from what the rules recorded for a request (used by batch sessions too), labelled
     * {@code name}.
     */
    public Advice decide(String name, Request request, LocalDate asOf, Verdict verdict, List<AddressFit> fits,
                  List<RequestRange> ranges) {
        Selection.Decision decision = new Selection(knowledge, order, verdict).decide();
        return advice(name, new Evaluation(request, decision, verdict, fits, ranges, knowledge, proposer), asOf);
    }

    private Advice advice(String name, Evaluation evaluation, LocalDate asOf) {
        Request request = evaluation.request();
        Optional<Candidate> winner = evaluation.decision().winner();
        AddressPlan plan = evaluation.plan(winner.map(Candidate::option).orElse(null));
        Recommendation recommendation = winner.map(w -> recommend(name, request, w, plan)).orElse(null);
        return new Advice(name, asOf, recommendation, evaluation.decision().options(),
                evaluation.decision().warnings(), evaluation.decision().conflicts(), plan);
    }

    /**
     * The facts that belong to one request, in insertion order: the request, what each option needs of its ranges,
     * its ranges, and how they relate. Everything else in a session (knowledge, date, candidates) is shared.
     */
    public List<Object> requestFacts(Request request, List<AddressFit> fits, List<RequestRange> ranges) {
        List<Object> facts = new ArrayList<>();
        facts.add(request);
        facts.addAll(request.nodePools());
        facts.addAll(fits);
        facts.addAll(planner.optionPods(request));
        facts.addAll(ranges);
        facts.addAll(planner.relations(ranges));
        return facts;
    }

    /**
     * The address plan for one request, with ranges proposed for {@code option}, or for the recommended option when
     * it is null (no ranges when nothing fits). The rules still run, so the findings are the same as advise's; an
     * option the rules excluded adds what excluded it, as errors: a plan for it would not be accepted as it stands.
     */
    public PlanReport plan(NamedRequest request, LocalDate asOf, String option) {
        Evaluation evaluation = evaluate(request.request(), asOf, null);
        String planned = option != null ? option
                : evaluation.decision().winner().map(Candidate::option).orElse(null);
        AddressPlan plan = evaluation.plan(planned);
        if (option != null) {
            List<Reason> findings = new ArrayList<>(plan.findings());
            evaluation.decision().options().stream()
                    .filter(o -> o.id().equals(option) && OptionResult.EXCLUDED.equals(o.status()))
                    .flatMap(o -> o.reasons().stream().filter(r -> "excludes".equals(r.effect())))
                    .map(r -> new Reason(r.rule(), r.effect(), Reason.ERROR, "The rules exclude " + option
                            + " for this request: " + r.text(), r.sources()))
                    .forEach(findings::add);
            plan = new AddressPlan(plan.sizing(), plan.ranges(), Selection.distinctSorted(findings));
        }
        return new PlanReport(request.name(), asOf, planned, plan);
    }

    /** What one session concluded: the decision, and what the planning after it needs. */
    private record Evaluation(Request request, Selection.Decision decision, Verdict verdict, List<AddressFit> fits,
                              List<RequestRange> ranges, Knowledge knowledge, RangeProposer proposer) {

        AddressPlan plan(String option) {
            List<ProposedRange> proposed = option == null ? List.of()
                    : proposer.propose(request, knowledge.option(option).orElseThrow(), fits, ranges,
                    verdict.rejectedRoles());
            return new AddressPlan(fits, proposed, Selection.distinctSorted(verdict.addressFindings()));
        }
    }

    private Evaluation evaluate(Request given, LocalDate asOf, AgendaEventListener listener) {
        Request request = planner.withDefaults(given);
        Verdict verdict = newVerdict(null);
        List<AddressFit> fits = planner.fits(request);
        List<RequestRange> ranges = planner.requestRanges(request);
        fire(request, asOf, verdict, fits, ranges, listener, null);
        Selection.Decision decision = new Selection(knowledge, order, verdict).decide();
        return new Evaluation(request, decision, verdict, fits, ranges, knowledge, proposer);
    }

    /**
     * One session over every fact. A consequence that throws, and a set of rules that keeps firing, are the rule
     * author's mistakes: both end as a {@link RuleAuthorException} naming the rule (for a loop, the rule that fired
     * most, found by running the request again with a counter, so the usual path pays nothing for it).
     */
    private void fire(Request request, LocalDate asOf, Verdict verdict, List<AddressFit> fits,
                      List<RequestRange> ranges, AgendaEventListener listener, FiringCounter counter) {
        KieSession session = rules.kieBase().newKieSession();
        int fired;
        try {
            if (listener != null) {
                session.addEventListener(listener);
            }
            if (counter != null) {
                session.addEventListener(counter);
            }
            session.setGlobal("verdict", verdict);
            session.insert(new Context(asOf));
            knowledge.facts().forEach(session::insert);
            candidates.forEach(session::insert);
            requestFacts(request, fits, ranges).forEach(session::insert);
            fired = session.fireAllRules(maxFirings);
        } catch (RuntimeException e) {
            throw ruleFailure(e);
        } finally {
            session.dispose();
        }
        if (fired >= maxFirings) {
            if (counter != null) {
                throw counter.loop(maxFirings).located(rules);
            }
            FiringCounter counting = new FiringCounter();
            fire(request, asOf, newVerdict(null), fits, ranges, null, counting);
            throw counting.loop(maxFirings).located(rules); // the second run settled: still the rules' doing
        }
    }

    /** A rule's mistake with its file:line, when it is one. */
    RuntimeException located(RuntimeException e) {
        return e instanceof RuleAuthorException author ? author.located(rules) : e;
    }

    /**
     * What an exception thrown while this advisor's rules fired means: a consequence or a condition that threw is
     * the rule author's mistake, named with its file:line; anything else is returned as it is.
     */
    public RuntimeException ruleFailure(RuntimeException e) {
        return e instanceof ConsequenceException consequence ? located(RuleAuthorException.of(consequence))
                : RuleAuthorException.ofCondition(e, rules);
    }

    /** A verdict for one evaluation; {@code memo} may be null. */
    public Verdict newVerdict(ReasonMemo memo) {
        return new Verdict(knowledge.sources(), rules.rulesByName(), optionIds, memo);
    }

    /**
     * The advice with another address plan for the same recommendation: its network profile and deployment made
     * again from that plan, named {@code name}. The reference that batch's cheaper {@code Deployments.withRanges}
     * (which only replaces the ranges that changed) is tested against, request by request.
     */
    public Advice withPlan(String name, Request request, Advice advice, AddressPlan plan) {
        Recommendation chosen = advice.recommendation();
        Recommendation recommendation = chosen == null ? null : recommend(name, planner.withDefaults(request),
                Candidate.of(chosen.option(), chosen.dataplane(), chosen.networkPolicy()), plan);
        return new Advice(advice.name(), advice.asOf(), recommendation, advice.options(), advice.warnings(),
                advice.conflicts(), plan);
    }

    private Recommendation recommend(String name, Request request, Candidate winner, AddressPlan plan) {
        NetworkProfile network = NetworkProfiles.of(knowledge, planner, request, winner, plan);
        return new Recommendation(winner.option(), knowledge.option(winner.option()).orElseThrow().title(),
                winner.dataplane(), winner.policy(),
                Deployments.of(knowledge, planner, name, request, winner.option(), plan, network), network);
    }

    /** Every configuration a session considers: one fact each, shared by every request. */
    public List<Candidate> candidates() {
        return candidates;
    }

    /** The most rule firings one evaluation may take before it counts as a loop. */
    public int maxFirings() {
        return maxFirings;
    }

    /** Runs start-up work on its own thread: the common pool has a single worker on a 2-core machine. */
    public static void startDaemon(Runnable task) {
        Thread thread = new Thread(task, "cni-advisor-loader");
        thread.setDaemon(true);
        thread.start();
    }

    /** Every configuration the facts allow: option x its data planes x the policy engines both can run. */
    static List<Candidate> candidates(Knowledge knowledge) {
        List<Candidate> all = new ArrayList<>();
        for (PluginOption option : knowledge.options()) {
            for (String dataplane : option.dataplanes()) {
                Component plane = knowledge.dataplane(dataplane).orElseThrow();
                for (String policy : plane.pairsWith()) {
                    if (option.policyEngines().contains(policy)) {
                        all.add(Candidate.of(option.id(), dataplane, policy));
                    }
                }
            }
        }
        return List.copyOf(all);
    }
}
