package dev.slaw.io.document;

import dev.slaw.downstream.Chain;
import dev.slaw.downstream.ChainPrediction;
import dev.slaw.io.fit.FitJson;
import dev.slaw.io.json.JsonArray;
import dev.slaw.io.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A ladder chain ({@code slaw chain}) as documents: per task the target's observed task loss,
 * step 1's prediction and fit error, step 2 at the observed loss, the chained accuracy and the
 * observed accuracy, as Bhagia et al. 2024's main table; the JSON adds both fits.
 */
public final class ChainDocuments {
    private static final List<String> HEADER = List.of("task", "bpb_actual", "step1_pred", "step1_fit_error",
            "step2_pred", "chained_pred", "acc_actual", "chained_error");

    private ChainDocuments() {
    }

    /** What the chain ran on: the folder, the protocol, the target and the runs. */
    public record Context(String source, String protocol, String target, double targetN, double targetD,
                          int runs) {
    }

    /** The table, each task's two fits and the mean chained error. */
    public static JsonObject json(List<ChainPrediction> predictions, Context context) {
        JsonObject root = new JsonObject();
        root.put("source", context.source());
        root.put("protocol", context.protocol());
        root.put("target", context.target());
        root.put("target_n", context.targetN());
        root.put("target_d", context.targetD());
        root.put("runs", context.runs());
        JsonArray tasks = root.putArray("tasks");
        for (ChainPrediction p : predictions) {
            JsonObject t = tasks.addObject();
            t.put("task", p.task());
            t.put("loss_actual", p.observedLoss());
            t.put("loss_predicted", p.predictedLoss());
            t.put("loss_error", p.lossError());
            t.put("loss_fit_error", p.lossFitError());
            t.put("accuracy_at_actual_loss", p.accuracyAtObserved());
            t.put("accuracy_chained", p.chainedAccuracy());
            t.put("accuracy_actual", p.observedAccuracy());
            t.put("chained_error", p.chainedError());
            t.put("loss_fit", FitJson.document(p.lossFit()));
            t.put("accuracy_fit", FitJson.document(p.accuracyFit()));
        }
        root.put("mean_chained_error", Chain.meanChainedError(predictions));
        return root;
    }

    /** The table with every digit, for a spreadsheet. */
    public static Table csvTable(List<ChainPrediction> predictions) {
        List<List<String>> rows = new ArrayList<>();
        for (ChainPrediction p : predictions) {
            rows.add(List.of(p.task(), Double.toString(p.observedLoss()), Double.toString(p.predictedLoss()),
                    Double.toString(p.lossFitError()), Double.toString(p.accuracyAtObserved()),
                    Double.toString(p.chainedAccuracy()), Double.toString(p.observedAccuracy()),
                    Double.toString(p.chainedError())));
        }
        return new Table(HEADER, rows);
    }

    /** The paper's table as read on a terminal, six decimals as the paper prints them. */
    public static String text(List<ChainPrediction> predictions, Context context) {
        StringBuilder out = new StringBuilder();
        out.append("Chained prediction (").append(context.protocol()).append(") of ").append(context.target())
                .append(" (N = ").append(Formats.sci(context.targetN())).append(", D = ")
                .append(Formats.sci(context.targetD())).append(") from ").append(context.runs())
                .append(" runs of ").append(context.source()).append('\n');
        out.append("  step 1: N, D -> task bpb; step 2: bpb -> accuracy; chained: step 2 at step 1's bpb\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (ChainPrediction p : predictions) {
            rows.add(List.of(p.task(), six(p.observedLoss()), six(p.predictedLoss()), six(p.lossFitError()),
                    six(p.accuracyAtObserved()), six(p.chainedAccuracy()), six(p.observedAccuracy()),
                    String.format(Locale.ROOT, "%.4f", p.chainedError())));
        }
        out.append(new Table(List.of("task", "bpb actual", "step 1 pred", "step 1 fit err", "step 2 pred",
                "chained pred", "acc actual", "chained err"), rows).text()).append('\n');
        out.append("mean chained error: ").append(String.format(Locale.ROOT, "%.4f",
                Chain.meanChainedError(predictions))).append('\n');
        return out.toString();
    }

    private static String six(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }
}
