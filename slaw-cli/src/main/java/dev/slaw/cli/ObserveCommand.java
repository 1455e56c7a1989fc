package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.io.ModelTableReader;
import dev.slaw.io.document.ObservationalDocuments;
import dev.slaw.observational.ModelTable;
import dev.slaw.observational.ObservationalResult;
import dev.slaw.observational.ObservationalScaling;
import dev.slaw.observational.ObservationalSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code slaw observe TABLE --target BENCH}: observational scaling over public models. */
@Command(name = "observe", mixinStandardHelpOptions = true,
        description = "Observational scaling (Ruan et al. 2024): capability components (PCA) of public models' benchmark "
                + "scores, each family's compute efficiency, and a sigmoid link from the components to a target "
                + "benchmark, fitted below a compute cutoff and scored on the models above it.",
        footer = {"", "TABLE has a row per model: its name, family, training compute and benchmark scores in [0, 1]",
                "(the authors' column names by default).",
                "", "Example:", "  slaw observe examples/obsscaling/base_llm_benchmark_eval.csv --target GSM8K"})
public final class ObserveCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TABLE", description = "Models by benchmarks (CSV or TSV).")
    Path table;

    @Option(names = "--target", required = true, paramLabel = "BENCH",
            description = "The benchmark to predict; the components are made of the others.")
    String target;

    @Option(names = "--cutoff", paramLabel = "C",
            description = "Hold out the models with compute above C, in the compute column's unit (default: 84, the paper's: "
                    + "Llama-2 7B's 8.4e22 FLOPs in units of 1e21).")
    Double cutoff;

    @Option(names = "--components", paramLabel = "K", description = "Capability components (default: 3).")
    Integer components;

    @Option(names = "--benchmarks", split = ",", paramLabel = "COL",
            description = "The benchmark columns (default: every other numeric column whose values all lie in [0, 1]).")
    List<String> benchmarks = new ArrayList<>();

    @Option(names = "--model-column", paramLabel = "COL", description = "Default: ${DEFAULT-VALUE}.",
            defaultValue = ModelTableReader.MODEL)
    String modelColumn;

    @Option(names = "--family-column", paramLabel = "COL", description = "Default: ${DEFAULT-VALUE}.",
            defaultValue = ModelTableReader.FAMILY)
    String familyColumn;

    @Option(names = "--compute-column", paramLabel = "COL", description = "Default: ${DEFAULT-VALUE}.",
            defaultValue = ModelTableReader.COMPUTE)
    String computeColumn;

    @Option(names = "--threads", description = "Worker threads (default: all cores; the result does not depend on it).")
    Integer threads;

    @Mixin
    TableOutput output = new TableOutput();

    @Override
    public Integer call() {
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (workers < 1) {
            throw new BadInputException("--threads must be at least 1, got " + workers);
        }
        ObservationalSettings settings = new ObservationalSettings(target,
                cutoff == null ? ObservationalSettings.PAPER_CUTOFF : cutoff,
                components == null ? ObservationalSettings.PAPER_COMPONENTS : components,
                ObservationalSettings.PAPER_IMPUTATION_RANK, workers);
        ModelTable models = ModelTableReader.read(table, table.toString(), modelColumn, familyColumn, computeColumn,
                benchmarks);
        ObservationalResult result = ObservationalScaling.run(models, settings);
        output.print(() -> ObservationalDocuments.csvTable(result), () -> ObservationalDocuments.json(result),
                () -> ObservationalDocuments.text(result));
        return 0;
    }
}
