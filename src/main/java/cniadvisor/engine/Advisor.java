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

    /** Loads facts and rules and checks the rules' metadata against the facts. */
    public static Advisor load(AdvisorConfig config) throws KnowledgeException, RuleLoadException {
        Knowledge knowledge = KnowledgeLoader.load(config.factsDir());
        RuleBase rules = RuleBaseCache.compile(config.ruleDirs(), config.cacheDir());
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
        return new Selection(knowledge, candidates, verdict).decide(request, asOf,
                winner -> AzCliCommand.create(knowledge, planner, request, winner));
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
