package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.fit.Fit;
import dev.slaw.fit.VariableRange;
import dev.slaw.io.document.FitWarnings;
import dev.slaw.io.document.ParallelStreamsDocuments;
import dev.slaw.io.fit.FitJson;
import dev.slaw.io.fit.GroupedFitJson;
import dev.slaw.fit.GroupedFit;
import dev.slaw.law.Law;
import dev.slaw.planning.ParallelStreams;
import dev.slaw.planning.ParallelStreamsPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code slaw plan FIT --streams 1,2,4,8 --parameters N} (or {@code --target-loss L}): parallel
 * streams against parameters with a law in N and P such as parscale (Chen et al. 2025), kept
 * beside PlanCommand so that the N-and-D plans stay as they were.
 */
final class ParallelPlanning {
    /** The runs the authors fitted: 0.54B to 4.41B non-embedding parameters at P = 1 to 8 (parametric_fit.py). */
    private static final Map<String, VariableRange> AUTHORS_RANGES = Map.of(
            "N", new VariableRange(535813376, 4414502408d), "P", new VariableRange(1, 8));

    private ParallelPlanning() {
    }

    static void run(PlanCommand command, TableOutput output) {
        if ((command.parameterCount == null) == (command.targetLoss == null)) {
            throw new BadInputException("the parallel-streams plan needs either --parameters N (the loss at each P)"
                    + " or --target-loss L (the N each P needs), not both");
        }
        if (command.tokenCount != null || command.frontier != null || command.uniqueTokens != null
                || !command.inferenceTokens.isEmpty() || command.replicatesFile != null
                || command.nonVocabularyParameters != null || command.hyperparameters != null
                || !command.compute.flops().isEmpty()) {
            throw new BadInputException("the parallel-streams plan takes --streams with --parameters or --target-loss"
                    + " only (not --compute, --tokens, --frontier, --unique-tokens, --inference-tokens, --bootstrap,"
                    + " --hyperparameters or the vocabulary options)");
        }
        if (command.plot.requested()) {
            throw new BadInputException("--plot draws N-and-D plans, not parallel-streams plans");
        }
        List<Double> streams = new ArrayList<>();
        for (String s : command.streams) {
            streams.add(Assignments.number(s, "--streams"));
        }
        Map<String, VariableRange> ranges = AUTHORS_RANGES;
        ParallelStreams planner;
        if (command.fitFile != null && command.lawName != null) {
            throw new BadInputException("give either a fit file or --law with --set values, not both");
        }
        if (command.fitFile != null) {
            if (!command.settings.isEmpty()) {
                throw new BadInputException("--set applies to --law; a fit file carries its own values");
            }
            Fit fit;
            if (GroupedFitJson.isGroupedFile(command.fitFile)) {
                GroupedFit grouped = GroupedFitJson.load(command.fitFile);
                List<String> chosen = command.group == null ? List.of() : List.of(command.group);
                fit = grouped.fit(GroupedFits.chooseGroup(grouped, new ArrayList<>(chosen)));
            } else if (command.group != null) {
                throw new BadInputException("\"" + command.group + "\": " + command.fitFile + " is one fit, not a grouped fit");
            } else {
                fit = FitJson.load(command.fitFile);
            }
            command.fitWarnings = FitWarnings.of(fit);
            ranges = fit.provenance().ranges();
            planner = ParallelStreams.of(fit.law(), fit.valueMap());
        } else if (command.lawName != null) {
            Law law = PlanCommand.catalogueLaw(command.lawName);
            planner = ParallelStreams.of(law, PlanCommand.settings(law, command.lawName, command.settings));
        } else {
            throw new BadInputException("no law: give a fit file (slaw fit ... --law parscale --out fit.json) or --law"
                    + " parscale with --set values");
        }
        ParallelStreamsPlan plan = command.parameterCount != null
                ? planner.at(Assignments.number(command.parameterCount, "--parameters"), streams)
                : planner.forTargetLoss(command.targetLoss, streams);
        List<String> beyond = VariableRange.beyond(ranges, Map.of(
                "N", plan.rows().stream().mapToDouble(ParallelStreamsPlan.Row::parameterCount)
                        .filter(Double::isFinite).toArray(),
                "P", streams.stream().mapToDouble(Double::doubleValue).toArray()));
        if (command.fitFile == null && !beyond.isEmpty()) {
            // a law at given values has no data of its own: the reach is measured against the authors' runs
            beyond = beyond.stream().map(w -> w + " (the runs Chen et al. fitted)").toList();
        }
        command.fitWarnings = command.fitWarnings.with(beyond);
        output.print(() -> ParallelStreamsDocuments.csvTable(plan),
                () -> ParallelStreamsDocuments.json(planner.lawName(), planner.parameters(), plan, command.fitWarnings),
                () -> ParallelStreamsDocuments.text(planner.lawName(), plan, command.fitWarnings), command.fitWarnings);
    }
}
