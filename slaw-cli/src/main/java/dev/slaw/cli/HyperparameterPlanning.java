package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.fit.Fit;
import dev.slaw.io.document.FitWarnings;
import dev.slaw.io.document.HyperparameterDocuments;
import dev.slaw.io.fit.FitJson;
import dev.slaw.planning.HyperparameterPlan;
import dev.slaw.planning.OptimalHyperparameters;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code slaw plan --parameters N --tokens D}: the peak learning rate and the batch size (Step Law,
 * Li et al. 2025, or the user's fits of its two laws), kept beside PlanCommand so that the N-and-D
 * plans stay as they were.
 */
final class HyperparameterPlanning {
    private HyperparameterPlanning() {
    }

    /** Whether any option of this plan was given. */
    static boolean requested(PlanCommand c) {
        return c.parameterCount != null || c.tokenCount != null || c.learningRateFit != null || c.batchSizeFit != null
                || c.sequenceLength != null || c.weightDecayFit != null;
    }

    static void run(PlanCommand c, TableOutput output) {
        if (c.parameterCount == null || c.tokenCount == null) {
            throw new BadInputException("the learning-rate and batch-size plan needs both --parameters N (non-embedding"
                    + " parameters) and --tokens D (training tokens)");
        }
        if (c.fitFile != null || c.lawName != null || !c.settings.isEmpty() || !c.compute.flops().isEmpty()
                || c.frontier != null || c.targetLoss != null || c.uniqueTokens != null || !c.inferenceTokens.isEmpty()
                || c.replicatesFile != null || c.group != null || c.nonVocabularyParameters != null
                || c.embeddingWidth != null) {
            throw new BadInputException("the learning-rate and batch-size plan takes --parameters, --tokens,"
                    + " --sequence-length, --learning-rate-fit, --batch-size-fit and --weight-decay-fit only (it uses Step Law's published"
                    + " constants unless a fit file replaces one of its two laws)");
        }
        if (c.plot.requested()) {
            throw new BadInputException("--plot draws N-and-D plans, not learning rates and batch sizes");
        }
        double n = Assignments.number(c.parameterCount, "--parameters");
        double d = Assignments.number(c.tokenCount, "--tokens");
        double seq = c.sequenceLength == null ? Double.NaN : Assignments.number(c.sequenceLength, "--sequence-length");
        OptimalHyperparameters.Source lr = c.learningRateFit == null ? OptimalHyperparameters.stepLawLearningRate()
                : source(c, c.learningRateFit);
        OptimalHyperparameters.Source batch = c.batchSizeFit == null ? OptimalHyperparameters.stepLawBatchSize()
                : source(c, c.batchSizeFit);
        OptimalHyperparameters planner = OptimalHyperparameters.of(lr, batch);
        if (c.weightDecayFit != null) {
            planner = planner.withTimescale(source(c, c.weightDecayFit));
        }
        OptimalHyperparameters chosen = planner;
        List<HyperparameterPlan> plans = List.of(chosen.at(n, d, seq));
        FitWarnings warnings = c.fitWarnings;
        output.print(() -> HyperparameterDocuments.csvTable(plans),
                () -> HyperparameterDocuments.json(chosen, plans, warnings),
                () -> HyperparameterDocuments.text(chosen, plans, warnings), warnings);
    }

    /** A saved fit as one of the two laws; its warnings join the plan's, labelled with the file. */
    private static OptimalHyperparameters.Source source(PlanCommand c, Path file) {
        Fit fit = FitJson.load(file);
        c.fitWarnings = c.fitWarnings.and(file.toString(), fit);
        return new OptimalHyperparameters.Source("fit " + file, fit.law(), fit.valueMap());
    }
}
