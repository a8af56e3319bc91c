package cniadvisor.model;

/**
 * AKS's max surge setting, as {@code az aks nodepool --max-surge} and the API's {@code upgradeSettings.maxSurge}
 * take it: a node count ("3") or a percentage of a pool's nodes ("33%"). A percentage is rounded up, and surges at
 * least one node (upgrade-aks-node-pools-rolling). The request has no node pools, so its node count stands for them.
 */
public final class MaxSurge {

    private MaxSurge() {
    }

    public static boolean isPercentage(String setting) {
        return setting.endsWith("%");
    }

    /** The number of a setting: the count, or the percentage without its sign. */
    public static long value(String setting) {
        return Long.parseLong(isPercentage(setting) ? setting.substring(0, setting.length() - 1) : setting);
    }

    /**
     * The surge nodes the setting gives for {@code nodeCount} nodes. A percentage rounds up to at least one node;
     * the result never makes nodeCount + surge overflow an int (only absurd node counts come near it).
     */
    public static int nodes(String setting, int nodeCount) {
        return (int) Math.min(surge(setting, nodeCount), (long) Integer.MAX_VALUE - nodeCount);
    }

    /** The surge nodes the setting gives for {@code nodeCount} nodes, however many. */
    public static long surge(String setting, int nodeCount) {
        return isPercentage(setting) ? Math.max(1, (nodeCount * value(setting) + 99) / 100) : value(setting);
    }

    /** A percentage setting, e.g. "10%". */
    public static String percentage(long percent) {
        return percent + "%";
    }
}
