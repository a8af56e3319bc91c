package cniadvisor.engine;

import cniadvisor.deploy.AzCliCommand;
import cniadvisor.ipplan.AddressPlanner;
import cniadvisor.knowledge.Knowledge;
import cniadvisor.knowledge.KnowledgeException;
import cniadvisor.knowledge.KnowledgeLoader;
import cniadvisor.model.Advice;
import cniadvisor.model.Candidate;
import cniadvisor.model.Component;
import cniadvisor.model.Context;
import cniadvisor.model.PluginOption;
import cniadvisor.model.Request;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.runtime.KieSession;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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
    private final List<Candidate> candidates;
    private final int maxFirings;

    public Advisor(Knowledge knowledge, RuleBase rules, int maxFirings) {
        this.knowledge = knowledge;
        this.rules = rules;
        this.planner = new AddressPlanner(knowledge);
        this.candidates = candidates(knowledge);
        this.maxFirings = maxFirings;
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

    public Advice advise(Request request, LocalDate asOf) {
        return advise(request, asOf, null);
    }

    /** Evaluates one request; {@code listener} (may be null) sees every rule firing, for --explain. */
    public Advice advise(Request request, LocalDate asOf, AgendaEventListener listener) {
        Verdict verdict = new Verdict(knowledge.sources(), rules.rulesByName());
        KieSession session = rules.kieBase().newKieSession();
        try {
            if (listener != null) {
                session.addEventListener(listener);
            }
            session.setGlobal("verdict", verdict);
            session.insert(new Context(asOf));
            session.insert(request);
            knowledge.facts().forEach(session::insert);
            planner.fits(request).forEach(session::insert);
            candidates.forEach(session::insert);
            int fired = session.fireAllRules(maxFirings);
            if (fired >= maxFirings) {
                throw new RuleLoopException(maxFirings);
            }
        } finally {
            session.dispose();
        }
        return decide(request, asOf, verdict);
    }

    /** The advice that follows from what the rules recorded for the request. */
    Advice decide(Request request, LocalDate asOf, Verdict verdict) {
        return new Selection(knowledge, candidates, verdict).decide(request, asOf,
                winner -> AzCliCommand.create(knowledge, planner, request, winner));
    }

    List<Candidate> candidates() {
        return candidates;
    }

    int maxFirings() {
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
