package dev.slaw.fit;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.law.Law;
import dev.slaw.law.LawEvaluator;
import dev.slaw.law.Numbers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of fitting a law: parameters with standard errors, the objective reached, how the
 * starts went, how well the law follows the data, and the provenance needed to reproduce it.
 *
 * @param law              the law with the declarations used (bounds, fixed, tied)
 * @param target           the data column fitted
 * @param parameters       every parameter of the law, in the law's order
 * @param covariance       covariance of the free parameters (in parameter units), or null when not defined
 * @param covarianceMethod how the covariance was estimated, or why it is missing
 * @param objectiveValue   the objective at the optimum
 * @param objective        the objective minimised
 * @param convergence      how the optimiser finished
 * @param starts           what happened across starts
 * @param statistics       residual statistics
 * @param provenance       data fingerprint, options, versions, timings
 * @param warnings         things a careful reader should know
 */
public record Fit(Law law, String target, List<FittedParameter> parameters, double[][] covariance,
                  String covarianceMethod, double objectiveValue, Objective objective, Convergence convergence,
                  StartSummary starts, FitStatistics statistics, Provenance provenance, List<String> warnings)
        implements Predictor {

    public Fit {
        parameters = List.copyOf(parameters);
        warnings = List.copyOf(warnings);
        covariance = covariance == null ? null : deepCopy(covariance);
    }

    @Override
    public double[][] covariance() {
        return covariance == null ? null : deepCopy(covariance);
    }

    /** Parameter values in the law's order. */
    public double[] values() {
        double[] v = new double[parameters.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = parameters.get(i).value();
        }
        return v;
    }

    /** Parameter values by name. */
    public Map<String, Double> valueMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (FittedParameter p : parameters) {
            m.put(p.name(), p.value());
        }
        return m;
    }

    public Optional<FittedParameter> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** A parameter's value by name. */
    public double value(String name) {
        return parameter(name).orElseThrow(() -> new BadInputException("the fit has no parameter '" + name
                + "'")).value();
    }

    /** Names of the free parameters, in the order of {@link #covariance()}. */
    public List<String> freeParameterNames() {
        List<String> out = new ArrayList<>();
        for (FittedParameter p : parameters) {
            if (p.state() == FittedParameter.State.FREE) {
                out.add(p.name());
            }
        }
        return out;
    }

    @Override
    public double predict(Map<String, Double> point) {
        return Predictor.at(law, values(), point);
    }

    /** Predictions for every row of a dataset that has the law's variables. */
    public double[] predict(Dataset data) {
        LawEvaluator ev = law.evaluator(data);
        double[] out = new double[data.rowCount()];
        ev.evaluate(values(), out, null);
        return out;
    }

    /**
     * The law with its numbers, e.g. {@code L = 1.82 + 478 / N^0.347 + 2144 / D^0.367}; a
     * negative value folds into the sign before it ({@code E - 13.02 * (x - 0.771)},
     * {@code x^-0.0377}), and the text parses back to the fitted function (to four digits).
     */
    @Override
    public String toString() {
        Map<String, Double> values = new LinkedHashMap<>();
        for (FittedParameter p : parameters) {
            values.put(p.name(), round(p.value()));
        }
        if (law instanceof dev.slaw.law.FormulaLaw f) {
            return dev.slaw.law.expr.LawText.withValues(f.definition(), values, Numbers::compact);
        }
        return substituteInText(law.formula(), values);
    }

    /**
     * For a law written in Java whose formula is only a description: each parameter name
     * replaced by its value, a negative value merged with a sign or caret before it.
     */
    private static String substituteInText(String formula, Map<String, Double> values) {
        String f = formula;
        for (Map.Entry<String, Double> p : values.entrySet()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                    "(\\^-|\\^|[-+] |)(?<![\\w.])" + java.util.regex.Pattern.quote(p.getKey()) + "(?![\\w.(])(\\^)?").matcher(f);
            StringBuilder sb = new StringBuilder();
            double v = p.getValue();
            String magnitude = Numbers.compact(Math.abs(v));
            while (m.find()) {
                String before = m.group(1);
                boolean powerFollows = m.group(2) != null;
                String after = powerFollows ? "^" : "";
                String text;
                if (v >= 0) {
                    text = before + magnitude;
                } else if (before.equals("^-")) {
                    text = "^" + magnitude;
                } else if (before.equals("^")) {
                    text = "^-" + magnitude;
                } else if (!powerFollows && before.equals("- ")) {
                    text = "+ " + magnitude;
                } else if (!powerFollows && before.equals("+ ")) {
                    text = "- " + magnitude;
                } else {
                    text = before + "(-" + magnitude + ")";
                }
                m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(text + after));
            }
            m.appendTail(sb);
            f = sb.toString();
        }
        return f;
    }

    private static double round(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        double scale = Math.pow(10, 3 - Math.floor(Math.log10(Math.abs(v))));
        return Math.round(v * scale) / scale;
    }

    private static double[][] deepCopy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
