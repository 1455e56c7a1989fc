package dev.slaw.downstream;

import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.Fitter;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two-step chain of Bhagia et al. 2024: step 1 fits the task loss of the ladder's runs as a
 * function of N and D, step 2 fits accuracy as a function of the task loss over the runs'
 * checkpoints; the chained prediction is step 2 at step 1's prediction for the target. Both
 * steps go through {@link Fitter}, so a bootstrap can refit both on resampled runs by calling
 * {@link #predict} on a resampled {@link TaskLadder}.
 */
public final class Chain {
    private Chain() {
    }

    /** Both steps for one task. */
    public static ChainPrediction predict(TaskLadder ladder, ChainSettings settings) {
        Fit loss = Fitter.fit(settings.lossLaw(), ladder.lossData(), "x", settings.lossOptions());
        Fit accuracy = Fitter.fit(settings.accuracyLaw(), withHelperPoint(ladder.accuracyData(), settings), "y",
                settings.accuracyOptions(ladder.chance()));
        double predictedLoss = loss.predict(ChainSettings.lossPoint(ladder.targetN(), ladder.targetD()));
        double[] fitted = loss.predict(ladder.lossData());
        double[] x = ladder.lossData().column("x");
        double error = 0;
        for (int i = 0; i < x.length; i++) {
            error += Math.abs(fitted[i] - x[i]) / x[i];
        }
        return new ChainPrediction(ladder.task(), loss, accuracy, ladder.observedLoss(), predictedLoss,
                error / x.length, accuracy.predict(Map.of("x", ladder.observedLoss())),
                accuracy.predict(Map.of("x", predictedLoss)), ladder.observedAccuracy());
    }

    /** Every task, in order. */
    public static List<ChainPrediction> predictAll(List<TaskLadder> ladders, ChainSettings settings) {
        return ladders.stream().map(l -> predict(l, settings)).toList();
    }

    /** The mean of the tasks' unsigned chained relative errors. */
    public static double meanChainedError(List<ChainPrediction> predictions) {
        return predictions.stream().mapToDouble(ChainPrediction::chainedError).average().orElse(Double.NaN);
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
