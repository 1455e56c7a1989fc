package dev.slaw.observational;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.Fitter;
import dev.slaw.fit.Loss;
import dev.slaw.fit.Objective;
import dev.slaw.fit.Starts;
import dev.slaw.law.FormulaLaw;
import dev.slaw.law.Law;
import dev.slaw.law.Numbers;
import dev.slaw.law.ParameterDeclaration;
import dev.slaw.law.Target;
import dev.slaw.optim.StoppingRule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Observational scaling as Ruan et al. 2024 run it: split the models at a compute cutoff (models
 * without compute are left out: the authors' notebooks keep only families with known compute), fill missing scores of
 * the other benchmarks by rank-1 reconstruction fitted on the models below the cutoff, extract k
 * principal components from them (centred, not standardised), fit
 * {@code y = floor + (1 - floor) sigmoid(w0 + w . PC)} with floor in [0, 0.2] by least squares
 * on the models below the cutoff, and score the held-out models by mean squared error. Each
 * family's compute efficiency is its line of the components against log10 compute.
 */
public final class ObservationalScaling {
    /** The authors' bound on the sigmoid's floor (their {@code sigmoid_param_range_width}). */
    public static final double FLOOR_BOUND = 0.2;

    private ObservationalScaling() {
    }

    public static ObservationalResult run(ModelTable table, ObservationalSettings settings) {
        int target = table.benchmark(settings.target());
        List<Integer> predictorIndices = new ArrayList<>();
        for (int j = 0; j < table.benchmarks().size(); j++) {
            if (j != target) {
                predictorIndices.add(j);
            }
        }
        List<String> predictors = predictorIndices.stream().map(j -> table.benchmarks().get(j)).toList();
        int k = settings.components();
        if (k > predictors.size()) {
            throw new BadInputException("--components " + k + " is more than the " + predictors.size()
                    + " benchmarks besides the target (" + String.join(", ", predictors) + ")");
        }
        if (settings.imputationRank() > predictors.size()) {
            throw new BadInputException("the imputation rank " + settings.imputationRank() + " is more than the "
                    + predictors.size() + " benchmarks besides the target");
        }
        double[] compute = table.compute();
        List<Integer> fitted = new ArrayList<>();
        List<Integer> held = new ArrayList<>();
        int dropped = 0;
        int withoutCompute = 0;
        double largest = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < table.size(); i++) {
            double y = table.score(i, target);
            if (Double.isNaN(y)) {
                dropped++;
                continue;
            }
            if (y < 0 || y > 1) {
                throw new BadInputException(table.source() + ": model " + table.models().get(i) + " scores " + y
                        + " on " + settings.target() + "; the sigmoid link needs scores in [0, 1]");
            }
            if (Double.isNaN(compute[i])) {
                withoutCompute++;
            } else if (compute[i] <= settings.cutoff()) {
                fitted.add(i);
            } else {
                held.add(i);
            }
            if (Double.isFinite(compute[i])) {
                largest = Math.max(largest, compute[i]);
            }
        }
        if (held.isEmpty()) {
            throw new BadInputException("--cutoff " + Numbers.compact(settings.cutoff())
                    + " holds out no model with known compute (the largest is " + Numbers.compact(largest) + ")");
        }
        int parameters = k + 2;
        if (fitted.size() <= parameters) {
            throw new BadInputException("--cutoff " + Numbers.compact(settings.cutoff()) + " leaves " + fitted.size()
                    + " models to fit on, too few for " + k + " components and a sigmoid link with " + parameters
                    + " parameters");
        }
        LowRankImputer.Filled filled = LowRankImputer.fill(rows(table, fitted, predictorIndices),
                rows(table, held, predictorIndices), settings.imputationRank(), predictors);
        Components components = Components.fit(filled.fitted(), k);
        double[][] fittedScores = components.scores(filled.fitted());
        double[][] heldScores = components.scores(filled.heldOut());

        Fit link = fitLink(fittedScores, targetColumn(table, fitted, target), k, settings.threads(),
                table.source());
        // the baseline the paper beats: the same sigmoid in log10 compute alone
        Fit computeOnly = fitLink(logCompute(compute, fitted), targetColumn(table, fitted, target), 1,
                settings.threads(), table.source());
        double[][] heldLogCompute = logCompute(compute, held);
        double fittedError = meanSquaredError(link, fittedScores, targetColumn(table, fitted, target));
        List<HeldOutModel> heldOut = new ArrayList<>();
        for (int r = 0; r < held.size(); r++) {
            int i = held.get(r);
            heldOut.add(new HeldOutModel(table.models().get(i), table.families().get(i), compute[i],
                    table.score(i, target), link.predict(point(heldScores[r])),
                    computeOnly.predict(point(heldLogCompute[r]))));
        }

        // every model's components, for the families' lines (fitted and held-out alike, as the paper's figure 3)
        Map<Integer, double[]> scoresByRow = new HashMap<>();
        for (int r = 0; r < fitted.size(); r++) {
            scoresByRow.put(fitted.get(r), fittedScores[r]);
        }
        for (int r = 0; r < held.size(); r++) {
            scoresByRow.put(held.get(r), heldScores[r]);
        }
        Map<String, List<Integer>> byFamily = new LinkedHashMap<>();
        for (int i = 0; i < table.size(); i++) {
            if (scoresByRow.containsKey(i) && Double.isFinite(compute[i]) && compute[i] > 0) {
                byFamily.computeIfAbsent(table.families().get(i), f -> new ArrayList<>()).add(i);
            }
        }
        List<FamilyEfficiency> efficiencies = new ArrayList<>();
        List<String> single = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : byFamily.entrySet()) {
            FamilyEfficiency line = line(e.getKey(), e.getValue(), compute, scoresByRow, k);
            if (line == null) {
                single.add(e.getKey());
            } else {
                efficiencies.add(line);
            }
        }
        if (efficiencies.isEmpty()) {
            throw new BadInputException(table.source() + ": no family has two models of different compute, so no"
                    + " family's compute efficiency can be fitted");
        }
        return new ObservationalResult(table.source(), settings, predictors, components, filled, link,
                computeOnly, fitted.size(), fittedError, heldOut, withoutCompute, dropped, efficiencies, single, table.notes());
    }

    /** The link as a law of the law language over columns PC1..PCk. */
    public static Law linkLaw(int k) {
        StringBuilder linear = new StringBuilder("w0");
        List<String> columns = new ArrayList<>();
        for (int c = 1; c <= k; c++) {
            linear.append(" + w").append(c).append(" * PC").append(c);
            columns.add("PC" + c);
        }
        FormulaLaw law = FormulaLaw.fromFormula("floor + (1 - floor) / (1 + exp(-(" + linear + ")))", columns);
        Law bounded = law.withParameters(ParameterDeclaration.applyAll(law.parameters(),
                List.of("floor in [0, " + FLOOR_BOUND + "]"), law.name()));
        return bounded.withTarget(Target.PLAIN);
    }

    private static Fit fitLink(double[][] scores, double[] y, int k, int threads, String source) {
        Map<String, double[]> columns = new LinkedHashMap<>();
        for (int c = 0; c < k; c++) {
            double[] col = new double[scores.length];
            for (int i = 0; i < scores.length; i++) {
                col[i] = scores[i][c];
            }
            columns.put("PC" + (c + 1), col);
        }
        columns.put("y", y);
        Dataset data = Dataset.of(source + " (capability components)", columns);
        // the authors' start (w0 = 0, every other weight 0.01, floor 0), then slaw's starts from the data
        Map<String, Double> start = new LinkedHashMap<>();
        start.put("floor", 0.0);
        start.put("w0", 0.0);
        for (int c = 1; c <= k; c++) {
            start.put("w" + c, 0.01);
        }
        FitOptions options = FitOptions.defaults().withThreads(threads).withObjective(Objective.of(Loss.SQUARED))
                .withStarts(Starts.at(List.of(start)))
                // the link's weights are nearly collinear along the weak components, so a loose stop leaves
                // the held-out error a few per cent off the optimum's: stop only on a vanishing gradient
                .withStoppingRule(StoppingRule.SCIPY).withTolerances(0, 1e-12);
        return Fitter.fit(linkLaw(k), data, "y", options);
    }

    private static double[][] logCompute(double[] compute, List<Integer> rows) {
        double[][] out = new double[rows.size()][1];
        for (int r = 0; r < rows.size(); r++) {
            out[r][0] = Math.log10(compute[rows.get(r)]);
        }
        return out;
    }

    private static double meanSquaredError(Fit link, double[][] scores, double[] y) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            double e = link.predict(point(scores[i])) - y[i];
            sum += e * e;
        }
        return sum / y.length;
    }

    private static Map<String, Double> point(double[] scores) {
        Map<String, Double> p = new HashMap<>();
        for (int c = 0; c < scores.length; c++) {
            p.put("PC" + (c + 1), scores[c]);
        }
        return p;
    }

    private static FamilyEfficiency line(String family, List<Integer> rows, double[] compute,
                                         Map<Integer, double[]> scores, int k) {
        int n = rows.size();
        double[] x = new double[n];
        double mx = 0;
        for (int r = 0; r < n; r++) {
            x[r] = Math.log10(compute[rows.get(r)]);
            mx += x[r] / n;
        }
        double sxx = 0;
        for (double v : x) {
            sxx += (v - mx) * (v - mx);
        }
        if (n < 2 || !(sxx > 0)) {
            return null;
        }
        double[] slopes = new double[k];
        double[] intercepts = new double[k];
        double[] r2 = new double[k];
        for (int c = 0; c < k; c++) {
            double my = 0;
            for (int r = 0; r < n; r++) {
                my += scores.get(rows.get(r))[c] / n;
            }
            double sxy = 0;
            double syy = 0;
            for (int r = 0; r < n; r++) {
                double dy = scores.get(rows.get(r))[c] - my;
                sxy += (x[r] - mx) * dy;
                syy += dy * dy;
            }
            slopes[c] = sxy / sxx;
            intercepts[c] = my - slopes[c] * mx;
            r2[c] = n > 2 && syy > 0 ? sxy * sxy / (sxx * syy) : Double.NaN;
        }
        return new FamilyEfficiency(family, n, slopes, intercepts, r2);
    }

    private static double[][] rows(ModelTable table, List<Integer> indices, List<Integer> columns) {
        double[][] out = new double[indices.size()][columns.size()];
        for (int r = 0; r < indices.size(); r++) {
            for (int c = 0; c < columns.size(); c++) {
                out[r][c] = table.score(indices.get(r), columns.get(c));
            }
        }
        return out;
    }

    private static double[] targetColumn(ModelTable table, List<Integer> indices, int target) {
        double[] y = new double[indices.size()];
        for (int r = 0; r < indices.size(); r++) {
            y[r] = table.score(indices.get(r), target);
        }
        return y;
    }
}
