package cniadvisor.engine;

import org.drools.base.base.ClassObjectType;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.reteoo.PropertySpecificUtil;
import org.drools.base.rule.Accumulate;
import org.drools.base.rule.Declaration;
import org.drools.base.rule.EvalCondition;
import org.drools.base.rule.From;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;
import org.drools.base.rule.accessor.Accumulator;
import org.drools.base.rule.accessor.ReadAccessor;
import org.drools.base.rule.constraint.Constraint;
import org.drools.modelcompiler.constraints.LambdaConstraint;
import org.drools.mvel.MVELConstraint;
import org.drools.mvel.accessors.ClassFieldReader;
import org.drools.mvel.expr.MVELCompilationUnit;
import org.drools.mvel.extractors.MVELObjectClassFieldReader;
import org.drools.util.bitmask.BitMask;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

import java.beans.Introspector;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which properties of one fact class each rule's conditions read: its patterns' constraints and bindings, and the
 * constraints of other patterns that reach into a bound fact ({@code $r : Request()} ... {@code Retirement( subject
 * == $r.currentPlugin )}), inside {@code not}, {@code exists}, {@code or}, {@code forall}, {@code accumulate} and
 * {@code from} alike. The consequence is not looked at: {@code $r : Request()} read only in the RHS reads nothing.
 *
 * <p>How: each {@link RuleImpl}'s LHS is walked ({@link RuleConditionElement#getNestedElements()}), and for each
 * {@link Pattern}:
 * <ul>
 * <li>bindings: a {@link Declaration} whose extractor is a {@link ClassFieldReader} names its property
 * ({@code getFieldName()}); an expression binding ({@link MVELObjectClassFieldReader}) is scanned like a
 * constraint;</li>
 * <li>constraints: the rules compile with the classic builder (see {@link RuleCompiler}), so every constraint is an
 * {@link MVELConstraint} whose text ({@code getExpression()}) is scanned for identifiers. In a pattern of the fact
 * class a bare identifier that is one of its properties ({@code nodeCount}, {@code windowsNodePools},
 * {@code getX()}, {@code this.x}) is read, unless it names a declaration; anywhere, {@code $v.x} is read when
 * {@code $v} binds a whole fact of the class. String literals and members of other objects are skipped.</li>
 * </ul>
 * Drools' own property-reactivity data was tried first and is not usable here: {@link Pattern#getListenedProperties()}
 * holds only {@code @watch} properties (empty for every bundled rule), and for a Java record
 * {@link PropertySpecificUtil#getAccessibleProperties} finds no properties at all (records have no getX/setX), so
 * every constraint's {@code getListenedPropertyMask} is "all properties"; the executable model's lambda constraints
 * likewise carry no reactive properties for a record. Nor does that mask ever cover {@code $r.x} written in another
 * pattern. The mask, given the fact class's own property list, is only the fallback for constraints that carry no
 * text. Should the rules be compiled with the executable model, a {@link LambdaConstraint}'s DRL text
 * ({@code getPredicateInformation().getStringConstraint()}) is scanned the same way.
 *
 * <p>Limitations: {@code eval}, accumulate functions and {@code from} are scanned only when they were compiled as
 * MVEL (their compilation unit's text, read reflectively); in the default java dialect they are compiled classes, so
 * a whole fact used there ({@code eval($r.nodeCount() > 3)}) is not resolved to properties (a property bound in a
 * pattern, {@code $n : nodeCount}, is counted where it is bound). The scan is lexical: an identifier that a
 * global happens to share with a property of the fact class would be counted. With the executable model, a binding
 * alone ({@code $n : nodeCount} with no constraint on it) is a compiled lambda and is not seen.
 */
public final class RuleInputs {

    /** Words of the DRL constraint language that are never a fact's property. */
    private static final Set<String> KEYWORDS = Set.of("null", "true", "false", "new", "instanceof", "contains",
            "excludes", "matches", "memberOf", "soundslike", "in", "not", "str", "isA", "after", "before",
            "coincides", "during", "finishes", "finishedby", "includes", "meets", "metby", "overlaps", "overlappedby",
            "starts", "startedby");

    private final Map<String, Set<String>> byRule;
    private final Map<String, Set<String>> literalsByRule;

    private RuleInputs(Map<String, Set<String>> byRule, Map<String, Set<String>> literalsByRule) {
        this.byRule = byRule;
        this.literalsByRule = literalsByRule;
    }

    /**
     * For each rule, keyed by its {@code @id} (its name when it has none), the properties of facts of
     * {@code factClass} its conditions read.
     */
    public static RuleInputs of(RuleBase rules, Class<?> factClass) {
        Properties properties = Properties.of(factClass);
        Map<String, Set<String>> byRule = new TreeMap<>();
        Map<String, Set<String>> literalsByRule = new TreeMap<>();
        for (KiePackage pkg : rules.kieBase().getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                RuleMeta meta = rules.rulesByName().get(pkg.getName() + "." + rule.getName());
                String key = meta != null && meta.id() != null ? meta.id() : rule.getName();
                Set<String> read = new TreeSet<>();
                Set<String> literals = new TreeSet<>();
                if (rule instanceof RuleImpl impl && impl.getLhs() != null) {
                    new Walker(factClass, properties, read, literals).rule(impl.getLhs());
                }
                byRule.computeIfAbsent(key, k -> new TreeSet<>()).addAll(read);
                literalsByRule.computeIfAbsent(key, k -> new TreeSet<>()).addAll(literals);
            }
        }
        byRule.replaceAll((k, v) -> Collections.unmodifiableSet(v));
        literalsByRule.replaceAll((k, v) -> Collections.unmodifiableSet(v));
        return new RuleInputs(Collections.unmodifiableMap(byRule), Collections.unmodifiableMap(literalsByRule));
    }

    /** The properties the rule's conditions read, sorted; empty when none or the rule is unknown. */
    public Set<String> propertiesRead(String ruleId) {
        return byRule.getOrDefault(ruleId, Set.of());
    }

    /**
     * The string literals in the rule's conditions, in patterns of any class ({@code features contains "dualStack"},
     * {@code role == "node-subnet"}): what a rule that reads a general property looks for in it.
     */
    public Set<String> literals(String ruleId) {
        return literalsByRule.getOrDefault(ruleId, Set.of());
    }

    /** The ids of the rules whose conditions read the property, sorted. */
    public List<String> rulesReading(String property) {
        return byRule.entrySet().stream().filter(e -> e.getValue().contains(property)).map(Map.Entry::getKey).toList();
    }

    /** The property names of a class, and which no-arg method ({@code getX}, {@code isX}, {@code x}) reads which. */
    private record Properties(List<String> names, Map<String, String> byMethod) {

        static Properties of(Class<?> type) {
            Set<String> names = new TreeSet<>();
            Map<String, String> byMethod = new HashMap<>();
            for (Method m : type.getMethods()) {
                if (Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0
                        || m.getReturnType() == void.class || isObjectMethod(m)) {
                    continue;
                }
                String name = m.getName();
                String property = name;
                if (name.length() > 3 && name.startsWith("get") && Character.isUpperCase(name.charAt(3))) {
                    property = Introspector.decapitalize(name.substring(3));
                } else if (name.length() > 2 && name.startsWith("is") && Character.isUpperCase(name.charAt(2))
                        && (m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class)) {
                    property = Introspector.decapitalize(name.substring(2));
                }
                names.add(property);
                byMethod.put(name, property);
            }
            for (Field f : type.getFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    names.add(f.getName());
                }
            }
            return new Properties(List.copyOf(names), byMethod);
        }

        private static boolean isObjectMethod(Method m) {
            try {
                Object.class.getMethod(m.getName());
                return true;
            } catch (NoSuchMethodException e) {
                return false;
            }
        }

        /** The property an identifier reads ({@code call}: it is followed by "("), or null. */
        String property(String identifier, boolean call) {
            if (call) {
                return byMethod.get(identifier);
            }
            return names.contains(identifier) ? identifier : null;
        }
    }

    private static final class Walker {
        private final Class<?> factClass;
        private final Properties properties;
        private final Set<String> read;
        /** Every declaration identifier of the rule, and those that bind a whole fact of the class. */
        private final Set<String> declarations = new HashSet<>();
        private final Set<String> factVariables = new HashSet<>();
        private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());

        private final Set<String> literals;

        Walker(Class<?> factClass, Properties properties, Set<String> read, Set<String> literals) {
            this.factClass = factClass;
            this.properties = properties;
            this.read = read;
            this.literals = literals;
        }

        void rule(RuleConditionElement lhs) {
            collectDeclarations(lhs, Collections.newSetFromMap(new IdentityHashMap<>()));
            element(lhs);
        }

        private void collectDeclarations(RuleConditionElement e, Set<Object> visited) {
            if (e == null || !visited.add(e)) {
                return;
            }
            if (e instanceof Pattern p) {
                for (Declaration d : p.getDeclarations().values()) {
                    declarations.add(d.getIdentifier());
                    if (d.isPatternDeclaration() && isFact(p)) {
                        factVariables.add(d.getIdentifier());
                    }
                }
            }
            e.getNestedElements().forEach(n -> collectDeclarations(n, visited));
        }

        private boolean isFact(Pattern p) {
            return p.getObjectType() instanceof ClassObjectType type && factClass.isAssignableFrom(type.getClassType());
        }

        private void element(RuleConditionElement e) {
            if (e == null || !seen.add(e)) {
                return;
            }
            if (e instanceof Pattern p) {
                pattern(p);
            } else if (e instanceof EvalCondition eval) {
                mvelText(eval.getEvalExpression());
            } else if (e instanceof Accumulate accumulate) {
                for (Accumulator a : accumulate.getAccumulators()) {
                    mvelText(a);
                }
            } else if (e instanceof From from) {
                mvelText(from.getDataProvider());
            }
            e.getNestedElements().forEach(this::element);
        }

        private void pattern(Pattern p) {
            boolean own = isFact(p);
            if (own) {
                for (Declaration d : p.getDeclarations().values()) {
                    binding(d.getExtractor());
                }
            }
            for (Constraint c : p.getConstraints()) {
                if (c instanceof MVELConstraint mvel) {
                    scan(mvel.getExpression(), own);
                } else if (c instanceof LambdaConstraint lambda) {
                    scan(lambda.getPredicateInformation().getStringConstraint(), own);
                } else if (own) {
                    mask(p, c);
                } else {
                    mvelText(c);
                }
            }
            if (p.getSource() != null) {
                element(p.getSource());
            }
        }

        private void binding(ReadAccessor extractor) {
            if (extractor instanceof ClassFieldReader field) {
                String name = field.getFieldName();
                int dot = name.indexOf('.');
                name = dot > 0 ? name.substring(0, dot) : name;
                if (!name.equals("this")) {
                    read.add(name);
                }
            } else if (extractor instanceof MVELObjectClassFieldReader expression) {
                scan(expression.getExpression(), true);
            }
        }

        /** A constraint that is not MVEL text: the properties of the class its listened-property mask sets. */
        private void mask(Pattern p, Constraint c) {
            BitMask mask = c.getListenedPropertyMask(Optional.of(p), p.getObjectType(), properties.names());
            if (mask == null || PropertySpecificUtil.isAllSetPropertyReactiveMask(mask) || mask.isAllSet()) {
                return;
            }
            for (int i = 0; i < properties.names().size(); i++) {
                if (PropertySpecificUtil.isPropertySetOnMask(mask, i)) {
                    read.add(properties.names().get(i));
                }
            }
        }

        /** The text of the MVEL compilation units an eval, accumulate function or from source was compiled to. */
        private void mvelText(Object compiled) {
            if (compiled == null) {
                return;
            }
            for (Class<?> c = compiled.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (f.getType() == MVELCompilationUnit.class && !Modifier.isStatic(f.getModifiers())) {
                        try {
                            f.setAccessible(true);
                            MVELCompilationUnit unit = (MVELCompilationUnit) f.get(compiled);
                            if (unit != null) {
                                scan(unit.getExpression(), false);
                            }
                        } catch (ReflectiveOperationException | RuntimeException e) {
                            // not readable: this element's text is not scanned (see the class comment)
                        }
                    }
                }
            }
        }

        /**
         * The properties an expression reads: with {@code own}, it is a constraint of a pattern of the class, whose
         * bare identifiers are that fact's; anywhere, {@code $v.x} where {@code $v} binds a whole fact.
         */
        private void scan(String expression, boolean own) {
            if (expression == null) {
                return;
            }
            List<Token> tokens = tokens(expression);
            for (int i = 0; i < tokens.size(); i++) {
                Token t = tokens.get(i);
                if (t.kind == Kind.LITERAL) {
                    literals.add(t.text);
                }
                if (t.kind != Kind.IDENT || (i > 0 && tokens.get(i - 1).kind == Kind.DOT)) {
                    continue;
                }
                boolean wholeFact = factVariables.contains(t.text) || (own && t.text.equals("this"));
                if (wholeFact) {
                    if (i + 2 < tokens.size() && tokens.get(i + 1).kind == Kind.DOT
                            && tokens.get(i + 2).kind == Kind.IDENT) {
                        add(tokens, i + 2);
                    }
                } else if (own && !declarations.contains(t.text) && !KEYWORDS.contains(t.text)) {
                    add(tokens, i);
                }
            }
        }

        private void add(List<Token> tokens, int i) {
            boolean call = i + 1 < tokens.size() && tokens.get(i + 1).kind == Kind.LPAREN;
            String property = properties.property(tokens.get(i).text, call);
            if (property != null) {
                read.add(property);
            }
        }
    }

    private enum Kind { IDENT, DOT, LPAREN, LITERAL, OTHER }

    private record Token(Kind kind, String text) {
    }

    /** Identifiers, member dots (also MVEL's null-safe "!."), "(" and everything else; literals are skipped. */
    private static List<Token> tokens(String s) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != c) {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                tokens.add(new Token(Kind.LITERAL, s.substring(i + 1, Math.min(j, s.length()))));
                i = j + 1;
            } else if (Character.isJavaIdentifierStart(c)) {
                int j = i + 1;
                while (j < s.length() && Character.isJavaIdentifierPart(s.charAt(j))) {
                    j++;
                }
                tokens.add(new Token(Kind.IDENT, s.substring(i, j)));
                i = j;
            } else if (Character.isDigit(c)) {
                int j = i + 1;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '.'
                        || s.charAt(j) == '_')) {
                    j++;
                }
                tokens.add(new Token(Kind.OTHER, "number"));
                i = j;
            } else if (c == '.' || (c == '!' && i + 1 < s.length() && s.charAt(i + 1) == '.')) {
                tokens.add(new Token(Kind.DOT, "."));
                i += c == '.' ? 1 : 2;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                tokens.add(new Token(c == '(' ? Kind.LPAREN : Kind.OTHER, String.valueOf(c)));
                i++;
            }
        }
        return tokens;
    }
}
