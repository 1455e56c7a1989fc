package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.fit.Fit;
import dev.slaw.io.document.FitWarnings;
import dev.slaw.io.document.PrecisionDocuments;
import dev.slaw.io.fit.FitJson;
import dev.slaw.law.Law;
import dev.slaw.planning.OptimalPrecision;
import dev.slaw.planning.PrecisionPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code slaw plan --law precision --compute C} (or a fit of a law in N, D and P): the training
 * precision of least loss on the budget (Kumar et al. 2024), kept beside PlanCommand so that the
 * N-and-D plans stay as they were.
 */
final class PrecisionPlanning {
    private PrecisionPlanning() {
    }

    /** Whether the law planned with (by --law or in the fit file) reads N, D and a precision P. */
    static boolean requested(PlanCommand command) {
        if (command.lawName != null && command.fitFile == null) {
            return Catalogue.readsPrecision(PlanCommand.catalogueLaw(command.lawName));
        }
        if (command.fitFile != null && command.lawName == null && command.group == null
                && !dev.slaw.io.fit.GroupedFitJson.isGroupedFile(command.fitFile)) {
            return Catalogue.readsPrecision(FitJson.load(command.fitFile).law());
        }
        return false;
    }

    static void run(PlanCommand command, List<Double> budgets, TableOutput output) {
        if (budgets.isEmpty()) {
            throw new BadInputException("the precision plan needs --compute C");
        }
        if (command.frontier != null || command.targetLoss != null || command.uniqueTokens != null
                || !command.inferenceTokens.isEmpty() || command.replicatesFile != null) {
            throw new BadInputException("the precision plan takes --compute only (not --frontier, --target-loss,"
                    + " --unique-tokens, --inference-tokens or --bootstrap)");
        }
        if (command.plot.requested()) {
            throw new BadInputException("--plot draws N-and-D plans, not precision plans");
        }
        if (!"6*N*D".equals(command.flops) || !command.flopConstants.isEmpty()) {
            throw new BadInputException("the precision plan uses the paper's cost model C = (6/16)*N*D*P; --flops"
                    + " does not apply");
        }
        OptimalPrecision planner = planner(command);
        List<PrecisionPlan> plans = new ArrayList<>();
        for (double c : budgets) {
            plans.add(planner.at(c));
        }
        output.print(() -> PrecisionDocuments.csvTable(plans),
                () -> PrecisionDocuments.json(planner.lawName(), planner.parameters(), plans, command.fitWarnings),
                () -> PrecisionDocuments.text(planner.lawName(), plans, command.fitWarnings), command.fitWarnings);
    }

    private static OptimalPrecision planner(PlanCommand command) {
        if (command.fitFile != null) {
            if (!command.settings.isEmpty()) {
                throw new BadInputException("--set applies to --law; a fit file carries its own values");
            }
            Fit fit = FitJson.load(command.fitFile);
            command.fitWarnings = FitWarnings.of(fit);
            return OptimalPrecision.of(fit.law(), fit.valueMap()).withFittedRanges(fit.provenance().ranges());
        }
        Law law = PlanCommand.catalogueLaw(command.lawName);
        Map<String, Double> values = PlanCommand.settings(law, command.lawName, command.settings);
        return OptimalPrecision.of(law, values);
    }

    /** A law reads precision when its variables are exactly N, D and P. */
    private static final class Catalogue {
        static boolean readsPrecision(Law law) {
            return law.variables().size() == OptimalPrecision.VARIABLES.size()
                    && law.variables().containsAll(OptimalPrecision.VARIABLES);
        }
    }
}
