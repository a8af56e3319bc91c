package cniadvisor.render;

import cniadvisor.deploy.AzSteps;
import cniadvisor.model.Deployment;
import cniadvisor.model.Deployment.Arg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The az CLI steps that deploy a recommendation, as data ({@link #steps}), and the bash block they render to
 * ({@link #script}). The subnets come first (each {@code az network vnet subnet create} keeps the new subnet's id
 * in a shell variable), then {@code az aks create} for the cluster and its first pool (the first system pool), then
 * {@code az aks nodepool add} for each further pool. What the tool cannot know is a shell variable the caller sets:
 * {@code RESOURCE_GROUP}, {@code VNET_NAME}, and {@code ..._PREFIX} for a subnet whose prefix neither the request
 * nor the plan gives. Every value is a word the shell takes as it is (names are cleaned, ranges and numbers are
 * safe), except the resource ids a request gave, which are single-quoted: the block pastes into bash.
 */
public final class AzCliCommand {

    private AzCliCommand() {
    }


    /**
     * The steps as a bash block: a comment line before a step that has one, {@code VAR=$(...)} for a step that keeps
     * an id, and one flag per continued line ({@code \}). Every line but the comments is shell syntax that bash
     * accepts with RESOURCE_GROUP and VNET_NAME set.
     */
    /** One step as the bash a user pastes (with its comment line), without a trailing line break. */
    public static String script(Deployment.Step step) {
        return script(new Deployment("cluster", List.of(), List.of(), false, null, false, List.of(step)))
                .stripTrailing();
    }

    public static String script(Deployment deployment) {
        StringBuilder s = new StringBuilder();
        for (Deployment.Step step : deployment.steps()) {
            if (step.comment() != null) {
                s.append("# ").append(Escape.oneLine(step.comment())).append('\n');
            }
            boolean assign = step.assign() != null;
            if (assign) {
                s.append(step.assign()).append("=$(");
            }
            s.append(step.command());
            String indent = assign ? "    " : "  ";
            for (Arg arg : step.args()) {
                s.append(" \\\n").append(indent).append(arg.flag());
                if (arg.value() != null) {
                    s.append(' ').append(word(arg));
                }
            }
            s.append(assign ? ")\n" : "\n");
        }
        return s.toString();
    }

    /** The steps on one line, separated by "; " (comments left out), for a CSV cell. */
    public static String oneLine(Deployment deployment) {
        StringBuilder s = new StringBuilder();
        for (Deployment.Step step : deployment.steps()) {
            if (!s.isEmpty()) {
                s.append("; ");
            }
            s.append(step.assign() == null ? "" : step.assign() + "=$(").append(step.command());
            for (Arg arg : step.args()) {
                s.append(' ').append(arg.flag());
                if (arg.value() != null) {
                    s.append(' ').append(word(arg));
                }
            }
            s.append(step.assign() == null ? "" : ")");
        }
        return s.toString();
    }

    private static String word(Arg arg) {
        return switch (arg.kind()) {
            case Arg.VARIABLE -> "\"$" + arg.value() + "\"";
            case Arg.ID -> singleQuoted(Escape.oneLine(arg.value()));
            // a name with nothing usable in it: the caller names the cluster
            case Arg.CLUSTER -> AzSteps.NO_NAME.equals(arg.value()) ? "\"$CLUSTER_NAME\"" : arg.value();
            default -> arg.value(); // made of letters, digits and . / , : % _ - by construction
        };
    }

    /**
     * {@code NAME='value'} per variable, one a line: what a runbook sets before its first command. A variable with
     * no value (the team chooses it) becomes a guard that stops the script, saying so, until it is set.
     */
    public static String assignments(List<cniadvisor.model.MigrationPlan.Variable> variables) {
        StringBuilder s = new StringBuilder();
        variables.forEach(v -> s.append(v.value() == null
                ? ": \"${" + v.name() + ":?set " + v.name() + " first (see the step that reads it)}\""
                : v.name() + "=" + singleQuoted(Escape.oneLine(v.value()))).append('\n'));
        return s.toString();
    }

    /** A bash word in single quotes: nothing inside is expanded; a quote is closed, escaped and reopened. */
    static String singleQuoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

}
