package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.fit.Fit;
import dev.slaw.io.document.FinetuneDocuments;
import dev.slaw.io.document.FitWarnings;
import dev.slaw.io.fit.FitJson;
import dev.slaw.planning.FinetuneChoice;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code slaw plan FIT --finetune-versus FIT2 --finetune-data DF,...}: which fine-tuning method or base
 * model (each a fit of finetune-joint, rectified or any law in the fine-tuning data size) predicts the
 * least loss at each data size, and where two are equal; kept beside PlanCommand.
 */
final class FinetunePlanning {
    private FinetunePlanning() {
    }

    static boolean requested(PlanCommand c) {
        return !c.finetuneData.isEmpty() || !c.finetuneVersus.isEmpty() || !c.finetuneAt.isEmpty();
    }

    static void run(PlanCommand c, TableOutput output) {
        if (c.fitFile == null || c.finetuneVersus.isEmpty()) {
            throw new BadInputException("the fine-tuning choice compares fits: slaw plan FIT --finetune-versus FIT2"
                    + " [--finetune-versus FIT3] --finetune-data DF[,DF...]");
        }
        if (c.lawName != null || !c.settings.isEmpty() || c.group != null || !c.compute.flops().isEmpty()
                || c.frontier != null || c.targetLoss != null || c.uniqueTokens != null || !c.inferenceTokens.isEmpty()
                || c.replicatesFile != null || c.plot.requested()) {
            throw new BadInputException("the fine-tuning choice takes fit files, --finetune-data and --finetune-at only");
        }
        List<Path> files = new ArrayList<>();
        files.add(c.fitFile);
        files.addAll(c.finetuneVersus);
        List<FinetuneChoice.Candidate> candidates = new ArrayList<>();
        FitWarnings warnings = FitWarnings.none();
        for (Path file : files) {
            Fit fit = FitJson.load(file);
            String name = name(file);
            candidates.add(new FinetuneChoice.Candidate(name, fit));
            warnings = warnings.and(name, fit);
        }
        Map<String, Double> at = new LinkedHashMap<>();
        for (String s : c.finetuneAt) {
            Map.Entry<String, Double> e = Assignments.one(s, "--finetune-at");
            at.put(e.getKey(), e.getValue());
        }
        List<Double> sizes = new ArrayList<>();
        for (String s : c.finetuneData) {
            sizes.add(Assignments.number(s, "--finetune-data"));
        }
        FinetuneChoice.Choice choice = FinetuneChoice.of(candidates, at).at(sizes);
        FitWarnings all = warnings;
        output.print(() -> FinetuneDocuments.csvTable(choice), () -> FinetuneDocuments.json(choice, all),
                () -> FinetuneDocuments.text(choice, all), all);
    }

    /** The file's name without its folder and .json: what the table's column says. */
    private static String name(Path file) {
        String n = file.getFileName().toString();
        return n.endsWith(".json") ? n.substring(0, n.length() - 5) : n;
    }
}
