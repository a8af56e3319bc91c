import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Writes an Azure Resource Graph export of N generated, varied AKS clusters to stdout, reproducibly (fixed seed), in
 * the shape `az graph query -q "resources | where type =~ 'microsoft.containerservice/managedclusters'"` gives.
 *
 *   java bench/GenerateClusters.java N > fleet.json
 *
 * The mix: kubenet (with and without Calico), Azure CNI node subnet, pod subnet, Overlay (Azure and Cilium data
 * planes), Kubernetes 1.25 to 1.32, one to four pools (some Windows, some autoscaled), private clusters now and then.
 */
public final class GenerateClusters {

    private static final String[] VERSIONS = {"1.25.6", "1.26.3", "1.27.7", "1.28.5", "1.29.4", "1.30.6", "1.31.5",
            "1.32.2"};

    public static void main(String[] args) throws IOException {
        int n = Integer.parseInt(args[0]);
        Random random = new Random(42);
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))) {
            out.write("{\"count\": " + n + ", \"data\": [\n");
            for (int i = 0; i < n; i++) {
                out.write(cluster(i, random));
                out.write(i + 1 < n ? ",\n" : "\n");
            }
            out.write("], \"skip_token\": null, \"total_records\": " + n + "}\n");
        }
    }

    private static String cluster(int i, Random random) {
        String name = "aks-" + i;
        String rg = "rg-team-" + (i % 200);
        String sub = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/" + rg;
        int kind = random.nextInt(6);
        String version = VERSIONS[random.nextInt(VERSIONS.length)];
        boolean windows = kind != 0 && kind != 1 && random.nextInt(8) == 0;
        String vnet = sub + "/providers/Microsoft.Network/virtualNetworks/vnet-" + i + "/subnets/";
        String network = switch (kind) {
            case 0 -> "{\"networkPlugin\": \"kubenet\", \"podCidr\": \"10.244.0.0/16\", \"serviceCidr\": \"10.0.0.0/16\", "
                    + "\"dnsServiceIP\": \"10.0.0.10\", \"networkPolicy\": \"calico\", \"outboundType\": \"loadBalancer\"}";
            case 1 -> "{\"networkPlugin\": \"kubenet\", \"podCidr\": \"10.244.0.0/16\", \"serviceCidr\": \"10.0.0.0/16\", "
                    + "\"dnsServiceIP\": \"10.0.0.10\", \"outboundType\": \"loadBalancer\"}";
            case 2 -> "{\"networkPlugin\": \"azure\", \"serviceCidr\": \"10.0.0.0/16\", \"dnsServiceIP\": \"10.0.0.10\", "
                    + "\"networkPolicy\": \"" + (random.nextBoolean() ? "azure" : "none") + "\"}";
            case 3 -> "{\"networkPlugin\": \"azure\", \"networkPluginMode\": \"overlay\", \"podCidr\": \"10.244.0.0/16\", "
                    + "\"serviceCidr\": \"10.0.0.0/16\", \"dnsServiceIP\": \"10.0.0.10\"}";
            case 4 -> "{\"networkPlugin\": \"azure\", \"networkPluginMode\": \"overlay\", \"networkDataplane\": \"cilium\", "
                    + "\"networkPolicy\": \"cilium\", \"podCidr\": \"192.168.0.0/16\", \"serviceCidr\": \"10.0.0.0/16\", "
                    + "\"dnsServiceIP\": \"10.0.0.10\"}";
            default -> "{\"networkPlugin\": \"azure\", \"serviceCidr\": \"10.0.0.0/16\", \"dnsServiceIP\": \"10.0.0.10\"}";
        };
        StringBuilder pools = new StringBuilder();
        int count = 1 + random.nextInt(3) + (windows ? 1 : 0);
        for (int p = 0; p < count; p++) {
            boolean win = windows && p == count - 1;
            int max = 3 + random.nextInt(40);
            pools.append(p == 0 ? "" : ", ").append("{\"name\": \"").append(win ? "npwin" : "pool" + p)
                    .append("\", \"count\": ").append(3).append(", \"mode\": \"").append(p == 0 ? "System" : "User")
                    .append("\", \"osType\": \"").append(win ? "Windows" : "Linux").append("\"")
                    .append(random.nextBoolean() ? ", \"enableAutoScaling\": true, \"minCount\": 3, \"maxCount\": " + max : "")
                    .append(kind == 5 ? ", \"podSubnetID\": \"" + vnet + "pods" + p + "\"" : "")
                    .append(kind >= 2 ? ", \"vnetSubnetID\": \"" + vnet + "nodes\"" : "")
                    .append(", \"maxPods\": ").append(kind == 2 ? 30 : 110).append("}");
        }
        return "{\"id\": \"" + sub + "/providers/Microsoft.ContainerService/managedClusters/" + name + "\", "
                + "\"name\": \"" + name + "\", \"type\": \"microsoft.containerservice/managedclusters\", "
                + "\"resourceGroup\": \"" + rg + "\", \"location\": \"westeurope\", "
                + "\"sku\": {\"name\": \"Base\", \"tier\": \"Standard\"}, "
                + "\"properties\": {\"kubernetesVersion\": \"" + version + "\", "
                + "\"apiServerAccessProfile\": {\"enablePrivateCluster\": " + (random.nextInt(5) == 0) + "}, "
                + "\"agentPoolProfiles\": [" + pools + "], \"networkProfile\": " + network + "}}";
    }
}
