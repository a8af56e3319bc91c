import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;

/**
 * Writes N generated, varied batch requests as CSV to stdout, reproducibly (fixed seed).
 *
 *   java bench/GenerateRequests.java N [mix|unique] > requests.csv
 *
 * mix (default) models what a platform team collects: most teams start from one of a few hundred common profiles
 * (a size, a policy choice, the defaults), the rest write bespoke requests; a few give node subnets, pod or
 * service CIDRs, and about 1 in 1,000 rows has a bad value. unique makes every row different from every other
 * (each gets its own node subnet), the worst case for reuse of earlier evaluations.
 */
public final class GenerateRequests {

    private static final List<String> COLUMNS = List.of("name", "nodeCount", "maxPodsPerNode", "surgeNodes",
            "nodeSubnetCidr", "podCidr", "serviceCidr", "connectedNetworks", "windowsNodePools",
            "windowsServerVersion", "networkPolicy", "advancedPolicy", "trafficPattern", "directPodAccess",
            "podSourceIpVisible", "virtualNodes", "dualStack", "appGatewayForContainers", "applicationGatewayIngress",
            "sharedSubnet", "nodeAutoProvisioning", "customCni", "currentPlugin");

    private static final int[] NODE_COUNTS = {3, 5, 10, 20, 30, 50, 75, 100, 150, 200, 300, 500, 1000};
    private static final String[] MAX_PODS = {"", "", "", "30", "50", "60", "110", "250"};
    private static final String[] SURGE = {"", "", "0", "1", "2", "3", "5", "10"};
    private static final String[] POLICIES = {"none", "none", "none", "any", "any", "cilium", "cilium", "calico",
            "azure"};
    private static final String[] TRAFFIC = {"", "", "intra-cluster", "intra-cluster", "external", "mixed"};
    private static final String[] WINDOWS_VERSIONS = {"2019", "2022", "2022", "2025"};
    private static final String[] POD_CIDRS = {"10.244.0.0/16", "100.64.0.0/14", "192.168.0.0/16", "172.16.0.0/16"};
    private static final String[] SERVICE_CIDRS = {"10.0.0.0/16", "172.20.0.0/16", "192.168.100.0/24"};
    private static final String[] CONNECTED = {"10.0.0.0/16", "10.0.0.0/16;192.168.0.0/20", "172.16.0.0/12"};
    private static final String[] PLUGINS = {"kubenet", "azure-cni-node-subnet", "azure-cni-overlay",
            "azure-cni-pod-subnet"};
    private static final int PROFILES = 400;

    public static void main(String[] args) throws IOException {
        int count = Integer.parseInt(args[0]);
        boolean unique = args.length > 1 && args[1].equals("unique");
        Random random = new Random(20261121L);
        String[][] profiles = new String[PROFILES][];
        for (int i = 0; i < PROFILES; i++) {
            profiles[i] = bespoke(random, false);
        }
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8),
                1 << 16)) {
            out.write(String.join(",", COLUMNS));
            out.write('\n');
            for (int row = 1; row <= count; row++) {
                String[] values = unique ? uniqueRow(random, row)
                        : random.nextInt(100) < 80 ? profiles[skewed(random, PROFILES)].clone()
                        : bespoke(random, true);
                values[0] = "team-" + row;
                if (!unique && random.nextInt(1000) == 0) {
                    values[4] = "10.1.2.3/24"; // host bits set: an invalid row
                }
                StringJoiner line = new StringJoiner(",");
                for (String value : values) {
                    line.add(value);
                }
                out.write(line.toString());
                out.write('\n');
            }
        }
    }

    /** Profile 0 is the most common, as real requests cluster on a few standard shapes. */
    private static int skewed(Random random, int size) {
        double u = random.nextDouble();
        return (int) (size * u * u);
    }

    private static String[] bespoke(Random random, boolean withRanges) {
        String[] v = new String[COLUMNS.size()];
        java.util.Arrays.fill(v, "");
        v[1] = Integer.toString(random.nextInt(10) == 0 ? 1 + random.nextInt(1500)
                : NODE_COUNTS[random.nextInt(NODE_COUNTS.length)]);
        v[2] = pick(random, MAX_PODS);
        v[3] = pick(random, SURGE);
        if (withRanges && random.nextInt(100) < 15) {
            v[4] = subnet(random);
        }
        if (withRanges && random.nextInt(100) < 5) {
            v[5] = pick(random, POD_CIDRS);
        }
        if (withRanges && random.nextInt(100) < 5) {
            v[6] = pick(random, SERVICE_CIDRS);
        }
        if (random.nextInt(100) < 20) {
            v[7] = pick(random, CONNECTED);
        }
        boolean windows = random.nextInt(100) < 10;
        v[8] = windows ? "true" : "";
        v[9] = windows ? pick(random, WINDOWS_VERSIONS) : "";
        v[10] = pick(random, POLICIES);
        v[11] = flag(random, 5);
        v[12] = pick(random, TRAFFIC);
        v[13] = flag(random, 5);
        v[14] = flag(random, 5);
        v[15] = flag(random, 3);
        v[16] = flag(random, 5);
        v[17] = flag(random, 3);
        v[18] = flag(random, 3);
        v[19] = flag(random, 2);
        v[20] = flag(random, 5);
        v[21] = random.nextInt(100) == 0 ? "cilium-oss" : "";
        v[22] = random.nextInt(100) < 10 ? pick(random, PLUGINS) : "";
        return v;
    }

    /** A bespoke row with a node subnet no other row has. */
    private static String[] uniqueRow(Random random, int row) {
        String[] v = bespoke(random, false);
        int block = row - 1; // /26 blocks carved from 10.0.0.0/8 in order: 262,144 distinct, then wraps
        v[4] = "10." + ((block >> 10) & 255) + "." + ((block >> 2) & 255) + "." + ((block & 3) * 64) + "/26";
        return v;
    }

    private static String subnet(Random random) {
        int prefix = 20 + random.nextInt(7);
        int hostBits = 32 - prefix;
        long address = (10L << 24) | ((long) random.nextInt(1 << (24 - hostBits)) << hostBits);
        return (address >> 24 & 255) + "." + (address >> 16 & 255) + "." + (address >> 8 & 255) + "."
                + (address & 255) + "/" + prefix;
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String flag(Random random, int percent) {
        return random.nextInt(100) < percent ? "true" : "";
    }
}
