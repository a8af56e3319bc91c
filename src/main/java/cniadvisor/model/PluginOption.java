package cniadvisor.model;

import java.util.List;

/**
 * One of the five network plugin options AKS offers, with the data planes and policy engines it can run. {@code model} is overlay, flat or byo; {@code rank} breaks ties (lower wins);
 * {@code podAddresses} says where pod IPs come from: node-subnet, pod-subnet, pod-cidr or none (the team's CNI);
 * {@code networkPlugin} and {@code networkPluginMode} (null when none) are the AKS API values that select it.
 */
public record PluginOption(
        String id,
        String title,
        String model,
        int rank,
        String podAddresses,
        List<String> dataplanes,
        List<String> policyEngines,
        String networkPlugin,
        String networkPluginMode,
        List<String> sources) implements Cited {

    public boolean flat() {
        return "flat".equals(model);
    }
}
