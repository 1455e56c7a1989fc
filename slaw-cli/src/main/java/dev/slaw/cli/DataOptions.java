package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.io.Checkpoints;
import dev.slaw.io.DatasetLoader;
import dev.slaw.io.LoadedDataset;
import dev.slaw.io.Recipe;
import dev.slaw.io.project.ProjectFile;
import dev.slaw.io.store.RunStore;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The data options every command that reads runs shares, as a picocli mixin:
 * {@code @Mixin DataOptions data;} then {@code LoadedDataset loaded = data.load(source);}
 * where {@code source} is the command's positional argument (a file or a project dataset
 * name), or null to use {@code --dataset NAME}.
 *
 * <p>Options, all optional, applied in the order listed in {@link Recipe}:
 * <ul>
 *   <li>{@code --map VAR=COLUMN} (repeatable): name a source column, e.g.
 *       {@code --map N="Model Size"}; for JSON, COLUMN may be a path such as
 *       {@code results[val_data=c4].loss}.</li>
 *   <li>{@code --derive NAME=EXPR} (repeatable, in order): a computed column in the law
 *       language, e.g. {@code --derive "D = C / (6*N)"}.</li>
 *   <li>{@code --scale COLUMN=FACTOR} (repeatable): multiply a column, e.g.
 *       {@code --scale "FLOPs (1E21)=1e21"}; {@code --no-header-units} stops the automatic
 *       scaling of headers such as {@code FLOPs (1E21)} or {@code Model Size (B)}.</li>
 *   <li>{@code --where EXPR} (repeatable): keep rows where a law-language condition holds,
 *       e.g. {@code --where "N >= 1e8"}.</li>
 *   <li>{@code --only COLUMN=VALUE[,VALUE...]} (repeatable): keep rows whose column equals one
 *       of the values, e.g. {@code --only model=open_lm}.</li>
 *   <li>{@code --group COLUMN}: one fit per value of that column.</li>
 *   <li>{@code --drop-highest COLUMN=K}: drop the K rows with the highest value, e.g.
 *       {@code --drop-highest loss=5}.</li>
 *   <li>Checkpoint tables: {@code --run COLUMN[,COLUMN...]} names a run, {@code --step COLUMN}
 *       orders its checkpoints; then {@code --last-checkpoint}, {@code --drop-first FRACTION}
 *       (of each run's checkpoints), {@code --from-step FRACTION} (of each run's last step),
 *       {@code --every K}; {@code --smooth K} or {@code --last-mean K} with {@code --average COLUMN}
 *       average a column over a run's checkpoints.</li>
 *   <li>{@code --file-pattern "{size}-{mult}xC.csv"}: values from the file names of a folder of
 *       runs; {@code --melt COLUMNS --into NAME --melt-names NAME}: a wide table turned long.</li>
 *   <li>{@code --dataset NAME} and {@code --project FILE}: a dataset named in the project
 *       file (default {@code ./slaw.toml}); {@code --save-dataset NAME} appends the source and
 *       options to it, so the next command needs only {@code --dataset NAME}.</li>
 *   <li>{@code --db FILE}: the run store to look in for stored datasets (default
 *       {@code ./slaw.duckdb}).</li>
 * </ul>
 */
public class DataOptions {

    @Option(names = "--map", paramLabel = "VAR=COLUMN", mapFallbackValue = Option.NULL_VALUE,
            description = "Use a source column (or JSON path) as variable VAR, e.g. --map N=\"Model Size\". Repeatable.")
    Map<String, String> mappings = new LinkedHashMap<>();

    @Option(names = "--derive", paramLabel = "NAME=EXPR",
            description = "Add a computed column, e.g. --derive \"D = C / (6*N)\". Repeatable; later ones may use earlier ones.")
    List<String> derivations = new ArrayList<>();

    @Option(names = "--scale", paramLabel = "COLUMN=FACTOR",
            description = "Multiply a column by a factor, e.g. --scale \"FLOPs (1E21)=1e21\". Repeatable.")
    List<String> scales = new ArrayList<>();

    @Option(names = "--no-header-units",
            description = "Do not scale columns whose header names a multiplier, such as \"FLOPs (1E21)\".")
    boolean noHeaderUnits;

    @Option(names = "--where", paramLabel = "EXPR",
            description = "Keep rows where the condition holds, e.g. --where \"N >= 1e8\". Repeatable.")
    List<String> where = new ArrayList<>();

    @Option(names = "--only", paramLabel = "COLUMN=VALUE[,VALUE...]",
            description = "Keep rows whose column equals one of the values, e.g. --only model=open_lm. Repeatable.")
    List<String> only = new ArrayList<>();

    @Option(names = "--group", paramLabel = "COLUMN",
            description = "One fit per value of this column (fit, validate, bootstrap, sensitivity, plots); --shared fits them jointly.")
    String group;

    @Option(names = "--drop-highest", paramLabel = "COLUMN=K",
            description = "Drop the K rows with the highest value of COLUMN, e.g. --drop-highest loss=5.")
    String dropHighest;

    @Option(names = "--run", paramLabel = "COLUMN", split = ",",
            description = "Column(s) that together name a training run, in a table of checkpoints.")
    List<String> runColumns = new ArrayList<>();

    @Option(names = "--step", paramLabel = "COLUMN", description = "Column that orders a run's checkpoints.")
    String stepColumn;

    @Option(names = "--last-checkpoint", description = "Keep only the last checkpoint of each run.")
    boolean lastCheckpoint;

    @Option(names = "--drop-first", paramLabel = "FRACTION", defaultValue = "0",
            description = "Drop this fraction of each run's first checkpoints (default: ${DEFAULT-VALUE}).")
    double dropFirst;

    @Option(names = "--from-step", paramLabel = "FRACTION", defaultValue = "0",
            description = "Keep checkpoints at or after this fraction of the run's last step (default: ${DEFAULT-VALUE}).")
    double fromStep;

    @Option(names = "--every", paramLabel = "K", defaultValue = "1",
            description = "Keep every K-th checkpoint of each run, counted back from the last (default: ${DEFAULT-VALUE}).")
    int every;

    // ---- tables as they come: run files, wide tables, noisy checkpoints

    @Option(names = "--file-pattern", paramLabel = "PATTERN",
            description = "For a folder of run files: take values from each file name, e.g. \"{size}-{mult}xC.csv\" "
                    + "gives columns size and mult. Files whose name does not match are left out, with a note.")
    String filePattern;

    @Option(names = "--melt", paramLabel = "COLUMN", split = ",",
            description = "Turn a wide table long: one row per listed column (* matches any text), its value in the "
                    + "--into column and its name in the --melt-names column.")
    List<String> melt = new ArrayList<>();

    @Option(names = "--into", paramLabel = "NAME", defaultValue = "value",
            description = "The column the --melt values go into (default: ${DEFAULT-VALUE}).")
    String meltInto;

    @Option(names = "--melt-names", paramLabel = "NAME", defaultValue = "column",
            description = "The text column that keeps each --melt value's source column name (default: ${DEFAULT-VALUE}).")
    String meltNames;

    @Option(names = "--smooth", paramLabel = "K", defaultValue = "0",
            description = "Replace the --average columns by their moving average over K checkpoints of a run "
                    + "(the first K-1 checkpoints are dropped).")
    int smooth;

    @Option(names = "--last-mean", paramLabel = "K", defaultValue = "0",
            description = "Keep each run's last checkpoint, with the --average columns' mean over its last K checkpoints.")
    int lastMean;

    @Option(names = "--average", paramLabel = "COLUMN", split = ",",
            description = "The columns --smooth and --last-mean average (e.g. the loss); other columns keep each "
                    + "checkpoint's own value.")
    List<String> averaged = new ArrayList<>();

    @Mixin
    StoreOptions store = new StoreOptions();

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "A dataset named in the project file (or stored with slaw import), instead of a file.")
    String dataset;

    @Option(names = "--project", paramLabel = "FILE",
            description = "The project file naming datasets (default: ./slaw.toml when it exists).")
    Path project;

    @Option(names = "--save-dataset", paramLabel = "NAME",
            description = "Also save this source and these options as dataset NAME in the project file.")
    String saveAs;

    /** The recipe the options describe. */
    public Recipe recipe() {
        Recipe r = Recipe.DEFAULT.withUnitsFromHeaders(!noHeaderUnits);
        for (String s : scales) {
            Map.Entry<String, Double> e = Recipe.parseScale(s);
            r = r.withScale(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, String> e : mappings.entrySet()) {
            if (e.getValue() == null || e.getValue().isBlank()) {
                throw new BadInputException("--map " + e.getKey() + ": expected VAR=COLUMN, e.g. --map N=\"Model Size\"");
            }
            r = r.withMapping(e.getKey().strip(), e.getValue().strip());
        }
        for (String d : derivations) {
            r = r.withDerivation(Recipe.Derivation.parse(d));
        }
        if (filePattern != null) {
            r = r.withFilePattern(filePattern);
        }
        if (!melt.isEmpty()) {
            r = r.withMelt(new Recipe.Melt(melt, meltInto, meltNames));
        }
        if (!runColumns.isEmpty() || stepColumn != null) {
            r = r.withCheckpoints(new Checkpoints(runColumns, stepColumn == null ? "" : stepColumn, lastCheckpoint,
                    dropFirst, fromStep, every, smooth, lastMean, averaged));
        } else if (lastCheckpoint || dropFirst != 0 || fromStep != 0 || every != 1 || smooth != 0 || lastMean != 0
                || !averaged.isEmpty()) {
            throw new BadInputException("checkpoint filters need --run COLUMN[,COLUMN...] and --step COLUMN");
        }
        for (String o : only) {
            r = r.withMatch(Recipe.Match.parse(o));
        }
        for (String w : where) {
            r = r.withWhere(w);
        }
        if (group != null) {
            r = r.withGroup(group);
        }
        if (dropHighest != null) {
            r = r.withDropHighest(Recipe.DropHighest.parse(dropHighest));
        }
        return r;
    }

    /**
     * Loads the dataset the command line names. {@code source} (the command's positional
     * argument, may be null) is tried as a file (CSV, TSV, JSON, JSON Lines, a folder of JSON
     * files, Parquet), then as a dataset of the project file, then as a dataset of the run
     * store ({@code --db}); without it, {@code --dataset NAME} names one. A project dataset's recipe comes first and the options on the command
     * line refine it. With {@code --save-dataset NAME}, the source and options are appended to
     * the project file once the load has succeeded.
     *
     * @throws BadInputException for anything wrong with the input, with a one-line message
     */
    public LoadedDataset load(String source) {
        String name = source == null || source.isBlank() ? dataset : source;
        if (name == null || name.isBlank()) {
            throw new BadInputException("no data: give a file or --dataset NAME");
        }
        Recipe recipe = recipe();
        LoadedDataset loaded;
        String savedSource;
        Optional<ProjectFile> projectFile = Files.exists(Path.of(name)) && dataset == null
                ? Optional.empty() : ProjectFile.find(project);
        Optional<ProjectFile.ProjectDataset> named = projectFile.flatMap(p -> p.dataset(name));
        if (named.isPresent()) {
            ProjectFile.ProjectDataset d = named.get();
            Recipe combined = d.recipe().then(recipe);
            loaded = loadSource(d.source(), combined, "dataset \"" + name + "\" of " + projectFile.get().file());
            savedSource = d.source();
            recipe = combined;
        } else if (Files.exists(Path.of(name))) {
            loaded = DatasetLoader.load(Path.of(name), recipe);
            savedSource = name;
        } else if (storeHas(name)) {
            try (RunStore runs = RunStore.openReadOnly(store.db())) {
                loaded = runs.load(name, recipe);
            }
            savedSource = name;
        } else {
            List<String> places = new ArrayList<>();
            projectFile.ifPresent(p -> places.add(p.file() + " (datasets: " + String.join(", ", p.datasets().keySet()) + ")"));
            if (Files.isRegularFile(store.db())) {
                try (RunStore runs = RunStore.openReadOnly(store.db())) {
                    places.add(store.db() + " (stored: " + String.join(", ", runs.names()) + ")");
                }
            }
            throw new BadInputException(name + ": no such file" + (places.isEmpty() ? ""
                    : " and no dataset of that name in " + String.join(" or ", places)));
        }
        if (saveAs != null) {
            Path target = project != null ? project : Path.of(ProjectFile.DEFAULT_NAME);
            String relative = relativeTo(target, savedSource);
            Recipe saved = recipe;
            Outputs.onSuccess(() -> ProjectFile.append(target, saveAs, relative, saved));
            loaded = loaded.withNote("saved as dataset \"" + saveAs + "\" in " + target);
        }
        return loaded;
    }

    /** The store file, for commands that also write to it. */
    public Path db() {
        return store.db();
    }

    /** The name of the dataset this command line names: the positional source or {@code --dataset}. */
    public String datasetName(String source) {
        return source == null || source.isBlank() ? dataset : source;
    }

    /**
     * A relative file path as the project file will read it (relative to its own folder); an
     * absolute path or a stored dataset name as given.
     */
    private static String relativeTo(Path projectFile, String source) {
        Path p = Path.of(source);
        if (p.isAbsolute() || !Files.exists(p)) {
            return source;
        }
        Path base = projectFile.toAbsolutePath().normalize().getParent();
        return base == null ? source : base.relativize(p.toAbsolutePath().normalize()).toString();
    }

    private boolean storeHas(String name) {
        if (!Files.isRegularFile(store.db()) || !name.matches("[A-Za-z0-9_-]+")) {
            return false;
        }
        try (RunStore runs = RunStore.openReadOnly(store.db())) {
            return runs.dataset(name).isPresent();
        }
    }

    private LoadedDataset loadSource(String source, Recipe recipe, String what) {
        Path path = Path.of(source);
        if (Files.exists(path)) {
            return DatasetLoader.load(path, recipe);
        }
        if (storeHas(source)) {
            try (RunStore runs = RunStore.openReadOnly(store.db())) {
                return runs.load(source, recipe);
            }
        }
        throw new BadInputException(what + ": source " + source + ": no such file or stored dataset");
    }
}
