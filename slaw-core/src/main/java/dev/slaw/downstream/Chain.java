package dev.slaw.downstream;

import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.Fitter;
import dev.slaw.law.Law;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The chain of Bhagia et al. 2024: step 1 predicts the task loss of the ladder's runs from N and
 * D (chinchilla; or from compute alone; or through an upstream loss and a loss-to-loss map),
 * step 2 maps task loss to accuracy over the runs' checkpoints (sigmoid-link; or Gadre et al.'s
 * error-exp, a law of the error); the chained prediction is step 2 at step 1's prediction for the
 * target. Every step is one {@link Link}, fitted through {@link Fitter}, so a bootstrap can refit
 * them all on resampled runs.
 */
public final class Chain {
    private Chain() {
    }

    /**
     * One fit of a chain.
     *
     * @param law      the law
     * @param rows     its rows
     * @param target   the column it predicts
     * @param options  its fit options
     * @param runOfRow each row's run in the ladder (-1: the helper point, in every resample once)
     */
    record Link(Law law, Dataset rows, String target, FitOptions options, double[] runOfRow) {
    }

    /** A link's law at one point, with parameters from a fit or a replicate. */
    @FunctionalInterface
    interface Evaluation {
        double at(int link, Map<String, Double> point);
    }

    /**
     * The chain's links in order: step 1's one or two, step 2, then the single-step comparison
     * if asked for.
     */
    static List<Link> links(TaskLadder ladder, ChainSettings s) {
        Dataset runs = ladder.lossData();
        double[] runIndex = new double[runs.rowCount()];
        Arrays.setAll(runIndex, i -> i);
        double[] x = runs.column("x");
        List<Link> links = new ArrayList<>();
        switch (s.stepOne()) {
            case CHINCHILLA -> links.add(new Link(s.lossLaw(), runs, "x", s.lossOptions(), runIndex));
            case COMPUTE -> {
                double[] n = runs.column("N");
                double[] d = runs.column("D");
                double[] c = new double[n.length];
                Arrays.setAll(c, i -> 6 * n[i] * d[i]);
                links.add(new Link(s.lossLaw(), columns(runs.source() + ", C = 6ND", "x", c, "y", x), "y",
                        s.lossOptions(), runIndex));
            }
            case LOSS_TO_LOSS -> {
                double[] u = runs.column("u");
                links.add(new Link(s.lossLaw(), columns(runs.source() + ", upstream loss", "N", runs.column("N"),
                        "D", runs.column("D"), "x", u), "x", s.lossOptions(), runIndex));
                links.add(new Link(s.transferLaw().orElseThrow(), columns(runs.source() + ", upstream to task loss",
                        "L1", u, "L2", x), "L2", s.transferOptions(), runIndex));
            }
        }
        Dataset steps = withHelperPoint(ladder.accuracyData(), s);
        if (s.stepTwo() == ChainSettings.StepTwo.ERROR_EXP) {
            double[] y = steps.column("y");
            double[] error = new double[y.length];
            Arrays.setAll(error, i -> 1 - y[i]);
            steps = columns(steps.source() + ", error = 1 - accuracy", "L", steps.column("x"), "Err", error,
                    "run", steps.column("run"));
            links.add(new Link(s.accuracyLaw(), steps, "Err", s.accuracyOptions(ladder.chance()), steps.column("run")));
        } else {
            links.add(new Link(s.accuracyLaw(), steps, "y", s.accuracyOptions(ladder.chance()), steps.column("run")));
        }
        s.singleStepLaw().ifPresent(law -> links.add(new Link(law, columns(runs.source() + ", accuracy",
                "N", runs.column("N"), "D", runs.column("D"), "acc", runs.column("acc")), "acc",
                s.singleStepOptions(ladder.chance()), runIndex)));
        return links;
    }

    private static Dataset columns(String source, Object... namesAndValues) {
        Map<String, double[]> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], (double[]) namesAndValues[i + 1]);
        }
        return Dataset.of(source, m);
    }

    /** The index of step 2's link. */
    static int accuracyLink(ChainSettings s) {
        return s.stepOne() == ChainSettings.StepOne.LOSS_TO_LOSS ? 2 : 1;
    }

    /** Whether link {@code i} is the loss-to-loss map of a loss-to-loss step 1. */
    static boolean isTransfer(ChainSettings s, int i) {
        return i == 1 && s.stepOne() == ChainSettings.StepOne.LOSS_TO_LOSS;
    }

    /**
     * The loss-to-loss law with its E1 fixed at the irreducible loss E of step 1's upstream fit,
     * as Brandfonbrener et al. take each loss's irreducible term from its own scaling law: the
     * map is then defined wherever step 1 predicts (a fitted E1 above the target's predicted
     * upstream loss would leave the power of a negative number).
     */
    static Law transferLaw(ChainSettings s, double upstreamE) {
        return ChainProtocol.declare(s.transferLaw().orElseThrow(), List.of("E1 = " + upstreamE));
    }

    /** Step 1's task loss at N and D. */
    static double stepOneLoss(ChainSettings s, Evaluation e, double n, double d) {
        return switch (s.stepOne()) {
            case CHINCHILLA -> e.at(0, ChainSettings.lossPoint(n, d));
            case COMPUTE -> e.at(0, Map.of("x", 6 * n * d));
            case LOSS_TO_LOSS -> e.at(1, Map.of("L1", e.at(0, ChainSettings.lossPoint(n, d))));
        };
    }

    /** Step 2's accuracy at a task loss (error-exp models the error: accuracy is 1 - Err). */
    static double accuracyAt(ChainSettings s, Evaluation e, double loss) {
        int link = accuracyLink(s);
        return s.stepTwo() == ChainSettings.StepTwo.ERROR_EXP ? 1 - e.at(link, Map.of("L", loss))
                : e.at(link, Map.of("x", loss));
    }

    /** Every step for one task. */
    public static ChainPrediction predict(TaskLadder ladder, ChainSettings settings) {
        List<Link> links = links(ladder, settings);
        List<Fit> fits = new ArrayList<>();
        for (int i = 0; i < links.size(); i++) {
            Link l = links.get(i);
            Law law = isTransfer(settings, i) ? transferLaw(settings, fits.get(0).value("E")) : l.law();
            fits.add(Fitter.fit(law, l.rows(), l.target(), l.options()));
        }
        Evaluation e = (i, point) -> fits.get(i).predict(point);
        double predictedLoss = stepOneLoss(settings, e, ladder.targetN(), ladder.targetD());
        double[] fitted = stepOneFitted(settings, fits, links);
        double[] x = ladder.lossData().column("x");
        double error = 0;
        for (int i = 0; i < x.length; i++) {
            error += Math.abs(fitted[i] - x[i]) / x[i];
        }
        int accuracy = accuracyLink(settings);
        Optional<Fit> single = settings.singleStepLaw().map(l -> fits.get(accuracy + 1));
        return new ChainPrediction(ladder.task(), fits.get(0), fits.get(accuracy), ladder.observedLoss(),
                predictedLoss, error / x.length, accuracyAt(settings, e, ladder.observedLoss()),
                accuracyAt(settings, e, predictedLoss), ladder.observedAccuracy(),
                settings.stepOne() == ChainSettings.StepOne.LOSS_TO_LOSS ? Optional.of(fits.get(1)) : Optional.empty(),
                single, single.map(f -> f.predict(ChainSettings.lossPoint(ladder.targetN(), ladder.targetD())))
                        .orElse(Double.NaN), ladder.observedUpstream(),
                settings.stepOne() == ChainSettings.StepOne.LOSS_TO_LOSS
                        ? fits.get(0).predict(ChainSettings.lossPoint(ladder.targetN(), ladder.targetD())) : Double.NaN);
    }

    /** Step 1's task loss at each training run, as the fits give it. */
    private static double[] stepOneFitted(ChainSettings s, List<Fit> fits, List<Link> links) {
        double[] first = fits.get(0).predict(links.get(0).rows());
        if (s.stepOne() != ChainSettings.StepOne.LOSS_TO_LOSS) {
            return first;
        }
        return fits.get(1).predict(columns("upstream loss fitted", "L1", first));
    }

    /** Every task, in order. */
    public static List<ChainPrediction> predictAll(List<TaskLadder> ladders, ChainSettings settings) {
        return ladders.stream().map(l -> predict(l, settings)).toList();
    }

    /** The mean of the tasks' unsigned chained relative errors. */
    public static double meanChainedError(List<ChainPrediction> predictions) {
        return predictions.stream().mapToDouble(ChainPrediction::chainedError).average().orElse(Double.NaN);
    }

    /** The mean of the tasks' unsigned single-step relative errors (NaN without the comparison). */
    public static double meanSingleStepError(List<ChainPrediction> predictions) {
        return predictions.stream().mapToDouble(ChainPrediction::singleStepError).average().orElse(Double.NaN);
    }

    /**
     * Step 2's rows with the helper point appended: it pins the sigmoid's top (a model with no
     * loss answers everything right), which the ladder's losses are too far from to show.
     */
    static Dataset withHelperPoint(Dataset data, ChainSettings settings) {
        if (settings.helperLoss().isEmpty()) {
            return data;
        }
        Map<String, double[]> columns = new LinkedHashMap<>();
        for (String name : data.columnNames()) {
            double[] c = Arrays.copyOf(data.column(name), data.rowCount() + 1);
            c[data.rowCount()] = switch (name) {
                case "x" -> settings.helperLoss().getAsDouble();
                case "y" -> settings.helperAccuracy();
                default -> -1;
            };
            columns.put(name, c);
        }
        return Dataset.of(data.source() + " and the helper point", columns);
    }
}
