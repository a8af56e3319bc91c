package cniadvisor.inventory;

import cniadvisor.io.InputError;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The virtual networks given with {@code --vnets} ({@code az network vnet show} or {@code list} output, ARM or
 * Resource Graph JSON): each subnet's IPv4 prefix by its resource id, and each VNet's IPv4 address spaces, so a
 * pool's {@code vnetSubnetID} resolves to its address prefix. Ids match without regard to case.
 */
public final class VirtualNetworks {

    public static final String TYPE = "Microsoft.Network/virtualNetworks";

    /** A subnet as the VNet lists it. */
    public record Subnet(String id, String name, String prefix, String vnetId) {
    }

    private final Map<String, Subnet> subnets = new HashMap<>();
    private final Map<String, List<String>> addressSpaces = new HashMap<>();
    private int count;

    public static VirtualNetworks none() {
        return new VirtualNetworks();
    }

    /** How many VNets were read. */
    public int count() {
        return count;
    }

    public Optional<Subnet> subnet(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(subnets.get(AzureJson.idKey(id)));
    }

    /** The IPv4 address spaces of the VNet with this id (empty when unknown). */
    public List<String> addressSpaces(String vnetId) {
        return vnetId == null ? List.of() : addressSpaces.getOrDefault(AzureJson.idKey(vnetId), List.of());
    }

    /** The VNet id of a subnet id ({@code .../virtualNetworks/<vnet>/subnets/<name>}), or null. */
    public static String vnetIdOf(String subnetId) {
        if (subnetId == null) {
            return null;
        }
        int at = subnetId.toLowerCase(java.util.Locale.ROOT).lastIndexOf("/subnets/");
        return at > 0 ? subnetId.substring(0, at) : null;
    }

    /**
     * Adds one resource of a --vnets file.
     *
     * @return the problem when it is not a virtual network, else null
     */
    public InputError add(AzureInput.Item item) {
        JsonNode vnet = item.node();
        String type = AzureJson.text(vnet, "type");
        JsonNode settings = AzureJson.settings(vnet);
        boolean looksLikeVnet = type != null ? type.equalsIgnoreCase(TYPE)
                : AzureJson.at(settings, "addressSpace").isObject();
        if (!vnet.isObject() || !looksLikeVnet) {
            return new InputError(item.source(), item.line(), null, "not a virtual network: expected " + TYPE
                    + " as az network vnet show/list -o json gives it, got "
                    + (type != null ? "a " + type : AzureJson.describe(vnet))
                    + (type != null && type.equalsIgnoreCase(Clusters.TYPE) ? " (give clusters as FILE, not with "
                    + "--vnets)" : ""));
        }
        String id = AzureJson.text(vnet, "id");
        List<String> spaces = ipv4(AzureJson.at(settings, "addressSpace", "addressPrefixes"));
        if (id != null) {
            addressSpaces.put(AzureJson.idKey(id), spaces);
        }
        for (JsonNode subnet : AzureJson.get(settings, "subnets")) {
            String name = AzureJson.text(subnet, "name");
            String subnetId = AzureJson.text(subnet, "id");
            if (subnetId == null && id != null && name != null) {
                subnetId = id + "/subnets/" + name;
            }
            if (subnetId == null) {
                continue;
            }
            JsonNode subnetSettings = AzureJson.settings(subnet);
            List<String> prefixes = new ArrayList<>();
            String single = AzureJson.text(subnetSettings, "addressPrefix");
            if (single != null) {
                prefixes.add(single);
            }
            prefixes.addAll(ipv4(AzureJson.get(subnetSettings, "addressPrefixes")));
            String prefix = prefixes.stream().filter(p -> p.contains(".")).findFirst().orElse(null);
            subnets.put(AzureJson.idKey(subnetId), new Subnet(subnetId, name, prefix, id));
        }
        count++;
        return null;
    }

    private static List<String> ipv4(JsonNode list) {
        LinkedHashSet<String> prefixes = new LinkedHashSet<>();
        for (JsonNode prefix : list) {
            if (prefix.isTextual() && prefix.textValue().contains(".")) {
                prefixes.add(prefix.textValue().strip());
            }
        }
        return List.copyOf(prefixes);
    }
}
