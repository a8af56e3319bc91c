package cniadvisor.cli;

import cniadvisor.contract.JsonSchemaWriter;
import cniadvisor.contract.KeyTable;
import cniadvisor.contract.RequestContract;
import cniadvisor.io.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code schema}: the JSON Schema of a request file, or the README's table of request keys, both from the request
 * contract of the facts loaded (so --facts changes the allowed values and bounds).
 */
@Command(name = "schema",
        mixinStandardHelpOptions = true,
        description = {
                "Prints the JSON Schema (draft 2020-12) of a request file: every key with its type, bounds, allowed "
                        + "values (from facts/), default and description, node pools with the AKS API's spellings. "
                        + "Editors use it to complete keys and flag mistakes as you type. --markdown prints the "
                        + "table of request keys instead.",
                "",
                "Examples:",
                "  cni-advisor schema > request.schema.json",
                "  # then, first line of a request file: # yaml-language-server: $schema=request.schema.json",
                "  cni-advisor schema --markdown",
                ""})
final class SchemaCommand implements Callable<Integer> {

    /** What to print. */
    enum SchemaFormat {
        json, markdown
    }

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output", "--format"}, paramLabel = "FORMAT", defaultValue = "json",
            description = "json: the JSON Schema; markdown: the table of request keys (default: ${DEFAULT-VALUE}).")
    SchemaFormat format = SchemaFormat.json;

    @Option(names = "--markdown", description = "The same as -o markdown.")
    boolean markdown;

    @Mixin
    KnowledgeOptions knowledge;

    @Override
    public Integer call() {
        RequestContract contract = RequestContract.of(knowledge.loadKnowledge());
        PrintWriter out = spec.commandLine().getOut();
        out.print(markdown || format == SchemaFormat.markdown ? KeyTable.markdown(contract)
                : JsonSchemaWriter.json(contract));
        out.flush();
        return ExitCode.OK.code();
    }
}
