package cniadvisor.cli;

import cniadvisor.contract.JsonSchemaWriter;
import cniadvisor.contract.KeyTable;
import cniadvisor.contract.OutputSchemaWriter;
import cniadvisor.contract.RequestContract;
import cniadvisor.io.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code schema}: the JSON Schema of a request file, or the README's table of request keys, both from the request
 * contract of the facts loaded (so --facts changes the allowed values and bounds); {@code schema advice|plan|batch}:
 * the JSON Schema of that output, generated from the model ({@link OutputSchemaWriter}).
 */
@Command(name = "schema",
        mixinStandardHelpOptions = true,
        description = {
                "Prints the JSON Schema (draft 2020-12) of a request file: every key with its type, bounds, allowed "
                        + "values (from facts/), default and description, node pools with the AKS API's spellings. "
                        + "Editors use it to complete keys and flag mistakes as you type. --markdown prints the "
                        + "table of request keys instead.",
                "",
                "With a DOCUMENT, prints the JSON Schema of that output instead, generated from the tool's model: "
                        + "advice (advise -o json), plan (plan -o json), batch (one item of batch -o json, one line "
                        + "of -o jsonl). Every JSON document the tool writes starts with schemaVersion, the version "
                        + "these schemas describe.",
                "",
                "Examples:",
                "  cni-advisor schema > request.schema.json",
                "  # then, first line of a request file:",
                "  # yaml-language-server: $schema=request.schema.json",
                "  cni-advisor schema --markdown",
                "  cni-advisor schema advice > advice.schema.json",
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

    /** What {@code schema} can describe: the request, then each output. */
    static final class Documents extends java.util.ArrayList<String> {
        Documents() {
            add("request");
            addAll(OutputSchemaWriter.names());
        }
    }

    @Parameters(paramLabel = "DOCUMENT", arity = "0..1", completionCandidates = Documents.class,
            description = "request (the default: a request file), or an output: advice, plan or batch.")
    String document;

    @Mixin
    KnowledgeOptions knowledge;

    @Override
    public Integer call() {
        if (document != null && !document.equals("request")) {
            OutputSchemaWriter.Document output;
            try {
                output = OutputSchemaWriter.Document.valueOf(document);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "schema: unknown document '"
                        + document + "' (expected request, " + String.join(", ", OutputSchemaWriter.names()) + ")");
            }
            if (markdown || format == SchemaFormat.markdown) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--markdown is the table of request keys; an output's schema is JSON only");
            }
            PrintWriter out = spec.commandLine().getOut();
            out.print(OutputSchemaWriter.json(output));
            out.flush();
            return ExitCode.OK.code();
        }
        RequestContract contract = RequestContract.of(knowledge.loadKnowledge());
        PrintWriter out = spec.commandLine().getOut();
        out.print(markdown || format == SchemaFormat.markdown ? KeyTable.markdown(contract)
                : JsonSchemaWriter.json(contract));
        out.flush();
        return ExitCode.OK.code();
    }
}
