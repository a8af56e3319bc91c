package cniadvisor.model;

import java.util.List;

/**
 * A Windows Server version AKS runs node pools on (facts/lifecycle.yaml, {@code windowsServerVersions:}), with
 * the OS SKU the AKS API gives it ({@code osSku}: Windows2022).
 */
public record WindowsVersion(String version, String osSku, List<String> sources) implements Cited {
    public WindowsVersion {
        sources = sources == null ? null : List.copyOf(sources);
    }
}
