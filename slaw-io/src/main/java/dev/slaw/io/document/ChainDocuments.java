package dev.slaw.io.document;

import dev.slaw.downstream.Chain;
import dev.slaw.downstream.ChainBootstrap;
import dev.slaw.downstream.ChainPrediction;
import dev.slaw.downstream.ChainSettings;
import dev.slaw.fit.VariableRange;
import dev.slaw.io.fit.FitJson;
import dev.slaw.io.json.JsonArray;
import dev.slaw.io.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * A ladder chain ({@code slaw chain}) as documents: per task the target's observed task loss,
 * step 1's prediction and fit error, step 2 at the observed loss, the chained accuracy and the
 * observed accuracy, as Bhagia et al. 2024's main table; the JSON adds both fits. With a joint
 * bootstrap ({@code bootstraps} one per task, in the same order; empty for none) each task adds
 * the percentile interval of its chained accuracy.
 */
public final class ChainDocuments {
    private static final List<String> HEADER = List.of("task", "bpb_actual", "step1_pred", "step1_fit_error",
            "step2_pred", "chained_pred", "acc_actual", "chained_error");

    private ChainDocuments() {
    }

    /**
     * What the chain ran on: the folder, the protocol, the target and the runs, and the steps.
     *
     * @param upstream under a loss-to-loss step 1, the upstream loss column; else null
     */
    public record Context(String source, String protocol, String target, double targetN, double targetD,
                          int runs, ChainSettings settings, String upstream) {
    }

    /** The steps as the table's second line says them. */
    static String steps(Context c) {
        ChainSettings s = c.settings();
        String one = switch (s.stepOne()) {
            case CHINCHILLA -> "step 1: N, D -> task bpb";
            case COMPUTE -> "step 1: C = 6ND -> task bpb (power-offset)";
            case LOSS_TO_LOSS -> "step 1: N, D -> " + c.upstream() + " (chinchilla) -> task bpb (loss-to-loss)";
        };
        String two = s.stepTwo() == ChainSettings.StepTwo.ERROR_EXP
                ? "step 2: bpb -> error (error-exp), accuracy = 1 - error" : "step 2: bpb -> accuracy";
        String single = s.singleStepLaw().isPresent() ? "; single step: N, D -> accuracy" : "";
        return one + "; " + two + "; chained: step 2 at step 1's bpb" + single;
    }

    /** The table, each task's two fits, the mean chained error and the fits' warnings. */
    public static JsonObject json(List<ChainPrediction> predictions, List<ChainBootstrap> bootstraps,
                                  Context context) {
        JsonObject root = new JsonObject();
        root.put("source", context.source());
        root.put("protocol", context.protocol());
        root.put("target", context.target());
        root.put("target_n", context.targetN());
        root.put("target_d", context.targetD());
        root.put("runs", context.runs());
        root.put("step1", context.settings().stepOne().word());
        if (context.upstream() != null) {
            root.put("upstream_loss", context.upstream());
        }
        root.put("step2", context.settings().stepTwo().word());
        JsonArray tasks = root.putArray("tasks");
        for (int i = 0; i < predictions.size(); i++) {
            ChainPrediction p = predictions.get(i);
            JsonObject t = tasks.addObject();
            t.put("task", p.task());
            if (context.upstream() != null) {
                t.put("upstream_loss_actual", p.observedUpstream());
                t.put("upstream_loss_predicted", p.predictedUpstream());
            }
            t.put("loss_actual", p.observedLoss());
            t.put("loss_predicted", p.predictedLoss());
            t.put("loss_error", p.lossError());
            t.put("loss_fit_error", p.lossFitError());
            t.put("accuracy_at_actual_loss", p.accuracyAtObserved());
            t.put("accuracy_chained", p.chainedAccuracy());
            t.put("accuracy_actual", p.observedAccuracy());
            t.put("chained_error", p.chainedError());
            if (!p.warnings().isEmpty()) {
                JsonArray w = t.putArray("warnings");
                p.warnings().forEach(w::add);
            }
            if (p.singleStepFit().isPresent()) {
                t.put("accuracy_single_step", p.singleStepAccuracy());
                t.put("single_step_error", p.singleStepError());
            }
            if (!bootstraps.isEmpty()) {
                ChainBootstrap b = bootstraps.get(i);
                t.putObject("chained_interval").put("lower", b.chained().lower()).put("upper", b.chained().upper())
                        .put("level", b.chained().level()).put("replicates", b.replicates())
                        .put("failed_replicates", b.failed()).put("seed", b.seed())
                        .put("covers_actual", b.chained().contains(p.observedAccuracy()));
            }
            t.put("loss_fit", FitJson.document(p.lossFit()));
            p.transferFit().ifPresent(f -> t.put("transfer_fit", FitJson.document(f)));
            t.put("accuracy_fit", FitJson.document(p.accuracyFit()));
            p.singleStepFit().ifPresent(f -> t.put("single_step_fit", FitJson.document(f)));
        }
        root.put("mean_chained_error", Chain.meanChainedError(predictions));
        if (hasSingleStep(predictions)) {
            root.put("mean_single_step_error", Chain.meanSingleStepError(predictions));
        }
        return fitWarnings(predictions, context).putInto(root);
    }

    /** The table with every digit, for a spreadsheet. */
    public static Table csvTable(List<ChainPrediction> predictions, List<ChainBootstrap> bootstraps) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < predictions.size(); i++) {
            ChainPrediction p = predictions.get(i);
            List<String> row = new ArrayList<>(List.of(p.task(), Double.toString(p.observedLoss()),
                    Double.toString(p.predictedLoss()), Double.toString(p.lossFitError()),
                    Double.toString(p.accuracyAtObserved()), Double.toString(p.chainedAccuracy()),
                    Double.toString(p.observedAccuracy()), Double.toString(p.chainedError())));
            if (p.singleStepFit().isPresent()) {
                row.add(Double.toString(p.singleStepAccuracy()));
                row.add(Double.toString(p.singleStepError()));
            }
            if (!bootstraps.isEmpty()) {
                row.add(Double.toString(bootstraps.get(i).chained().lower()));
                row.add(Double.toString(bootstraps.get(i).chained().upper()));
            }
            rows.add(row);
        }
        List<String> header = new ArrayList<>(HEADER);
        if (hasSingleStep(predictions)) {
            header.add("single_step_pred");
            header.add("single_step_error");
        }
        if (!bootstraps.isEmpty()) {
            header.add("chained_lower");
            header.add("chained_upper");
        }
        return new Table(header, rows);
    }

    /** The paper's table as read on a terminal, six decimals as the paper prints them. */
    public static String text(List<ChainPrediction> predictions, List<ChainBootstrap> bootstraps, Context context) {
        StringBuilder out = new StringBuilder();
        out.append("Chained prediction (").append(context.protocol()).append(") of ").append(context.target())
                .append(" (N = ").append(Formats.sci(context.targetN())).append(", D = ")
                .append(Formats.sci(context.targetD())).append(") from ").append(context.runs())
                .append(" runs of ").append(context.source()).append('\n');
        out.append("  ").append(steps(context)).append("\n\n");
        List<List<String>> rows = new ArrayList<>();
        int covered = 0;
        for (int i = 0; i < predictions.size(); i++) {
            ChainPrediction p = predictions.get(i);
            List<String> row = new ArrayList<>(List.of(p.task(), six(p.observedLoss()), six(p.predictedLoss()),
                    six(p.lossFitError()), six(p.accuracyAtObserved()), six(p.chainedAccuracy()),
                    six(p.observedAccuracy()), String.format(Locale.ROOT, "%.4f", p.chainedError())));
            if (p.singleStepFit().isPresent()) {
                row.add(six(p.singleStepAccuracy()));
                row.add(String.format(Locale.ROOT, "%.4f", p.singleStepError()));
            }
            if (!bootstraps.isEmpty()) {
                ChainBootstrap b = bootstraps.get(i);
                boolean covers = b.chained().contains(p.observedAccuracy());
                covered += covers ? 1 : 0;
                row.add(String.format(Locale.ROOT, "[%.4f, %.4f]", b.chained().lower(), b.chained().upper()));
                row.add(covers ? "yes" : "no");
            }
            rows.add(row);
        }
        List<String> header = new ArrayList<>(List.of("task", "bpb actual", "step 1 pred", "step 1 fit err",
                "step 2 pred", "chained pred", "acc actual", "chained err"));
        if (hasSingleStep(predictions)) {
            header.add("single-step pred");
            header.add("single-step err");
        }
        if (!bootstraps.isEmpty()) {
            header.add(Formats.percent(bootstraps.get(0).chained().level()) + " chained interval");
            header.add("covers");
        }
        out.append(new Table(header, rows).text()).append('\n');
        out.append("mean chained error: ").append(String.format(Locale.ROOT, "%.4f",
                Chain.meanChainedError(predictions))).append('\n');
        if (hasSingleStep(predictions)) {
            out.append("mean single-step error: ").append(String.format(Locale.ROOT, "%.4f",
                    Chain.meanSingleStepError(predictions))).append('\n');
        }
        if (!bootstraps.isEmpty()) {
            ChainBootstrap b = bootstraps.get(0);
            int failed = bootstraps.stream().mapToInt(ChainBootstrap::failed).sum();
            out.append("intervals: joint bootstrap, ").append(b.replicates()).append(" replicates per task (seed ")
                    .append(b.seed()).append("): runs drawn with replacement, ")
                    .append(context.settings().stepOne() == ChainSettings.StepOne.LOSS_TO_LOSS
                            ? "all three fits refitted; " : "both steps refitted; ")
                    .append(failed).append(" failed; the interval covers the actual accuracy on ").append(covered)
                    .append(" of ").append(predictions.size()).append(" tasks")
                    .append(hasSingleStep(predictions) ? " (the single step has no interval)\n" : "\n");
        }
        out.append(fitWarnings(predictions, context).text());
        return out.toString();
    }

    /**
     * Each fit's own warnings, labelled with its task and step, so that a doubt about a step is read
     * beside the table: a chained number is only as good as its fits; first, how far beyond the
     * ladder's runs the target lies.
     */
    public static FitWarnings fitWarnings(List<ChainPrediction> predictions, Context context) {
        FitWarnings warnings = FitWarnings.none();
        if (!predictions.isEmpty()) {
            // the target is where no run of the ladder was: say how far step 1 reaches (once, it is every task's)
            double n = context.targetN();
            double d = context.targetD();
            Map<String, double[]> target = context.settings().stepOne() == ChainSettings.StepOne.COMPUTE
                    ? Map.of("x", new double[]{6 * n * d}) : Map.of("N", new double[]{n}, "D", new double[]{d});
            warnings = warnings.and(context.settings().stepOne() == ChainSettings.StepOne.COMPUTE ? "step 1 (x = 6ND)" : "step 1",
                    VariableRange.beyond(predictions.get(0).lossFit().provenance().ranges(), target));
        }
        for (ChainPrediction p : predictions) {
            warnings = warnings.and(p.task() + ", step 1", p.lossFit());
            if (p.transferFit().isPresent()) {
                warnings = warnings.and(p.task() + ", transfer", p.transferFit().get());
            }
            warnings = warnings.and(p.task() + ", step 2", p.accuracyFit());
            if (p.singleStepFit().isPresent()) {
                warnings = warnings.and(p.task() + ", single step", p.singleStepFit().get());
            }
        }
        return warnings;
    }

    private static boolean hasSingleStep(List<ChainPrediction> predictions) {
        return !predictions.isEmpty() && predictions.get(0).singleStepFit().isPresent();
    }

    private static String six(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }
}
