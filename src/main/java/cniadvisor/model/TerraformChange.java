package cniadvisor.model;

import java.util.List;

/**
 * How the azurerm provider applies one attribute a migration step changes (facts/terraform.yaml): {@code inPlace}
 * true (updates the cluster), false (replaces it) or null (no source says); {@code replacesWhen: changed} narrows
 * an in-place attribute: changing or removing a value it already has replaces the cluster, setting one it lacked
 * does not. {@code step} is the runbook step: overlay, dataplane, policy or remove-policy.
 */
public record TerraformChange(String attribute, String step, Boolean inPlace, String replacesWhen, String note,
                              List<String> sources) implements Cited {

    public static final String CHANGED = "changed";
    /** The steps an attribute can belong to. */
    public static final List<String> STEPS = List.of(MigrationPrerequisite.OVERLAY, MigrationPrerequisite.DATAPLANE,
            MigrationPrerequisite.POLICY, MigrationPrerequisite.REMOVE_POLICY);

    public TerraformChange {
        sources = sources == null ? List.of() : List.copyOf(sources);
    }
}
