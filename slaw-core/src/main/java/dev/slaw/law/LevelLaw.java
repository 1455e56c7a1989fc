package dev.slaw.law;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.law.expr.Formula;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A formula law with per-level parameters bound to the levels of the data it was fitted on:
 * {@code u[family]} in the formula becomes one parameter per distinct value of the text column
 * {@code family}, named {@code u[llama]}, {@code u[qwen]}, ... Each parameter keeps the
 * template's bounds, transform and start values.
 *
 * <p>It is the indicator construction of a grouped fit with shared parameters: evaluating the
 * law on a table adds one 0/1 column per level and reads {@code u[family]} as
 * {@code (in_llama*u[llama] + in_qwen*u[qwen] + ...)}, so the ordinary fitter, covariance,
 * bootstrap and prediction apply unchanged. Unlike the grouped fit, the indicators are rebuilt
 * from the text column of whatever table the law is evaluated on (a prediction's table), and a
 * level the fit never saw is refused by name.
 */
public final class LevelLaw implements Law {
    private static final Pattern INDEXED = Pattern.compile("(.+)\\[([^\\]]+)\\]");

    private final FormulaLaw template;
    /** text column -> its levels, in order of first appearance in the fitted data. */
    private final Map<String, List<String>> levels;
    private final List<Parameter> parameters;
    private final LawMetadata metadata;

    private LevelLaw(FormulaLaw template, Map<String, List<String>> levels, List<Parameter> parameters) {
        this.template = template;
        Map<String, List<String>> copy = new LinkedHashMap<>();
        levels.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        this.levels = Collections.unmodifiableMap(copy);
        this.parameters = List.copyOf(parameters);
        Map<String, List<Double>> starts = new LinkedHashMap<>();
        template.metadata().startGrid().forEach((name, values) -> {
            Optional<String[]> ix = indexed(name);
            String base = ix.map(a -> a[0]).orElse(name);
            for (Parameter p : template.parameters()) {
                Optional<String[]> px = indexed(p.name());
                if (px.isPresent() && px.get()[0].equals(base)) {
                    for (String level : this.levels.get(px.get()[1])) {
                        starts.put(base + "[" + level + "]", values);
                    }
                    return;
                }
            }
            starts.put(name, values);
        });
        LawMetadata m = template.metadata();
        this.metadata = new LawMetadata(m.description(), m.citation(), m.variables(), starts);
    }

    /** {@code {"u", "family"}} for the name {@code u[family]}; empty for a plain name. */
    public static Optional<String[]> indexed(String name) {
        Matcher m = INDEXED.matcher(name);
        return m.matches() ? Optional.of(new String[]{m.group(1), m.group(2)}) : Optional.empty();
    }

    /** Whether a law is a formula with per-level parameters not yet bound to levels. */
    public static boolean hasLevels(Law law) {
        return law instanceof FormulaLaw f && !f.labelColumns().isEmpty();
    }

    /**
     * The law bound to the levels of {@code data}'s text columns when it has per-level
     * parameters; any other law as it is.
     *
     * @throws BadInputException for a per-level parameter over a column that is not a text column
     *                           of the data
     */
    public static Law bind(Law law, Dataset data) {
        if (!hasLevels(law)) {
            return law;
        }
        FormulaLaw f = (FormulaLaw) law;
        Map<String, List<String>> levels = new LinkedHashMap<>();
        for (String column : f.labelColumns()) {
            String[] labels = labels(f, data, column);
            Set<String> seen = new java.util.LinkedHashSet<>(List.of(labels));
            levels.put(column, new ArrayList<>(seen));
        }
        return of(f, levels);
    }

    /**
     * The law of a template with the given levels (a saved fit's).
     *
     * @throws BadInputException when a per-level parameter is tied, a tie names one, one name is
     *                           indexed by two columns, a level holds a backquote, or a level's
     *                           parameter would take the name of another parameter
     */
    public static LevelLaw of(FormulaLaw template, Map<String, List<String>> levels) {
        List<Parameter> out = new ArrayList<>();
        Map<String, String> columnOfBase = new HashMap<>();
        Set<String> names = new HashSet<>();
        for (Parameter p : template.parameters()) {
            if (p.isTied() && p.tie().contains("[")) {
                throw new BadInputException("law " + template.name() + ": parameter " + p.name() + " is tied to "
                        + p.tie() + ", but a tie cannot name a per-level parameter");
            }
            Optional<String[]> ix = indexed(p.name());
            if (ix.isEmpty()) {
                out.add(p);
                continue;
            }
            String base = ix.get()[0];
            String column = ix.get()[1];
            if (p.isTied()) {
                throw new BadInputException("law " + template.name() + ": per-level parameter " + p.name()
                        + " cannot be tied (" + p.tie() + ")");
            }
            String other = columnOfBase.putIfAbsent(base, column);
            if (other != null && !other.equals(column)) {
                throw new BadInputException("law " + template.name() + ": " + base + " has levels of both " + other
                        + " and " + column + "; give the two parameters different names");
            }
            List<String> lv = levels.get(column);
            if (lv == null || lv.isEmpty()) {
                throw new BadInputException("law " + template.name() + ": no levels of column " + column + " for "
                        + p.name());
            }
            for (String level : lv) {
                if (level.indexOf('`') >= 0 || level.indexOf(']') >= 0) {
                    throw new BadInputException("law " + template.name() + ": level \"" + level + "\" of column " + column
                            + " holds a backquote or ']', which a parameter name cannot");
                }
                out.add(new Parameter(base + "[" + level + "]", p.lower(), p.upper(), p.transform(), p.fixed(), null));
            }
        }
        for (Parameter p : out) {
            if (!names.add(p.name())) {
                throw new BadInputException("law " + template.name() + ": two parameters would be named " + p.name());
            }
        }
        return new LevelLaw(template, levels, out);
    }

    /** The law as written, with {@code u[family]} as one declared parameter. */
    public FormulaLaw template() {
        return template;
    }

    /** Each text column's levels, in the order the fitted data first shows them. */
    public Map<String, List<String>> levels() {
        return levels;
    }

    @Override
    public String name() {
        return template.name();
    }

    @Override
    public String formula() {
        return template.formula();
    }

    @Override
    public List<String> variables() {
        return template.variables();
    }

    @Override
    public List<String> labelColumns() {
        return List.copyOf(levels.keySet());
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public Target target() {
        return template.target();
    }

    @Override
    public LawMetadata metadata() {
        return metadata;
    }

    /**
     * Binds the law to a table: its variables, and for each per-level parameter the indicator of
     * each level on the table's text column.
     *
     * @throws BadInputException naming the first row whose level the fit never saw
     */
    @Override
    public LawEvaluator evaluator(Dataset data) {
        Dataset d = data;
        Set<String> taken = new HashSet<>(d.columnNames());
        Map<String, List<String>> indicators = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : levels.entrySet()) {
            String column = e.getKey();
            String[] labels = labels(template, data, column);
            Map<String, Integer> index = new HashMap<>();
            List<String> lv = e.getValue();
            for (int k = 0; k < lv.size(); k++) {
                index.put(lv.get(k), k);
            }
            double[][] in = new double[lv.size()][data.rowCount()];
            for (int i = 0; i < labels.length; i++) {
                Integer k = index.get(labels[i]);
                if (k == null) {
                    throw new BadInputException(data.source() + ": row " + data.rowNumber(i) + ": " + column + " \""
                            + labels[i] + "\" is not a level the law was fitted on, so its per-level parameters have no"
                            + " value (levels: " + String.join(", ", lv) + ")");
                }
                in[k][i] = 1;
            }
            List<String> names = new ArrayList<>();
            for (int k = 0; k < lv.size(); k++) {
                String n = column + " is " + k;
                for (int j = 2; taken.contains(n); j++) {
                    n = column + " is " + k + " (" + j + ")";
                }
                taken.add(n);
                names.add(n);
                d = d.withColumn(n, in[k]);
            }
            indicators.put(column, names);
        }
        Map<String, Formula> replacement = new LinkedHashMap<>();
        List<String> variables = new ArrayList<>(template.variables());
        indicators.values().forEach(variables::addAll);
        for (Parameter p : template.parameters()) {
            Optional<String[]> ix = indexed(p.name());
            if (ix.isEmpty()) {
                continue;
            }
            String base = ix.get()[0];
            String column = ix.get()[1];
            StringBuilder sb = new StringBuilder("(");
            List<String> lv = levels.get(column);
            for (int k = 0; k < lv.size(); k++) {
                sb.append(k == 0 ? "" : " + ").append('`').append(indicators.get(column).get(k)).append("` * `")
                        .append(base).append('[').append(lv.get(k)).append("]`");
            }
            replacement.put(p.name(), Formula.parse(sb.append(')').toString()));
        }
        FormulaLaw expanded = new FormulaLaw(template.name(), template.definition().withNamesReplaced(replacement),
                variables, parameters, template.target(), metadata);
        return expanded.compiled(d);
    }

    private static String[] labels(FormulaLaw law, Dataset data, String column) {
        return data.label(column).orElseThrow(() -> new BadInputException(data.source() + ": law " + law.name()
                + " has parameters per level of '" + column + "', which is not a text column"
                + (data.hasColumn(column) ? " (it holds numbers)" : "") + " (text columns: "
                + (data.labels().isEmpty() ? "none" : String.join(", ", data.labels().keySet())) + ")"));
    }

    @Override
    public Law withParameters(List<Parameter> newParameters) {
        return new LevelLaw(template, levels, newParameters);
    }

    @Override
    public Law withTarget(Target newTarget) {
        return new LevelLaw((FormulaLaw) template.withTarget(newTarget), levels, parameters);
    }

    @Override
    public String toString() {
        return template + " (levels of " + String.join(", ", levels.keySet()) + ")";
    }
}
