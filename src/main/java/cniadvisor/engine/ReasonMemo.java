package cniadvisor.engine;

import cniadvisor.model.Cited;
import cniadvisor.model.Reason;
import org.kie.api.definition.rule.Rule;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a {@link Verdict} may take from earlier evaluations instead of building it again: the metadata of a rule,
 * and a reason made from the same rule, effect, level, fact, text and arguments. A batch keeps one per worker
 * thread; a single evaluation needs none. An implementation must give what {@code lookup} or {@code build} would.
 */
public interface ReasonMemo {

    RuleMeta meta(Rule rule, Function<Rule, RuleMeta> lookup);

    Reason reason(RuleMeta rule, String effect, String level, Cited fact, String text, Object[] args,
                  Supplier<Reason> build);
}
