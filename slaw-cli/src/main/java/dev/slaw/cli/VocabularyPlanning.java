package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.fit.Fit;
import dev.slaw.io.document.FitWarnings;
import dev.slaw.io.document.VocabularyDocuments;
import dev.slaw.io.fit.FitJson;
import dev.slaw.law.Law;
import dev.slaw.planning.OptimalVocabulary;
import dev.slaw.planning.VocabularyPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code slaw plan --non-vocabulary-parameters N --embedding-dim d --compute C}: the vocabulary of
 * least loss (Tao et al. 2024), kept beside PlanCommand so that the N-and-D plans stay as they were.
 */
final class VocabularyPlanning {
    private VocabularyPlanning() {
    }

    static void run(PlanCommand command, List<Double> budgets, TableOutput output) {
        if (command.nonVocabularyParameters == null || command.embeddingWidth == null) {
            throw new BadInputException("the vocabulary plan needs both --non-vocabulary-parameters N and --embedding-dim d");
        }
        if (budgets.isEmpty()) {
            throw new BadInputException("the vocabulary plan needs --compute C");
        }
        if (command.frontier != null || command.targetLoss != null || command.uniqueTokens != null
                || !command.inferenceTokens.isEmpty() || command.replicatesFile != null || command.group != null) {
            throw new BadInputException("the vocabulary plan takes --compute only (not --frontier, --target-loss,"
                    + " --unique-tokens, --inference-tokens, --bootstrap or a group)");
        }
        if (command.plot.requested()) {
            throw new BadInputException("--plot draws N-and-D plans, not vocabulary plans");
        }
        double nnv = Assignments.number(command.nonVocabularyParameters, "--non-vocabulary-parameters");
        double d = Assignments.number(command.embeddingWidth, "--embedding-dim");
        OptimalVocabulary planner = planner(command);
        List<VocabularyPlan> plans = new ArrayList<>();
        for (double c : budgets) {
            plans.add(planner.at(c, nnv, d));
        }
        output.print(() -> VocabularyDocuments.csvTable(plans),
                () -> VocabularyDocuments.json(planner.lawName(), planner.parameters(), plans, command.fitWarnings),
                () -> VocabularyDocuments.text(planner.lawName(), plans, command.fitWarnings), command.fitWarnings);
    }

    private static OptimalVocabulary planner(PlanCommand command) {
        if (command.fitFile != null && command.lawName != null) {
            throw new BadInputException("give either a fit file or --law with --set values, not both");
        }
        if (command.fitFile != null) {
            if (!command.settings.isEmpty()) {
                throw new BadInputException("--set applies to --law; a fit file carries its own values");
            }
            Fit fit = FitJson.load(command.fitFile);
            command.fitWarnings = FitWarnings.of(fit);
            return OptimalVocabulary.of(fit.law(), fit.valueMap());
        }
        if (command.lawName == null) {
            throw new BadInputException("no law: give a fit file (slaw fit ... --out fit.json) or --law vocabulary with --set values");
        }
        Law law = PlanCommand.catalogueLaw(command.lawName);
        Map<String, Double> values = PlanCommand.settings(law, command.lawName, command.settings);
        return OptimalVocabulary.of(law, values);
    }
}
