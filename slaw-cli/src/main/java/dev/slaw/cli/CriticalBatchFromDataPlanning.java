package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.fit.Fit;
import dev.slaw.io.document.CriticalBatchFromDataDocuments;
import dev.slaw.io.document.FitWarnings;
import dev.slaw.io.fit.FitJson;
import dev.slaw.planning.CriticalBatchFromDataPlan;
import dev.slaw.planning.CriticalBatchSizeFromData;
import dev.slaw.planning.OptimalHyperparameters;

import java.util.List;
import java.util.Map;

/**
 * {@code slaw plan --hyperparameters zhang --tokens D}: the critical batch size for D training
 * tokens (Zhang et al. 2024, or the user's fit of zhang-cbs), kept beside PlanCommand so that
 * the other hyperparameter plans stay as they were.
 */
final class CriticalBatchFromDataPlanning {
    private CriticalBatchFromDataPlanning() {
    }

    /** Whether this plan was asked for. */
    static boolean requested(PlanCommand c) {
        return "zhang".equals(c.hyperparameters);
    }

    static void run(PlanCommand c, TableOutput output) {
        if (c.tokenCount == null) {
            throw new BadInputException("--hyperparameters zhang needs --tokens D, the training tokens the critical"
                    + " batch size is planned for");
        }
        if (c.parameterCount != null || c.criticalLoss != null || !c.compute.flops().isEmpty()
                || c.learningRateFit != null || c.batchSizeFit != null || c.weightDecayFit != null
                || c.fitFile != null || c.lawName != null || !c.settings.isEmpty() || c.frontier != null
                || c.targetLoss != null || c.uniqueTokens != null || !c.inferenceTokens.isEmpty()
                || c.replicatesFile != null || c.group != null || c.nonVocabularyParameters != null
                || c.embeddingWidth != null || c.plot.requested()) {
            throw new BadInputException("--hyperparameters zhang takes --tokens, --batch-size, --sequence-length and"
                    + " --critical-batch-fit only (the critical batch size depends on the data, not on --parameters)");
        }
        double d = Assignments.number(c.tokenCount, "--tokens");
        double b = c.batchSize == null ? Double.NaN : Assignments.number(c.batchSize, "--batch-size");
        double seq = c.sequenceLength == null ? Double.NaN : Assignments.number(c.sequenceLength, "--sequence-length");
        CriticalBatchSizeFromData planner;
        if (c.criticalBatchFit == null) {
            planner = CriticalBatchSizeFromData.zhang();
        } else {
            Fit fit = FitJson.load(c.criticalBatchFit);
            c.fitWarnings = c.fitWarnings.and(c.criticalBatchFit.toString(), fit);
            planner = CriticalBatchSizeFromData.of(
                    new OptimalHyperparameters.Source("fit " + c.criticalBatchFit, fit.law(), fit.valueMap()),
                    fit.provenance() == null ? Map.of() : fit.provenance().ranges());
        }
        List<CriticalBatchFromDataPlan> plans = List.of(planner.at(d, b, seq));
        FitWarnings warnings = c.fitWarnings;
        output.print(() -> CriticalBatchFromDataDocuments.csvTable(plans),
                () -> CriticalBatchFromDataDocuments.json(planner, plans, warnings),
                () -> CriticalBatchFromDataDocuments.text(planner, plans, warnings), warnings);
    }
}
