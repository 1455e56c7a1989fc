package dev.slaw.fit;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.law.FormulaLaw;
import dev.slaw.law.Law;
import dev.slaw.law.LawMetadata;
import dev.slaw.law.Parameter;
import dev.slaw.law.Target;
import dev.slaw.law.expr.Formula;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The joint law of a grouped fit with shared parameters, built in the law language so that the
 * ordinary fitter, covariance and bootstrap apply to it unchanged: every parameter that is not
 * shared (nor fixed) gets one copy per group, {@code alpha_<group>}, and each row selects its
 * group's copy through an indicator column, so {@code alpha} becomes
 * {@code (g0*alpha_a + g1*alpha_b + ...)} with {@code g_k} 1 on group k's rows and 0 elsewhere.
 * A tie {@code beta = alpha} holds within each group.
 */
final class SharedParameters {
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9_]");

    private final Law base;
    private final List<String> shared;
    private final List<String> groups;
    /** base parameter name -> group -> joint parameter name, for the per-group copies. */
    private final Map<String, Map<String, String>> copies;
    private final FormulaLaw law;
    private final Dataset data;

    private SharedParameters(Law base, List<String> shared, List<String> groups,
                             Map<String, Map<String, String>> copies, FormulaLaw law, Dataset data) {
        this.base = base;
        this.shared = List.copyOf(shared);
        this.groups = List.copyOf(groups);
        this.copies = copies;
        this.law = law;
        this.data = data;
    }

    /**
     * The joint law and data for these groups.
     *
     * @throws BadInputException for a shared name that is not a free parameter, for sharing every
     *                           free parameter, or for a law that is not a formula
     */
    static SharedParameters of(Law base, Dataset data, String groupColumn, Map<String, int[]> rowsByGroup,
                               List<String> shared) {
        if (!(base instanceof FormulaLaw formulaLaw)) {
            throw new BadInputException("--shared needs a law written as a formula; law " + base.name() + " is not");
        }
        List<String> names = base.parameters().stream().map(Parameter::name).toList();
        List<String> sharedNames = new ArrayList<>();
        for (String s : shared) {
            String n = s.strip();
            int i = base.parameterIndex(n);
            if (i < 0) {
                throw new BadInputException("--shared " + n + ": law " + base.name() + " has no parameter '" + n
                        + "' (parameters: " + String.join(", ", names) + ")");
            }
            Parameter p = base.parameters().get(i);
            if (!p.isFree()) {
                throw new BadInputException("--shared " + n + ": parameter " + n + " is "
                        + (p.isFixed() ? "fixed" : "tied to " + p.tie()) + ", so it is already one value in every group");
            }
            if (!sharedNames.contains(n)) {
                sharedNames.add(n);
            }
        }
        if (sharedNames.isEmpty()) {
            throw new BadInputException("--shared names no parameter");
        }
        List<String> perGroup = new ArrayList<>();
        for (Parameter p : base.parameters()) {
            if (!p.isFixed() && !sharedNames.contains(p.name())) {
                perGroup.add(p.name());
            }
        }
        if (perGroup.stream().noneMatch(n -> base.parameters().get(base.parameterIndex(n)).isFree())) {
            throw new BadInputException("--shared " + String.join(",", sharedNames) + " shares every free parameter of "
                    + base.name() + ": that is the pooled fit (leave out --group)");
        }
        List<String> groups = new ArrayList<>(rowsByGroup.keySet());
        Set<String> taken = new HashSet<>(names);
        taken.addAll(base.variables());
        taken.addAll(data.columnNames());
        // one indicator column per group
        List<String> indicators = new ArrayList<>();
        Dataset joint = data;
        for (int k = 0; k < groups.size(); k++) {
            String col = unique("in_group_" + k, taken);
            indicators.add(col);
            double[] in = new double[data.rowCount()];
            for (int row : rowsByGroup.get(groups.get(k))) {
                in[row] = 1;
            }
            joint = joint.withColumn(col, in);
        }
        Map<String, Map<String, String>> copies = new LinkedHashMap<>();
        for (String p : perGroup) {
            Map<String, String> byGroup = new LinkedHashMap<>();
            for (String g : groups) {
                byGroup.put(g, unique(p + "_" + UNSAFE.matcher(g).replaceAll("_"), taken));
            }
            copies.put(p, byGroup);
        }
        // the formula with each per-group parameter replaced by its indicator-weighted copies
        Map<String, String> replacement = new LinkedHashMap<>();
        copies.forEach((p, byGroup) -> {
            StringBuilder sb = new StringBuilder("(");
            for (int k = 0; k < groups.size(); k++) {
                sb.append(k == 0 ? "" : " + ").append(indicators.get(k)).append('*').append(byGroup.get(groups.get(k)));
            }
            replacement.put(p, sb.append(')').toString());
        });
        String formula = substitute(base.formula(), replacement);
        List<Parameter> params = new ArrayList<>();
        Map<String, String> renameIn = new LinkedHashMap<>();
        for (Parameter p : base.parameters()) {
            if (!copies.containsKey(p.name())) {
                params.add(p);
                continue;
            }
            for (String g : groups) {
                copies.forEach((q, byGroup) -> renameIn.put(q, byGroup.get(g)));
                Parameter copy = new Parameter(copies.get(p.name()).get(g), p.lower(), p.upper(), p.transform(),
                        p.fixed(), p.isTied() ? substitute(p.tie(), renameIn) : null);
                params.add(copy);
            }
        }
        List<String> variables = new ArrayList<>(base.variables());
        variables.addAll(indicators);
        FormulaLaw jointLaw = new FormulaLaw(base.name() + ", " + String.join(", ", sharedNames) + " shared across "
                + groupColumn, Formula.parse(formula, variables), variables, params, base.target(),
                new LawMetadata(base.metadata().description(), base.metadata().citation(),
                        base.metadata().variables(), Map.of()));
        return new SharedParameters(formulaLaw, sharedNames, groups, copies, jointLaw, joint);
    }

    List<String> shared() {
        return shared;
    }

    /** The law fitted to every group at once. */
    FormulaLaw law() {
        return law;
    }

    /** The rows of every group, with the indicator columns. */
    Dataset data() {
        return data;
    }

    /** Free parameters each group has to itself. */
    int ownFreeCount() {
        int n = 0;
        for (String p : copies.keySet()) {
            if (base.parameters().get(base.parameterIndex(p)).isFree()) {
                n++;
            }
        }
        return n;
    }

    /** The joint parameter that carries base parameter {@code name} in group {@code group}. */
    String jointName(String name, String group) {
        Map<String, String> byGroup = copies.get(name);
        return byGroup == null ? name : byGroup.get(group);
    }

    /**
     * A start point of the joint law: each group's own parameters from {@code perGroup}, the
     * shared ones from {@code sharedValues}.
     */
    Map<String, Double> startPoint(Function<String, Map<String, Double>> perGroup, Map<String, Double> sharedValues) {
        Map<String, Double> point = new LinkedHashMap<>();
        for (Parameter p : base.parameters()) {
            if (copies.containsKey(p.name())) {
                for (String g : groups) {
                    point.put(jointName(p.name(), g), perGroup.apply(g).get(p.name()));
                }
            } else {
                point.put(p.name(), sharedValues.get(p.name()));
            }
        }
        return point;
    }

    /**
     * One group's share of the joint fit, as a fit of the base law: its own and the shared
     * parameters with their joint standard errors, the covariance block of those parameters,
     * residual statistics and objective over the group's rows, the fingerprint of those rows,
     * and the warnings that concern it.
     */
    Fit split(Fit joint, String group, Dataset rows, String target, List<String> notes) {
        List<FittedParameter> params = new ArrayList<>();
        for (Parameter p : base.parameters()) {
            FittedParameter jp = joint.parameter(jointName(p.name(), group)).orElseThrow();
            params.add(new FittedParameter(p.name(), jp.value(), jp.standardError(), jp.note(), jp.state(), p.tie(),
                    p.lower(), p.upper(), jp.start()));
        }
        List<String> baseFree = new ArrayList<>();
        for (Parameter p : base.parameters()) {
            if (p.isFree()) {
                baseFree.add(p.name());
            }
        }
        double[][] covariance = null;
        double[][] jc = joint.covariance();
        if (jc != null) {
            List<String> jointFree = joint.freeParameterNames();
            int[] idx = baseFree.stream().mapToInt(n -> jointFree.indexOf(jointName(n, group))).toArray();
            covariance = new double[idx.length][idx.length];
            for (int a = 0; a < idx.length; a++) {
                for (int b = 0; b < idx.length; b++) {
                    covariance[a][b] = jc[idx[a]][idx[b]];
                }
            }
        }
        List<String> used = Provenance.columnsUsed(base, target, joint.objective());
        Provenance prov = joint.provenance().withData(rows.source(), rows.fingerprint(used), used, notes,
                VariableRange.of(base, rows), VariableRange.ofTarget(rows, target));
        Fit draft = new Fit(base, target, params, covariance, "joint fit: " + joint.covarianceMethod(),
                Double.NaN, joint.objective(), joint.convergence(), joint.starts(), joint.statistics(), prov, List.of());
        FitStatistics stats = GroupFitter.statistics(draft, rows, target, baseFree.size());
        List<String> warnings = warnings(joint.warnings(), group);
        if (stats.rSquared() < 0) {
            warnings.add(String.format(java.util.Locale.ROOT, "r-squared %.3f on this group's rows: with %s shared,"
                    + " the law fits this group worse than its mean does", stats.rSquared(), String.join(", ", shared)));
        }
        return new Fit(base, target, params, covariance, draft.covarianceMethod(),
                objective(draft, rows, target), joint.objective(), joint.convergence(), joint.starts(), stats, prov,
                warnings);
    }

    /** The joint objective's terms over one group's rows. */
    private static double objective(Fit fit, Dataset rows, String target) {
        double[] raw = rows.column(target);
        double[] predictions = fit.predict(rows);
        boolean log = fit.law().target() == Target.LOG;
        Objective o = fit.objective();
        double[] w = o.weightColumn() == null ? null : rows.column(o.weightColumn());
        double sum = 0;
        for (int i = 0; i < raw.length; i++) {
            double r = log ? Math.log(raw[i]) - Math.log(predictions[i]) : raw[i] - predictions[i];
            sum += (w == null ? 1 : w[i]) * o.rho(r);
        }
        return o.mean() ? sum / raw.length : sum;
    }

    /** The joint warnings about this group (in the base law's names) or about every group. */
    private List<String> warnings(List<String> jointWarnings, String group) {
        Map<String, String> mine = new LinkedHashMap<>();
        List<String> others = new ArrayList<>();
        copies.forEach((p, byGroup) -> byGroup.forEach((g, name) -> {
            if (g.equals(group)) {
                mine.put(name, p);
            } else {
                others.add(name);
            }
        }));
        Pattern other = others.isEmpty() ? null : tokens(others);
        List<String> out = new ArrayList<>();
        for (String w : jointWarnings) {
            if (other != null && other.matcher(w).find()) {
                continue;
            }
            out.add(substitute(w, mine));
        }
        return out;
    }

    private static String unique(String name, Set<String> taken) {
        String n = name;
        for (int i = 2; taken.contains(n); i++) {
            n = name + "_" + i;
        }
        taken.add(n);
        return n;
    }

    /** Every whole-word occurrence of a key replaced by its value, in one pass. */
    private static String substitute(String text, Map<String, String> replacement) {
        if (replacement.isEmpty()) {
            return text;
        }
        Matcher m = tokens(replacement.keySet()).matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement.get(m.group(1))));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static Pattern tokens(java.util.Collection<String> names) {
        List<String> sorted = new ArrayList<>(names);
        sorted.sort((a, b) -> b.length() - a.length());
        StringBuilder alt = new StringBuilder();
        for (String n : sorted) {
            alt.append(alt.length() == 0 ? "" : "|").append(Pattern.quote(n));
        }
        return Pattern.compile("(?<![\\w.])(" + alt + ")(?![\\w.(])");
    }
}
