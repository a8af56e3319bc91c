package cniadvisor.engine;

import cniadvisor.model.Firing;
import cniadvisor.model.AddressFit;
import cniadvisor.model.AddressRange;
import cniadvisor.model.Candidate;
import cniadvisor.model.Component;
import cniadvisor.model.Conflict;
import cniadvisor.model.Feature;
import cniadvisor.model.NodePool;
import cniadvisor.model.OptionPods;
import cniadvisor.model.Context;
import cniadvisor.model.Limit;
import cniadvisor.model.Migration;
import cniadvisor.model.PluginOption;
import cniadvisor.model.RangeRelation;
import cniadvisor.model.Request;
import cniadvisor.model.RequestRange;
import cniadvisor.model.Retirement;
import cniadvisor.model.Support;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.definition.rule.Rule;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Records which of the project's rules fired during one evaluation, in firing order, with the facts each firing
 * matched in a short readable form ({@code Candidate(kubenet / azure / calico)}). Rules without an {@code @id} are
 * left out. One trace per evaluation: pass it to {@link Advisor#advise(cniadvisor.model.NamedRequest,
 * java.time.LocalDate, org.kie.api.event.rule.AgendaEventListener)}.
 */
public final class FiringTrace extends DefaultAgendaEventListener {

    private final RuleBase rules;
    private final String requestName;
    private final List<Firing> firings = new ArrayList<>();

    /** @param requestName the name of the request evaluated: the Request fact itself has none */
    public FiringTrace(RuleBase rules, String requestName) {
        this.rules = rules;
        this.requestName = requestName;
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        Rule rule = event.getMatch().getRule();
        RuleMeta meta = rules.rulesByName().get(rule.getPackageName() + "." + rule.getName());
        if (meta == null || meta.id() == null) {
            return;
        }
        // an 'exists' or 'not' condition matches Drools' own initial fact, which says nothing to an author
        List<Object> facts = event.getMatch().getObjects().stream()
                .filter(f -> !f.getClass().getName().startsWith("org.drools.")).toList();
        firings.add(new Firing(firings.size() + 1, meta.id(), meta.name(), optionOf(facts),
                facts.stream().map(this::describe).toList()));
    }

    public List<Firing> firings() {
        return List.copyOf(firings);
    }

    /** Ids of the rules that fired at least once, in the order they first fired. */
    public Set<String> firedRuleIds() {
        Set<String> ids = new LinkedHashSet<>();
        firings.forEach(f -> ids.add(f.ruleId()));
        return ids;
    }

    /** The option a match is about: its candidate's, else its plugin option's, else its address fit's. */
    private static String optionOf(List<Object> facts) {
        String option = null;
        String fit = null;
        for (Object fact : facts) {
            if (fact instanceof Candidate c) {
                return c.option();
            }
            if (fact instanceof PluginOption o && option == null) {
                option = o.id();
            }
            if (fact instanceof AddressFit f && fit == null) {
                fit = f.option();
            }
        }
        return option != null ? option : fit;
    }

    /** A fact in a few words: its type and what identifies it. */
    private String describe(Object fact) {
        if (fact instanceof Request) {
            return "Request(" + requestName + ")";
        }
        if (fact instanceof Candidate c) {
            return "Candidate(" + c.option() + " / " + c.dataplane() + " / " + c.policy() + ")";
        }
        if (fact instanceof Support s) {
            return "Support(" + s.subject() + "/" + s.feature() + ": " + s.level() + ")";
        }
        if (fact instanceof Feature f) {
            return "Feature(" + f.id() + ")";
        }
        if (fact instanceof NodePool p) {
            return "NodePool(" + p.name() + ": " + p.mode() + ", " + p.os() + ", " + p.maxCount() + " nodes)";
        }
        if (fact instanceof OptionPods p) {
            return "OptionPods(" + p.option() + ": " + p.podCapacity() + " pods)";
        }
        if (fact instanceof Conflict c) {
            return "Conflict(" + c.pair() + ": " + c.level() + ")";
        }
        if (fact instanceof Limit l) {
            return "Limit(" + l.subject() + "." + l.name() + " = " + l.value() + ")";
        }
        if (fact instanceof Retirement r) {
            return "Retirement(" + r.subject() + (r.appliesTo() == null ? "" : " on " + r.appliesTo()) + ": "
                    + r.date() + ")";
        }
        if (fact instanceof Migration m) {
            return "Migration(" + m.from() + " -> " + m.to() + ": " + m.path() + ")";
        }
        if (fact instanceof cniadvisor.model.MigrationPrerequisite p) {
            return "MigrationPrerequisite(" + p.id() + ": " + p.step() + ")";
        }
        if (fact instanceof cniadvisor.model.ClusterState c) {
            return "ClusterState(" + c.name() + ": " + c.option() + ", " + c.dataplane() + ", " + c.networkPolicy()
                    + ", Kubernetes " + c.kubernetesVersion() + ")";
        }
        if (fact instanceof cniadvisor.model.MigrationTarget t) {
            return "MigrationTarget(" + t.option() + " / " + t.dataplane() + " / " + t.networkPolicy() + ")";
        }
        if (fact instanceof PluginOption o) {
            return "PluginOption(" + o.id() + ")";
        }
        if (fact instanceof Component c) {
            return "Component(" + c.subject() + ")";
        }
        if (fact instanceof AddressFit f) {
            String range = f.cidr() == null ? "" : " " + f.cidr() + (f.given() ? "" : " (default)");
            return "AddressFit(" + f.option() + " " + f.range() + range + ": needs " + f.needed()
                    + (f.cidr() == null ? "" : ", holds " + f.available()) + " " + f.unit() + ")";
        }
        if (fact instanceof RequestRange r) {
            return "RequestRange(" + r.role() + " " + r.cidr() + (r.given() ? "" : " (default)") + ")";
        }
        if (fact instanceof RangeRelation r) {
            return "RangeRelation(" + r.role() + " " + r.cidr() + " " + r.relation() + " " + r.otherRole() + " "
                    + r.otherCidr() + ")";
        }
        if (fact instanceof Context c) {
            return "Context(as of " + c.asOf() + ")";
        }
        if (fact instanceof AddressRange r) {
            return "AddressRange(" + r.kind() + " " + r.cidr() + ")";
        }
        return fact.getClass().getSimpleName() + "(" + fact + ")";
    }
}
