package cniadvisor.io;

import cniadvisor.model.AddressSpace;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads an organisation's address space for {@code batch --address-space}: a YAML (or JSON) file with
 * <pre>
 * pools:                      # where clusters take their routable ranges from
 *   - 10.20.0.0/16
 * reserved:                   # what no cluster may take: on-premises, the hub, other spokes
 *   - cidr: 10.20.255.0/24
 *     name: hub
 * </pre>
 * Every problem is reported with the file and the key, before anything runs.
 */
public final class AddressSpaceFile {

    private static final List<String> KEYS = List.of("pools", "reserved");

    private AddressSpaceFile() {
    }

    /**
     * @throws InputException each problem, with the file and the key: a missing file, bad YAML, an unknown key, a
     *                        value that is not an IPv4 CIDR
     */
    public static AddressSpace read(Path file) throws InputException {
        String name = file.toString();
        JsonNode root;
        try (InputStream in = InputFiles.open(file, name)) {
            root = InputLimits.yaml(InputLimits.REQUEST_FILE_BYTES, InputLimits.REQUEST_FILE_BYTES).readTree(in);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new InputException(new InputError(name, e.getLocation() == null ? 0
                    : e.getLocation().getLineNr(), null, "not valid YAML" + where + ": " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InputException(new InputError(name, 0, null, "cannot read: " + e.getMessage()));
        }
        List<InputError> errors = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new InputException(new InputError(name, 0, null, "expected a mapping with pools: and reserved:"));
        }
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!KEYS.contains(key)) {
                errors.add(new InputError(name, 0, key, "unknown key; allowed: " + String.join(", ", KEYS)));
            }
        }
        List<String> pools = new ArrayList<>();
        List<AddressSpace.Reserved> reserved = new ArrayList<>();
        entries(root, "pools", name, errors).forEach(e -> pools.add(e.getKey()));
        entries(root, "reserved", name, errors).forEach(e -> reserved.add(new AddressSpace.Reserved(e.getKey(),
                e.getValue())));
        if (pools.isEmpty() && errors.isEmpty()) {
            errors.add(new InputError(name, 0, "pools", "lists no pool: give at least one IPv4 CIDR"));
        }
        if (!errors.isEmpty()) {
            throw new InputException(errors);
        }
        return new AddressSpace(pools, reserved);
    }

    /** The list under {@code key}: each entry a CIDR, or a mapping of cidr: and name:. */
    private static List<Map.Entry<String, String>> entries(JsonNode root, String key, String file,
                                                           List<InputError> errors) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        JsonNode list = root.get(key);
        if (list == null || list.isNull()) {
            return entries;
        }
        if (!list.isArray()) {
            errors.add(new InputError(file, 0, key, "expected a list"));
            return entries;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String where = key + "[" + i + "]";
            JsonNode cidr = item.isObject() ? item.get("cidr") : item;
            String label = item.isObject() && item.hasNonNull("name") ? item.get("name").asText() : null;
            if (item.isObject()) {
                for (Iterator<String> fields = item.fieldNames(); fields.hasNext(); ) {
                    String field = fields.next();
                    if (!field.equals("cidr") && !field.equals("name")) {
                        errors.add(new InputError(file, 0, where + "." + field, "unknown key; allowed: cidr, name"));
                    }
                }
            }
            if (cidr == null || !cidr.isTextual()) {
                errors.add(new InputError(file, 0, item.isObject() ? where + ".cidr" : where,
                        "expected an IPv4 CIDR such as 10.20.0.0/16"));
                continue;
            }
            try {
                entries.add(Map.entry(RequestBinder.checkCidr(cidr.asText()), label == null ? "" : label));
            } catch (IllegalArgumentException e) {
                errors.add(new InputError(file, 0, item.isObject() ? where + ".cidr" : where, e.getMessage()));
            }
        }
        return entries;
    }
}
