package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.downstream.LatentSkills;
import dev.slaw.fit.FitOptions;
import dev.slaw.io.DatasetLoader;
import dev.slaw.io.Recipe;
import dev.slaw.io.document.SkillsDocuments;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code slaw skills DATA}: latent skills with family-specific efficiency, evaluated family by family. */
@Command(name = "skills", mixinStandardHelpOptions = true,
        description = "Fit latent skills with family-specific efficiency (Polo et al. 2025, Sloth: catalogue law skills-K) "
                + "to a table of models x benchmark scores, leaving out one family at a time: the family's smallest model "
                + "is fitted with the other families, its other models are predicted; prints each family's mean absolute error.",
        footer = {"", "DATA has one row per model: a model name, its family, its size S, its training tokens T and one",
                "column of scores in [0, 1] per benchmark (by default every such column). The table is fitted in long",
                "form, one row per model and benchmark, by the ordinary fitter.",
                "", "Example:", "  slaw skills examples/obsscaling/base_llm_benchmark_eval.csv --skills 1"})
public final class SkillsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DATA", description = "The table of models and benchmark scores.")
    Path data;

    @Option(names = "--skills", paramLabel = "K", defaultValue = "1",
            description = "Number of latent skills: 1 or 2 (law skills-K; default: ${DEFAULT-VALUE}).")
    int skills;

    @Option(names = "--leave-out-family", split = ",", paramLabel = "FAMILY",
            description = "Only these held-out families (default: every family with two models or more).")
    List<String> only = new ArrayList<>();

    @Option(names = "--family", paramLabel = "COLUMN", defaultValue = "Model Family",
            description = "The text column naming each model's family (default: ${DEFAULT-VALUE}).")
    String family;

    @Option(names = "--model", paramLabel = "COLUMN", defaultValue = "Model",
            description = "The text column naming each model (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--size", paramLabel = "COLUMN", defaultValue = "Model Size (B)",
            description = "Parameters S (default: ${DEFAULT-VALUE}); its smallest value picks a family's anchor.")
    String size;

    @Option(names = "--tokens", paramLabel = "COLUMN", defaultValue = "Pretraining Data Size (T)",
            description = "Training tokens T (default: ${DEFAULT-VALUE}).")
    String tokens;

    @Option(names = "--benchmarks", split = ",", paramLabel = "COLUMN",
            description = "The benchmark score columns (default: every other numeric column whose values lie in [0, 1]).")
    List<String> benchmarks;

    @Option(names = "--floor", paramLabel = "BENCHMARK=VALUE",
            description = "A benchmark's guessing floor c (known: MMLU, ARC-C, HellaSwag, TruthfulQA 0.25; Winograd, "
                    + "Winogrande, XWinograd 0.5; GSM8K, HumanEval 0); repeatable.")
    List<String> floorOptions = new ArrayList<>();

    @Option(names = "--threads", description = "Worker threads (default: all cores; the result does not depend on it).")
    Integer threads;

    @Mixin
    TableOutput output = new TableOutput();

    @Override
    public Integer call() {
        if (skills < 1 || skills > 2) {
            throw new BadInputException("--skills must be 1 or 2, got " + skills);
        }
        Map<String, Double> floors = new LinkedHashMap<>(LatentSkills.KNOWN_FLOORS);
        for (String f : floorOptions) {
            Map.Entry<String, Double> e = Assignments.one(f, "--floor");
            if (!(e.getValue() >= 0 && e.getValue() < 1)) {
                throw new BadInputException("--floor " + f + ": a guessing floor lies in [0, 1)");
            }
            floors.put(e.getKey(), e.getValue());
        }
        // the headers' units (B, T) are the law's: S in billions, T in trillions, as written
        Dataset wide = DatasetLoader.load(data, Recipe.DEFAULT.withUnitsFromHeaders(false)).dataset();
        List<String> chosen = benchmarks != null ? benchmarks.stream().map(String::strip).toList()
                : scoreColumns(wide);
        if (chosen.isEmpty()) {
            throw new BadInputException(data + ": no benchmark columns (no numeric column with every value in [0, 1]);"
                    + " name them with --benchmarks");
        }
        Map<String, Double> used = new LinkedHashMap<>();
        for (String b : chosen) {
            if (floors.containsKey(b)) {
                used.put(b, floors.get(b));
            }
        }
        List<String> leftOut = new ArrayList<>();
        if (wide.hasColumn(size) && wide.hasColumn(tokens) && wide.label(model).isPresent()) {
            for (int i = 0; i < wide.rowCount(); i++) {
                if (Double.isNaN(wide.value(size, i)) || Double.isNaN(wide.value(tokens, i))) {
                    leftOut.add(wide.label(model).get()[i]);
                }
            }
        }
        Dataset rows = LatentSkills.longForm(wide, family, model, size, tokens, chosen, floors);
        Law law = Catalogue.builtIn().find("skills-" + skills).orElseThrow();
        FitOptions options = FitOptions.defaults();
        if (threads != null) {
            if (threads < 1) {
                throw new BadInputException("--threads must be at least 1, got " + threads);
            }
            options = options.withThreads(threads);
        }
        LatentSkills.Evaluation e = LatentSkills.leaveOneFamilyOut(law, rows, "score", "family", "model", "S",
                only.stream().map(String::strip).toList(), options);
        SkillsDocuments.Context context = new SkillsDocuments.Context(data.toString(), law.name(),
                new LinkedHashSet<>(List.of(rows.label("model").orElseThrow())).size(), rows.rowCount(),
                new LinkedHashSet<>(List.of(rows.label("family").orElseThrow())).size(), used, leftOut);
        output.print(() -> SkillsDocuments.csvTable(e), () -> SkillsDocuments.json(e, context),
                () -> SkillsDocuments.text(e, context));
        return 0;
    }

    /** Numeric columns other than S and T whose every value lies in [0, 1]. */
    private List<String> scoreColumns(Dataset wide) {
        List<String> out = new ArrayList<>();
        for (String c : wide.columnNames()) {
            if (c.equals(size) || c.equals(tokens)) {
                continue;
            }
            boolean scores = true;
            for (double v : wide.column(c)) {
                if (!Double.isNaN(v) && !(v >= 0 && v <= 1)) {
                    scores = false;
                    break;
                }
            }
            if (scores) {
                out.add(c);
            }
        }
        return out;
    }
}
