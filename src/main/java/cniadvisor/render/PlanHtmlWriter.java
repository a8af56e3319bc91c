package cniadvisor.render;

import cniadvisor.model.PlanReport;
import cniadvisor.model.ProposedRange;
import cniadvisor.model.RangeRelation;
import cniadvisor.model.Reason;
import cniadvisor.model.Source;

import java.util.stream.Collectors;

/**
 * {@code plan -o html}: one self-contained page (inline style, no script, nothing fetched) with the address plan's
 * figure, its ranges as a table and its findings. Every value from the request or the plan is escaped.
 */
public final class PlanHtmlWriter {

    private static final String STYLE = """
            body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; color: #1b1b1b; margin: 1.5rem; \
            max-width: 1000px; }
            h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 1.5rem; }
            figure { margin: 0; } figure svg { max-width: 100%; height: auto; }
            table { border-collapse: collapse; font-size: 0.9rem; }
            th, td { border: 1px solid #cfd8dc; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
            th { background: #eceff1; }
            td.cidr { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; white-space: nowrap; }
            tr.rejected td { background: #fde0dc; }
            li.error strong { color: #b71c1c; } li.warning strong { color: #e65100; }
            """;

    private PlanHtmlWriter() {
    }

    public static String html(PlanReport report, AddressMapSvg figure) {
        String title = "Address plan: " + report.name();
        StringBuilder s = new StringBuilder(8192);
        s.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(h(title)).append("</title>\n<style>\n").append(STYLE)
                .append("</style>\n</head>\n<body>\n");
        s.append("<h1>").append(h(title)).append("</h1>\n<p>");
        s.append(report.option() == null ? "No option satisfies the requirements, so no ranges were planned."
                : "Ranges planned for <code>" + h(report.option()) + "</code>.");
        s.append(" As of ").append(report.asOf()).append(".</p>\n");
        s.append("<figure>\n").append(figure.svg()).append("<figcaption>Each lane is drawn to scale; hover a block "
                + "for its range, role and origin. Overlapping, misfit and outside ranges are drawn in red."
                + "</figcaption>\n</figure>\n");
        if (!report.addressPlan().ranges().isEmpty()) {
            s.append("<h2>Ranges</h2>\n<table class=\"ranges\">\n<thead><tr><th>Range</th><th>CIDR</th>"
                    + "<th>Origin</th><th>Pools</th><th>Note</th></tr></thead>\n<tbody>\n");
            for (ProposedRange r : report.addressPlan().ranges()) {
                s.append("<tr").append(r.isRejected() ? " class=\"rejected\"" : "").append(" data-role=\"")
                        .append(h(r.role())).append("\" data-cidr=\"").append(h(r.cidr())).append("\"><td>")
                        .append(h(RangeRelation.label(r.role()))).append("</td><td class=\"cidr\">")
                        .append(h(r.cidr())).append("</td><td>").append(h(r.origin())).append("</td><td>")
                        .append(h(String.join(", ", r.pools()))).append("</td><td>").append(h(note(r)))
                        .append("</td></tr>\n");
            }
            s.append("</tbody>\n</table>\n");
        }
        if (!report.addressPlan().findings().isEmpty()) {
            s.append("<h2>Findings</h2>\n<ul class=\"findings\">\n");
            for (Reason f : report.addressPlan().findings()) {
                s.append("<li class=\"").append(h(f.level())).append("\"><strong>").append(h(f.level()))
                        .append("</strong>: ").append(h(f.text())).append(" [").append(h(f.rule())).append("; ")
                        .append(h(f.sources().stream().map(Source::id).collect(Collectors.joining(", "))))
                        .append("]</li>\n");
            }
            s.append("</ul>\n");
        }
        s.append("</body>\n</html>\n");
        return s.toString();
    }

    private static String note(ProposedRange r) {
        StringBuilder s = new StringBuilder();
        if (r.replaces() != null) {
            s.append("instead of ").append(r.replaces());
        }
        if (r.reason() != null) {
            s.append(s.isEmpty() ? "" : ": ").append(r.reason());
        }
        if (r.isRejected()) {
            s.append(s.isEmpty() ? "" : "; ").append(r.proposal() == null ? "no free range found to propose"
                    : "proposed instead: " + r.proposal());
        }
        return s.toString();
    }

    /** Text or a double-quoted attribute value in HTML. */
    private static String h(String s) {
        return s == null ? "" : AddressMapSvg.attr(s);
    }
}
