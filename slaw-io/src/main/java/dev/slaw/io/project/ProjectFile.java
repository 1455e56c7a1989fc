package dev.slaw.io.project;

import dev.slaw.data.BadInputException;
import dev.slaw.io.Checkpoints;
import dev.slaw.io.Recipe;
import dev.slaw.io.table.NumberParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A project file, {@code slaw.toml}, naming datasets with their source and recipe so that
 * {@code slaw fit --dataset ladder --law chinchilla} needs no other flags:
 *
 * <pre>
 * [dataset.ladder]
 * source = "examples/chinchilla-epoch/svg_extracted_data.csv"   # relative to this file
 * map = { N = "Model Size", C = "Training FLOP" }
 * derive = ["D = C / (6*N)"]
 * drop-highest = "loss=5"
 *
 * [dataset.sweep]
 * source = "examples/misfitting/scaling_results.csv"
 * where = ["N &gt;= 1e8"]
 * only = ["model=misfitting_35m,misfitting_50m"]
 * scale = { "FLOPs (1E21)" = 1e21 }
 * header-units = true
 * group = "model"
 * checkpoints = { run = ["model", "total_steps", "peak_lr", "sweep"], step = "current_steps", last = true }
 * </pre>
 *
 * Keys of a dataset: {@code source} (a file, relative to the project file, or the name of a
 * dataset in the run store), {@code map}, {@code derive}, {@code scale}, {@code header-units},
 * {@code where}, {@code only}, {@code group}, {@code drop-highest}, and {@code checkpoints}
 * with {@code run}, {@code step}, {@code last}, {@code drop-first}, {@code from-step},
 * {@code every}, {@code smooth}, {@code last-mean}, {@code average}, {@code file-pattern}, and
 * {@code melt} with {@code columns}, {@code into}, {@code names}, all as in {@link Recipe} and
 * {@link Checkpoints}. Unknown keys are an error, so
 * a typo is not silently ignored.
 *
 * @param file     the project file
 * @param datasets datasets by name, in file order
 */
public record ProjectFile(Path file, Map<String, ProjectDataset> datasets) {

    /** The name slaw looks for in the working directory. */
    public static final String DEFAULT_NAME = "slaw.toml";

    private static final Set<String> DATASET_KEYS = Set.of("source", "map", "derive", "scale", "header-units", "where",
            "only", "group", "drop-highest", "checkpoints", "file-pattern", "melt");
    private static final Set<String> CHECKPOINT_KEYS = Set.of("run", "step", "last", "drop-first", "from-step", "every",
            "smooth", "last-mean", "average");
    private static final Set<String> MELT_KEYS = Set.of("columns", "into", "names");

    public ProjectFile {
        datasets = Collections.unmodifiableMap(new LinkedHashMap<>(datasets));
    }

    /**
     * A named dataset of the project.
     *
     * @param name   its name
     * @param source the file (resolved against the project file's folder) or stored dataset name
     * @param recipe how it becomes a dataset
     */
    public record ProjectDataset(String name, String source, Recipe recipe) {
    }

    /** Reads and checks a project file. */
    public static ProjectFile read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such project file");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        String name = file.toString();
        Map<String, Object> root = Toml.parse(text, name);
        Map<String, ProjectDataset> datasets = new LinkedHashMap<>();
        for (Map.Entry<String, Object> top : root.entrySet()) {
            if (!top.getKey().equals("dataset")) {
                throw new BadInputException(name + ": unknown section \"" + top.getKey() + "\" (expected [dataset.NAME])");
            }
            for (Map.Entry<String, Object> d : table(top.getValue(), name, "dataset").entrySet()) {
                String where = name + ": [dataset." + d.getKey() + "]";
                Map<String, Object> section = table(d.getValue(), name, "dataset." + d.getKey());
                try {
                    datasets.put(d.getKey(), dataset(d.getKey(), section, file, where));
                } catch (BadInputException e) {
                    // a value the recipe refuses (every = 0, a filter without '=') still names its section
                    if (e.getMessage().startsWith(where)) {
                        throw e;
                    }
                    throw new BadInputException(where + ": " + e.getMessage(), e);
                }
            }
        }
        return new ProjectFile(file, datasets);
    }

    /** The project file in effect: the given one, or {@code ./slaw.toml} when it exists. */
    public static Optional<ProjectFile> find(Path explicit) {
        if (explicit != null) {
            return Optional.of(read(explicit));
        }
        Path local = Path.of(DEFAULT_NAME);
        return Files.isRegularFile(local) ? Optional.of(read(local)) : Optional.empty();
    }

    public Optional<ProjectDataset> dataset(String name) {
        return Optional.ofNullable(datasets.get(name));
    }

    /**
     * Adds a dataset section at the end of the file, leaving what is there (comments too)
     * untouched. A name already defined is an error: edit the file to change it.
     *
     * @param source written as given (relative paths are read relative to the project file)
     */
    public static void append(Path file, String name, String source, Recipe recipe) {
        checkName(name);
        if (Files.exists(file) && read(file).datasets().containsKey(name)) {
            throw new BadInputException(file + ": dataset \"" + name + "\" is already defined; edit it there or choose another name");
        }
        String section = render(name, source, recipe);
        try {
            String prefix = Files.exists(file) && Files.size(file) > 0 ? "\n" : "";
            Files.writeString(file, prefix + section, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    /**
     * Checks a dataset name: letters, digits, {@code _} and {@code -}, as a TOML bare key and a
     * store table key can hold without quoting.
     */
    public static String checkName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9_-]+")) {
            throw new BadInputException("\"" + name + "\" cannot be a dataset name: use letters, digits, _ and -");
        }
        return name;
    }

    /** The TOML section for one dataset, readable back by {@link #read}. */
    public static String render(String name, String source, Recipe recipe) {
        StringBuilder sb = new StringBuilder("[dataset.").append(name).append("]\n");
        sb.append("source = ").append(Toml.quote(source)).append('\n');
        recipe.filePattern().ifPresent(p -> sb.append("file-pattern = ").append(Toml.quote(p)).append('\n'));
        recipe.melt().ifPresent(m -> sb.append("melt = { columns = ").append(quotedList(m.columns()))
                .append(", into = ").append(Toml.quote(m.into())).append(", names = ").append(Toml.quote(m.names()))
                .append(" }\n"));
        if (!recipe.mappings().isEmpty()) {
            List<String> pairs = new ArrayList<>();
            recipe.mappings().forEach((k, v) -> pairs.add(k + " = " + Toml.quote(v)));
            sb.append("map = { ").append(String.join(", ", pairs)).append(" }\n");
        }
        if (!recipe.derivations().isEmpty()) {
            List<String> items = new ArrayList<>();
            recipe.derivations().forEach(d -> items.add(Toml.quote(d.toString())));
            sb.append("derive = [").append(String.join(", ", items)).append("]\n");
        }
        if (!recipe.scales().isEmpty()) {
            List<String> pairs = new ArrayList<>();
            recipe.scales().forEach((k, v) -> pairs.add(Toml.quote(k) + " = " + v));
            sb.append("scale = { ").append(String.join(", ", pairs)).append(" }\n");
        }
        if (!recipe.unitsFromHeaders()) {
            sb.append("header-units = false\n");
        }
        if (!recipe.where().isEmpty()) {
            sb.append("where = ").append(quotedList(recipe.where())).append('\n');
        }
        if (!recipe.matches().isEmpty()) {
            List<String> items = new ArrayList<>();
            recipe.matches().forEach(m -> items.add(m.column() + "=" + String.join(",", m.values())));
            sb.append("only = ").append(quotedList(items)).append('\n');
        }
        recipe.group().ifPresent(g -> sb.append("group = ").append(Toml.quote(g)).append('\n'));
        recipe.dropHighest().ifPresent(d -> sb.append("drop-highest = ")
                .append(Toml.quote(d.column() + "=" + d.count())).append('\n'));
        Checkpoints cp = recipe.checkpoints();
        if (!cp.runColumns().isEmpty() || !cp.stepColumn().isBlank()) {
            List<String> parts = new ArrayList<>();
            parts.add("run = " + quotedList(cp.runColumns()));
            parts.add("step = " + Toml.quote(cp.stepColumn()));
            if (cp.lastOnly()) {
                parts.add("last = true");
            }
            if (cp.dropFirstFraction() > 0) {
                parts.add("drop-first = " + cp.dropFirstFraction());
            }
            if (cp.fromStepFraction() > 0) {
                parts.add("from-step = " + cp.fromStepFraction());
            }
            if (cp.every() > 1) {
                parts.add("every = " + cp.every());
            }
            if (cp.smooth() > 0) {
                parts.add("smooth = " + cp.smooth());
            }
            if (cp.lastMean() > 0) {
                parts.add("last-mean = " + cp.lastMean());
            }
            if (!cp.averaged().isEmpty()) {
                parts.add("average = " + quotedList(cp.averaged()));
            }
            sb.append("checkpoints = { ").append(String.join(", ", parts)).append(" }\n");
        }
        return sb.toString();
    }

    private static String quotedList(List<String> items) {
        List<String> quoted = new ArrayList<>();
        items.forEach(i -> quoted.add(Toml.quote(i)));
        return "[" + String.join(", ", quoted) + "]";
    }

    private static ProjectDataset dataset(String name, Map<String, Object> t, Path file, String where) {
        for (String key : t.keySet()) {
            if (!DATASET_KEYS.contains(key)) {
                throw new BadInputException(where + ": unknown key \"" + key + "\" (known: " + String.join(", ",
                        sorted(DATASET_KEYS)) + ")");
            }
        }
        Object sourceValue = t.get("source");
        if (!(sourceValue instanceof String source) || source.isBlank()) {
            throw new BadInputException(where + ": needs source = \"FILE\"");
        }
        Recipe r = Recipe.DEFAULT;
        if (t.containsKey("header-units")) {
            r = r.withUnitsFromHeaders(bool(t.get("header-units"), where, "header-units"));
        }
        if (t.containsKey("scale")) {
            NumberParser parser = new NumberParser();
            for (Map.Entry<String, Object> e : table(t.get("scale"), where, "scale").entrySet()) {
                r = r.withScale(e.getKey(), number(e.getValue(), where, "scale." + e.getKey(), parser));
            }
        }
        if (t.containsKey("map")) {
            for (Map.Entry<String, Object> e : table(t.get("map"), where, "map").entrySet()) {
                r = r.withMapping(e.getKey(), string(e.getValue(), where, "map." + e.getKey()));
            }
        }
        for (String d : strings(t.get("derive"), where, "derive")) {
            r = r.withDerivation(named(where, () -> Recipe.Derivation.parse(d)));
        }
        if (t.containsKey("file-pattern")) {
            String pattern = string(t.get("file-pattern"), where, "file-pattern");
            Recipe before = r;
            r = named(where, () -> before.withFilePattern(pattern));
        }
        if (t.containsKey("melt")) {
            Map<String, Object> m = table(t.get("melt"), where, "melt");
            for (String key : m.keySet()) {
                if (!MELT_KEYS.contains(key)) {
                    throw new BadInputException(where + ": unknown melt key \"" + key + "\" (known: "
                            + String.join(", ", sorted(MELT_KEYS)) + ")");
                }
            }
            List<String> columns = m.get("columns") instanceof String c ? List.of(c)
                    : strings(m.get("columns"), where, "melt.columns");
            String into = m.containsKey("into") ? string(m.get("into"), where, "melt.into") : "value";
            String names = m.containsKey("names") ? string(m.get("names"), where, "melt.names") : "column";
            r = r.withMelt(named(where, () -> new Recipe.Melt(columns, into, names)));
        }
        if (t.containsKey("checkpoints")) {
            r = r.withCheckpoints(checkpoints(table(t.get("checkpoints"), where, "checkpoints"), where));
        }
        for (String m : strings(t.get("only"), where, "only")) {
            r = r.withMatch(named(where, () -> Recipe.Match.parse(m)));
        }
        for (String w : strings(t.get("where"), where, "where")) {
            r = r.withWhere(w);
        }
        if (t.containsKey("group")) {
            r = r.withGroup(string(t.get("group"), where, "group"));
        }
        if (t.containsKey("drop-highest")) {
            String drop = string(t.get("drop-highest"), where, "drop-highest");
            r = r.withDropHighest(named(where, () -> Recipe.DropHighest.parse(drop)));
        }
        Path base = file.toAbsolutePath().getParent();
        Path candidate = base == null ? Path.of(source) : base.resolve(source);
        String resolved = Files.exists(candidate) ? relativeToWorkingDirectory(candidate) : source;
        return new ProjectDataset(name, resolved, r);
    }

    private static String relativeToWorkingDirectory(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }

    /** Parses a recipe entry, naming the file and dataset in the error (the parsers know neither). */
    private static <T> T named(String where, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (BadInputException e) {
            throw new BadInputException(where + ": " + e.getMessage());
        }
    }

    private static Checkpoints checkpoints(Map<String, Object> t, String where) {
        for (String key : t.keySet()) {
            if (!CHECKPOINT_KEYS.contains(key)) {
                throw new BadInputException(where + ": unknown checkpoints key \"" + key + "\" (known: "
                        + String.join(", ", sorted(CHECKPOINT_KEYS)) + ")");
            }
        }
        NumberParser parser = new NumberParser();
        List<String> run = t.get("run") instanceof String s ? List.of(s) : strings(t.get("run"), where, "checkpoints.run");
        String step = t.containsKey("step") ? string(t.get("step"), where, "checkpoints.step") : "";
        boolean last = t.containsKey("last") && bool(t.get("last"), where, "checkpoints.last");
        double dropFirst = t.containsKey("drop-first") ? number(t.get("drop-first"), where, "checkpoints.drop-first", parser) : 0;
        double fromStep = t.containsKey("from-step") ? number(t.get("from-step"), where, "checkpoints.from-step", parser) : 0;
        double every = t.containsKey("every") ? number(t.get("every"), where, "checkpoints.every", parser) : 1;
        // checked here as well as in Checkpoints so that the message names the file
        if (every != Math.rint(every) || every > Integer.MAX_VALUE || every < 1) {
            throw new BadInputException(where + ": checkpoints.every must be a whole number >= 1, got " + every);
        }
        int smooth = wholeNumber(t, "smooth", where, parser);
        int lastMean = wholeNumber(t, "last-mean", where, parser);
        List<String> averaged = t.get("average") instanceof String a ? List.of(a)
                : strings(t.get("average"), where, "checkpoints.average");
        return named(where, () -> new Checkpoints(run, step, last, dropFirst, fromStep, (int) every, smooth, lastMean,
                averaged));
    }

    /** A whole number of checkpoints >= 1 under {@code checkpoints.key}, or 0 when the key is absent. */
    private static int wholeNumber(Map<String, Object> t, String key, String where, NumberParser parser) {
        if (!t.containsKey(key)) {
            return 0;
        }
        double v = number(t.get(key), where, "checkpoints." + key, parser);
        if (v != Math.rint(v) || v < 1 || v > Integer.MAX_VALUE) {
            throw new BadInputException(where + ": checkpoints." + key + " must be a whole number >= 1, got " + v);
        }
        return (int) v;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> table(Object value, String where, String key) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new BadInputException(where + ": " + key + " must be a table, such as { N = \"Model Size\" }");
    }

    private static String string(Object value, String where, String key) {
        if (value instanceof String s) {
            return s;
        }
        throw new BadInputException(where + ": " + key + " must be a \"string\"");
    }

    private static boolean bool(Object value, String where, String key) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw new BadInputException(where + ": " + key + " must be true or false");
    }

    private static double number(Object value, String where, String key, NumberParser parser) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s && parser.parse(s) == NumberParser.NUMBER) {
            return parser.value();
        }
        throw new BadInputException(where + ": " + key + " must be a number");
    }

    private static List<String> strings(Object value, String where, String key) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof String s) {
            return List.of(s);
        }
        if (value instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object o : list) {
                out.add(string(o, where, key + " entries"));
            }
            return out;
        }
        throw new BadInputException(where + ": " + key + " must be a list of \"strings\"");
    }

    private static List<String> sorted(Set<String> keys) {
        List<String> list = new ArrayList<>(keys);
        Collections.sort(list);
        return list;
    }
}
