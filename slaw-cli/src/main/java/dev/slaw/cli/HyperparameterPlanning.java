package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.fit.Fit;
import dev.slaw.io.document.FitWarnings;
import dev.slaw.io.document.HyperparameterDocuments;
import dev.slaw.io.fit.FitJson;
import dev.slaw.planning.CriticalBatchPlan;
import dev.slaw.planning.CriticalBatchSize;
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
                || c.sequenceLength != null || c.weightDecayFit != null || c.hyperparameters != null
                || c.criticalLoss != null || c.batchSize != null || c.criticalBatchFit != null;
    }

    static void run(PlanCommand c, TableOutput output) {
        boolean deepSeek = "deepseek".equals(c.hyperparameters);
        boolean kaplan = "kaplan".equals(c.hyperparameters);
        if (c.hyperparameters != null && !deepSeek && !kaplan && !"step-law".equals(c.hyperparameters)) {
            throw new BadInputException("--hyperparameters " + c.hyperparameters + ": expected step-law (Li et al. 2025,"
                    + " from N and D), deepseek (Bi et al. 2024, from the compute budget C) or kaplan (the critical batch"
                    + " size of Kaplan et al. 2020, from the loss L)");
        }
        if (kaplan || c.criticalLoss != null || c.batchSize != null || c.criticalBatchFit != null) {
            critical(c, output, kaplan);
            return;
        }
        List<Double> budgets = c.compute.flops();
        if (deepSeek) {
            if (budgets.size() != 1) {
                throw new BadInputException("--hyperparameters deepseek needs one --compute C: the budget C = M D, M the"
                        + " non-embedding FLOPs per token (attention included) and D the tokens");
            }
        } else {
            if (c.parameterCount == null || c.tokenCount == null) {
                throw new BadInputException("the learning-rate and batch-size plan needs both --parameters N"
                        + " (non-embedding parameters) and --tokens D (training tokens), or --hyperparameters deepseek"
                        + " --compute C");
            }
            if (!budgets.isEmpty()) {
                throw new BadInputException("Step Law plans from --parameters and --tokens, not --compute (DeepSeek's"
                        + " law reads the budget: --hyperparameters deepseek --compute C)");
            }
        }
        if (c.fitFile != null || c.lawName != null || !c.settings.isEmpty() || c.frontier != null
                || c.targetLoss != null || c.uniqueTokens != null || !c.inferenceTokens.isEmpty()
                || c.replicatesFile != null || c.group != null || c.nonVocabularyParameters != null
                || c.embeddingWidth != null) {
            throw new BadInputException("the learning-rate and batch-size plan takes --parameters, --tokens, --compute"
                    + " (with --hyperparameters deepseek), --sequence-length, --learning-rate-fit, --batch-size-fit and"
                    + " --weight-decay-fit only");
        }
        if (c.plot.requested()) {
            throw new BadInputException("--plot draws N-and-D plans, not learning rates and batch sizes");
        }
        double n = c.parameterCount == null ? Double.NaN : Assignments.number(c.parameterCount, "--parameters");
        double d = c.tokenCount == null ? Double.NaN : Assignments.number(c.tokenCount, "--tokens");
        double flops = budgets.isEmpty() ? Double.NaN : budgets.get(0);
        double seq = c.sequenceLength == null ? Double.NaN : Assignments.number(c.sequenceLength, "--sequence-length");
        OptimalHyperparameters published = deepSeek ? OptimalHyperparameters.deepSeek()
                : OptimalHyperparameters.stepLaw();
        OptimalHyperparameters.Source lr = c.learningRateFit == null ? published.learningRateSource()
                : source(c, c.learningRateFit);
        OptimalHyperparameters.Source batch = c.batchSizeFit == null ? published.batchSizeSource()
                : source(c, c.batchSizeFit);
        OptimalHyperparameters planner = c.learningRateFit == null && c.batchSizeFit == null ? published
                : OptimalHyperparameters.of(lr, batch);
        if (c.weightDecayFit != null) {
            planner = planner.withTimescale(source(c, c.weightDecayFit));
        }
        OptimalHyperparameters chosen = planner;
        List<HyperparameterPlan> plans = List.of(chosen.at(n, d, flops, seq));
        FitWarnings warnings = c.fitWarnings;
        output.print(() -> HyperparameterDocuments.csvTable(plans),
                () -> HyperparameterDocuments.json(chosen, plans, warnings),
                () -> HyperparameterDocuments.text(chosen, plans, warnings), warnings);
    }

    /** {@code --hyperparameters kaplan --loss L}: the critical batch size, and S_min, E_min of a run. */
    private static void critical(PlanCommand c, TableOutput output, boolean kaplan) {
        if (!kaplan || c.criticalLoss == null) {
            throw new BadInputException("the critical batch size needs --hyperparameters kaplan and --loss L (nats per"
                    + " token); --batch-size and --critical-batch-fit belong to it");
        }
        if (c.parameterCount != null || !c.compute.flops().isEmpty() || c.learningRateFit != null
                || c.batchSizeFit != null || c.weightDecayFit != null || c.fitFile != null || c.lawName != null
                || !c.settings.isEmpty() || c.frontier != null || c.targetLoss != null || c.uniqueTokens != null
                || !c.inferenceTokens.isEmpty() || c.replicatesFile != null || c.group != null
                || c.nonVocabularyParameters != null || c.embeddingWidth != null || c.plot.requested()) {
            throw new BadInputException("the critical batch size takes --loss, --batch-size with --tokens,"
                    + " --sequence-length and --critical-batch-fit only");
        }
        double loss = Assignments.number(c.criticalLoss, "--loss");
        double b = c.batchSize == null ? Double.NaN : Assignments.number(c.batchSize, "--batch-size");
        double d = c.tokenCount == null ? Double.NaN : Assignments.number(c.tokenCount, "--tokens");
        double seq = c.sequenceLength == null ? Double.NaN : Assignments.number(c.sequenceLength, "--sequence-length");
        CriticalBatchSize planner = c.criticalBatchFit == null ? CriticalBatchSize.kaplan()
                : CriticalBatchSize.of(source(c, c.criticalBatchFit));
        List<CriticalBatchPlan> plans = List.of(planner.at(loss, b, d, seq));
        FitWarnings warnings = c.fitWarnings;
        output.print(() -> HyperparameterDocuments.criticalCsv(plans),
                () -> HyperparameterDocuments.criticalJson(planner, plans, warnings),
                () -> HyperparameterDocuments.criticalText(planner, plans, warnings), warnings);
    }

    /** A saved fit as one of the two laws; its warnings join the plan's, labelled with the file. */
    private static OptimalHyperparameters.Source source(PlanCommand c, Path file) {
        Fit fit = FitJson.load(file);
        c.fitWarnings = c.fitWarnings.and(file.toString(), fit);
        return new OptimalHyperparameters.Source("fit " + file, fit.law(), fit.valueMap());
    }
}
