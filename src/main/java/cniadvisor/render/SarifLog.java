package cniadvisor.render;

import cniadvisor.io.Mappers;
import cniadvisor.model.Location;
import cniadvisor.model.Reason;
import cniadvisor.model.Source;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * One SARIF 2.1.0 log with a single run, streamed, shared by the batch and assess reports: the driver with every rule
 * that can produce a result, then the results as they come, then the invocation (with the run's exit code, so the
 * verdict agrees with it) and the run's properties. executionSuccessful stays true: in SARIF it says the tool ran
 * to the end, not whether it found problems.
 */
final class SarifLog {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    /** The tool has no web home of its own; this is the Microsoft overview its knowledge is built on. */
    static final String INFORMATION_URI = "https://learn.microsoft.com/azure/aks/concepts-network-cni-overview";

    /** The base of relative URIs, as GitHub code scanning names the checkout. */
    static final String SRCROOT = "%SRCROOT%";

    private final Writer out;
    private final JsonGenerator json;

    SarifLog(Writer out, List<BatchWriter.RuleInfo> rules) throws IOException {
        this.out = out;
        this.json = Mappers.JSON.getFactory().createGenerator(out)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .useDefaultPrettyPrinter();
        json.writeStartObject();
        json.writeStringField("$schema", SCHEMA);
        json.writeStringField("version", "2.1.0");
        json.writeArrayFieldStart("runs");
        json.writeStartObject();
        json.writeObjectFieldStart("tool");
        json.writeObjectFieldStart("driver");
        json.writeStringField("name", "cni-advisor");
        String version = SarifLog.class.getPackage().getImplementationVersion();
        json.writeStringField("version", version == null ? "dev" : version);
        json.writeStringField("informationUri", INFORMATION_URI);
        json.writeArrayFieldStart("rules");
        for (BatchWriter.RuleInfo rule : rules) {
            rule(rule);
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();
        json.writeArrayFieldStart("results");
    }

    /**
     * A reporting descriptor: the rule's title as its short description, what it decides as its full description,
     * and help (plain text and Markdown) that repeats it and lists the sources it cites, each a link with its date;
     * helpUri is the first source's page. A rule whose findings always have one level says so as its default.
     */
    private void rule(BatchWriter.RuleInfo rule) throws IOException {
        String decides = rule.description() != null && !rule.description().isBlank() ? rule.description()
                : rule.name();
        json.writeStartObject();
        json.writeStringField("id", rule.id());
        json.writeStringField("name", rule.name());
        message("shortDescription", rule.name());
        message("fullDescription", decides);
        json.writeObjectFieldStart("help");
        json.writeStringField("text", helpText(decides, rule.sources()));
        json.writeStringField("markdown", helpMarkdown(decides, rule.sources()));
        json.writeEndObject();
        if (rule.helpUri() != null) {
            json.writeStringField("helpUri", rule.helpUri());
        }
        if (rule.level() != null) {
            json.writeObjectFieldStart("defaultConfiguration");
            json.writeStringField("level", level(rule.level()));
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    /** What the rule decides, then its sources one a line: title, date, page. */
    static String helpText(String decides, List<Source> sources) {
        StringBuilder s = new StringBuilder(decides);
        if (!sources.isEmpty()) {
            s.append("\n\nSources:");
            for (Source source : sources) {
                s.append("\n- ").append(Citations.text(source));
            }
        }
        return s.toString();
    }

    /** The same in Markdown: each source a link, its title escaped so that it cannot end the link or the list. */
    static String helpMarkdown(String decides, List<Source> sources) {
        StringBuilder s = new StringBuilder(Escape.markdown(decides));
        if (!sources.isEmpty()) {
            s.append("\n\n**Sources**\n");
            for (Source source : sources) {
                s.append("\n- ").append(Citations.markdown(source));
            }
        }
        return s.toString();
    }

    /** SARIF levels: error, warning, note (the tool's info). */
    static String level(String level) {
        return Reason.INFO.equals(level) ? "note" : level;
    }

    private void message(String field, String text) throws IOException {
        json.writeObjectFieldStart(field);
        json.writeStringField("text", text);
        json.writeEndObject();
    }

    /** One result at the file's line (line 0: the whole file). */
    void result(String ruleId, String level, String message, String file, int line) throws IOException {
        result(ruleId, level, message, file, line, List.of());
    }

    /**
     * One result at the file's line (line 0: the whole file), with the other places it concerns as related
     * locations, each with its label as message (for a batch overlap: the other request).
     */
    void result(String ruleId, String level, String message, String file, int line, List<Location> related)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("ruleId", ruleId);
        json.writeStringField("level", level(level));
        message("message", message);
        json.writeArrayFieldStart("locations");
        json.writeStartObject();
        physicalLocation(file, line);
        json.writeEndObject();
        json.writeEndArray();
        if (!related.isEmpty()) {
            json.writeArrayFieldStart("relatedLocations");
            int id = 1;
            for (Location location : related) {
                json.writeStartObject();
                json.writeNumberField("id", id++);
                physicalLocation(location.file() != null ? location.file() : file, location.line());
                if (location.label() != null) {
                    message("message", location.label());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private void physicalLocation(String file, int line) throws IOException {
        json.writeObjectFieldStart("physicalLocation");
        json.writeObjectFieldStart("artifactLocation");
        String relative = relative(file);
        if (isAbsolute(relative)) {
            json.writeStringField("uri", java.nio.file.Path.of(relative).toUri().toASCIIString());
        } else {
            json.writeStringField("uri", SarifBatchWriter.uri(relative));
            json.writeStringField("uriBaseId", SRCROOT); // where code scanning resolves it: the checkout
        }
        json.writeEndObject();
        if (line > 0) {
            json.writeObjectFieldStart("region");
            json.writeNumberField("startLine", line);
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static boolean isAbsolute(String file) {
        try {
            return java.nio.file.Path.of(file).isAbsolute();
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /** A path under the working directory, relative to it; any other as given. */
    static String relative(String file) {
        try {
            java.nio.file.Path path = java.nio.file.Path.of(file);
            java.nio.file.Path cwd = java.nio.file.Path.of("").toAbsolutePath();
            return path.isAbsolute() && path.normalize().startsWith(cwd) ? cwd.relativize(path.normalize())
                    .toString() : file;
        } catch (java.nio.file.InvalidPathException e) {
            return file;
        }
    }

    /** The invocation with the exit code, the summary as the run's properties, and the end of the log. */
    void finish(int exitCode, Object summary) throws IOException {
        json.writeEndArray();
        json.writeArrayFieldStart("invocations");
        json.writeStartObject();
        json.writeBooleanField("executionSuccessful", true);
        json.writeNumberField("exitCode", exitCode);
        json.writeEndObject();
        json.writeEndArray();
        json.writeObjectFieldStart("properties");
        json.writeFieldName("summary");
        Mappers.JSON.writeValue(json, summary);
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
        json.flush();
        out.write('\n');
        out.flush();
    }
}
