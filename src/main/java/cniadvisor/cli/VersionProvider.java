package cniadvisor.cli;

import picocli.CommandLine;

/** The version from the jar manifest (Maven sets it), or "dev" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[]{"cni-advisor " + (version == null ? "dev" : version)};
    }
}
