package cniadvisor.render;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Findings as the CI systems annotate them: GitHub Actions workflow commands ({@code ::error file=F,line=L,
 * title=T::message}) and Azure Pipelines logging commands ({@code ##vso[task.logissue type=error;sourcepath=F;
 * linenumber=L;code=T]message}). Each system's escaping is applied to messages and properties, so no finding can
 * end its command early or start another.
 */
public final class CiAnnotations {

    /** The two systems; the constant's text is how -o names it. */
    public enum Kind {
        github,
        azure_devops {
            @Override
            public String toString() {
                return "azure-devops";
            }
        }
    }

    /** One annotation: level error, warning or notice; {@code line} and {@code column} 0 when unknown. */
    public record Annotation(String level, String file, int line, int column, String title, String message) {
    }

    private static final Pattern LOCATED = Pattern.compile("(?<file>.+?):(?<line>\\d+)(?::(?<column>\\d+))?: (?<text>.*)",
            Pattern.DOTALL);

    private CiAnnotations() {
    }

    /** "file:line[:column]: message", as rules check and the input errors write them, as an annotation. */
    public static Annotation located(String level, String text, String title) {
        Matcher m = LOCATED.matcher(text);
        if (!m.matches()) {
            return new Annotation(level, null, 0, 0, title, text);
        }
        return new Annotation(level, m.group("file"), Integer.parseInt(m.group("line")),
                m.group("column") == null ? 0 : Integer.parseInt(m.group("column")), title, m.group("text"));
    }

    public static String render(Kind kind, List<Annotation> annotations) {
        StringBuilder s = new StringBuilder();
        for (Annotation a : annotations) {
            s.append(kind == Kind.github ? github(a) : azureDevOps(a)).append('\n');
        }
        return s.toString();
    }

    private static String github(Annotation a) {
        StringBuilder props = new StringBuilder();
        if (a.file() != null) {
            props.append("file=").append(githubProperty(a.file()));
            if (a.line() > 0) {
                props.append(",line=").append(a.line());
            }
            if (a.column() > 0) {
                props.append(",col=").append(a.column());
            }
        }
        if (a.title() != null) {
            props.append(props.isEmpty() ? "" : ",").append("title=").append(githubProperty(a.title()));
        }
        return "::" + a.level() + (props.isEmpty() ? "" : " " + props) + "::" + githubData(a.message());
    }

    /** Azure Pipelines has no notice issue: a notice is a plain line of the log. */
    private static String azureDevOps(Annotation a) {
        if (!a.level().equals("error") && !a.level().equals("warning")) {
            return Escape.oneLine(a.message());
        }
        StringBuilder props = new StringBuilder("type=").append(a.level());
        if (a.file() != null) {
            props.append(";sourcepath=").append(vso(a.file()));
            if (a.line() > 0) {
                props.append(";linenumber=").append(a.line());
            }
            if (a.column() > 0) {
                props.append(";columnnumber=").append(a.column());
            }
        }
        if (a.title() != null) {
            props.append(";code=").append(vso(a.title()));
        }
        return "##vso[task.logissue " + props + "]" + vso(a.message());
    }

    /** GitHub's escaping of a command's message. */
    static String githubData(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** GitHub's escaping of a property value: the message's, and ':' and ','. */
    static String githubProperty(String s) {
        return githubData(s).replace(":", "%3A").replace(",", "%2C");
    }

    /** Azure Pipelines' escaping of logging command values. */
    static String vso(String s) {
        return s.replace("%", "%AZP25").replace("\r", "%0D").replace("\n", "%0A").replace("]", "%5D")
                .replace(";", "%3B");
    }
}
