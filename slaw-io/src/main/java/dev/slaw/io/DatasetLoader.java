package dev.slaw.io;

import dev.slaw.data.BadInputException;
import dev.slaw.io.table.Text;
import dev.slaw.data.Dataset;
import dev.slaw.io.table.NumberFormat;
import dev.slaw.io.table.NumberParser;
import dev.slaw.io.table.RawColumn;
import dev.slaw.io.table.RawTable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a file (or an already read table) and a {@link Recipe} into a {@link Dataset}, with
 * notes saying what every step did. See {@link Recipe} for the order of the steps.
 *
 * <p>Rows are selected by index until the end, so a two-million-row table is copied once into
 * the dataset rather than once per filter.
 */
public final class DatasetLoader {

    private static final Pattern UNIT_HEADER = Pattern.compile(
            "\\(\\s*(1[eE]\\+?(\\d{1,3})|[KMBT]|thousands|millions|billions|trillions)\\s*\\)\\s*$",
            Pattern.CASE_INSENSITIVE);

    private DatasetLoader() {
    }

    /**
     * Reads a file in any supported format (see {@link TableFormat}) and applies the recipe.
     * Messages name the file as {@code path.toString()}.
     */
    public static LoadedDataset load(Path path, Recipe recipe) {
        RawTable table = TableFormat.of(path).read(path, path.toString(), new LinkedHashSet<>(recipe.mappings().values()));
        return load(table, recipe);
    }

    /** Applies a recipe to a table already read. */
    public static LoadedDataset load(RawTable table, Recipe recipe) {
        if (table.rowCount() == 0) {
            throw new BadInputException(table.source() + ": no rows (the table has "
                    + (table.columns().isEmpty() ? "nothing in it" : "a header but no data") + ")");
        }
        RawTable shaped = table;
        if (recipe.filePattern().isPresent()) {
            shaped = FileNamePattern.parse(recipe.filePattern().get()).apply(shaped);
        }
        // judged before a melt, which multiplies rows by design
        String perFile = severalRowsPerFile(shaped, recipe);
        if (recipe.melt().isPresent()) {
            shaped = Reshaping.melt(shaped, recipe.melt().get());
        }
        LoadedDataset loaded = new Run(shaped, recipe).load();
        return perFile == null ? loaded : loaded.withNote(perFile);
    }

    /**
     * A note when a folder's files each hold several rows (checkpoints of one run) and no
     * checkpoint option picks among them, since a fit then weighs every checkpoint as a run.
     */
    private static String severalRowsPerFile(RawTable table, Recipe recipe) {
        if (recipe.checkpoints().isActive()) {
            return null;
        }
        Optional<RawColumn> file = table.column(FileNamePattern.FILE_COLUMN).filter(c -> !c.isNumeric());
        if (file.isEmpty()) {
            return null;
        }
        long files = Arrays.stream(file.get().texts()).distinct().count();
        if (files == 0 || table.rowCount() <= files) {
            return null;
        }
        return "the " + files + " files hold " + table.rowCount() + " rows, several per file (a run's checkpoints?),"
                + " and every row is used; --run COLUMN --step COLUMN with --last-checkpoint or --last-mean K"
                + " --average COLUMN keeps one per run";
    }

    static String droppedNote(int dropped, int of, String why) {
        return "dropped " + dropped + " of " + of + (of == 1 ? " row " : " rows ") + why;
    }

    /** The state of one load: columns by name and the indices of the rows still kept. */
    private static final class Run {
        private final RawTable table;
        private final Recipe recipe;
        private final String source;
        private final Map<String, double[]> numbers = new LinkedHashMap<>();
        private final Map<String, String[]> labels = new LinkedHashMap<>();
        /** Source column name to the variable it was mapped to. */
        private final Map<String, String> renamed = new HashMap<>();
        private final List<String> notes = new ArrayList<>();
        private int[] rows;

        Run(RawTable table, Recipe recipe) {
            this.table = table;
            this.recipe = recipe;
            this.source = table.source();
            this.notes.addAll(table.notes());
            this.rows = null;
        }

        LoadedDataset load() {
            Map<String, Double> factors = scaleFactors();
            columns(factors);
            derive();
            checkpoints();
            matches();
            where();
            dropIncomplete();
            dropHighest();
            Optional<String> group = group();
            return new LoadedDataset(build(), notes, group, recipe, table.rowCount());
        }

        private Map<String, Double> scaleFactors() {
            Map<String, Double> factors = new LinkedHashMap<>();
            for (Map.Entry<String, Double> e : recipe.scales().entrySet()) {
                String column = recipe.mappings().getOrDefault(e.getKey(), e.getKey());
                if (table.column(column).isEmpty()) {
                    throw unknownColumn(e.getKey(), "to scale");
                }
                factors.put(column, e.getValue());
            }
            if (recipe.unitsFromHeaders()) {
                for (RawColumn c : table.columns()) {
                    Matcher m = UNIT_HEADER.matcher(c.name());
                    if (c.isNumeric() && !factors.containsKey(c.name()) && m.find()) {
                        double factor = unitFactor(m);
                        factors.put(c.name(), factor);
                        notes.add("column " + Text.quote(c.name()) + " is multiplied by " + factorText(factor)
                                + " as its header says (turn off with --no-header-units)");
                    }
                }
            }
            return factors;
        }

        private static String factorText(double factor) {
            long exponent = Math.round(Math.log10(factor));
            return Math.pow(10, exponent) == factor ? "1e" + exponent : NumberFormat.canonical(factor);
        }

        private static double unitFactor(Matcher m) {
            String unit = m.group(1).toLowerCase(Locale.ROOT);
            if (m.group(2) != null) {
                return Double.parseDouble("1e" + m.group(2));
            }
            return switch (unit) {
                case "k", "thousands" -> 1e3;
                case "m", "millions" -> 1e6;
                case "b", "billions" -> 1e9;
                default -> 1e12;
            };
        }

        /** A hint for {@code --map N=params,D=tokens}: each mapping is its own option. */
        private String oneMapEach(String variable, String column) {
            if (!column.contains(",") || !column.contains("=")) {
                return "";
            }
            StringBuilder maps = new StringBuilder("--map " + variable + "=" + column.substring(0, column.indexOf(',')));
            for (String more : column.substring(column.indexOf(',') + 1).split(",")) {
                maps.append(" --map ").append(more.strip());
            }
            return "; give one --map per variable: " + maps;
        }

        private void columns(Map<String, Double> factors) {
            Map<String, String> sourceToVariable = new HashMap<>();
            for (Map.Entry<String, String> e : recipe.mappings().entrySet()) {
                String column = e.getValue();
                if (table.column(column).isEmpty()) {
                    throw new BadInputException(source + ": no column " + Text.quote(column) + " to map to " + e.getKey()
                            + " (columns: " + Text.list(table.columnNames()) + ")" + oneMapEach(e.getKey(), column));
                }
                sourceToVariable.putIfAbsent(column, e.getKey());
            }
            Set<String> variables = recipe.mappings().keySet();
            // mapped variables take the place of their source column, so columns keep the source order
            for (RawColumn c : table.columns()) {
                if (sourceToVariable.containsKey(c.name())) {
                    for (Map.Entry<String, String> e : recipe.mappings().entrySet()) {
                        if (e.getValue().equals(c.name())) {
                            numbers.put(e.getKey(), scaled(c.numbersOrFail(source), factors.get(c.name())));
                            renamed.putIfAbsent(c.name(), e.getKey());
                        }
                    }
                    continue;
                }
                if (variables.contains(c.name())) {
                    notes.add("column " + Text.quote(c.name()) + " is replaced by \"" + recipe.mappings().get(c.name())
                            + "\", mapped to " + c.name());
                    continue;
                }
                if (c.isNumeric()) {
                    numbers.put(c.name(), scaled(c.numbers(), factors.get(c.name())));
                } else {
                    labels.put(c.name(), c.texts());
                }
            }
        }

        private static double[] scaled(double[] values, Double factor) {
            if (factor == null) {
                return values;
            }
            double f = factor;
            double[] out = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = values[i] * f;
            }
            return out;
        }

        private void derive() {
            for (Recipe.Derivation d : recipe.derivations()) {
                double[] values = FormulaColumns.evaluate(d.expression(), numbers, table.rowCount(), source,
                        "derived column " + d.name());
                if (labels.containsKey(d.name())) {
                    throw new BadInputException(source + ": derived column " + d.name()
                            + " has the name of a text column; choose another name");
                }
                if (numbers.containsKey(d.name())) {
                    notes.add("derived column " + d.name() + " replaces the column of that name");
                }
                numbers.put(d.name(), values);
            }
        }

        private void checkpoints() {
            Checkpoints cp = recipe.checkpoints();
            if (!cp.isActive()) {
                return;
            }
            int n = currentRowCount();
            List<String[]> keyParts = new ArrayList<>();
            for (String run : cp.runColumns()) {
                keyParts.add(textColumn(run, "as a run column"));
            }
            double[] steps = numberColumn(cp.stepColumn(), "as the step column");
            Map<String, List<Integer>> runs = new LinkedHashMap<>();
            StringBuilder key = new StringBuilder();
            for (int i = 0; i < n; i++) {
                if (Double.isNaN(steps[i])) {
                    throw new BadInputException(source + ": row " + rowNumberAt(i) + ", column \"" + cp.stepColumn()
                            + "\": a checkpoint without a step");
                }
                key.setLength(0);
                for (String[] part : keyParts) {
                    key.append(part[i]).append('\u0001');
                }
                runs.computeIfAbsent(key.toString(), k -> new ArrayList<>()).add(i);
            }
            boolean[] keep = new boolean[n];
            Map<String, double[]> averaged = new LinkedHashMap<>();
            for (String column : cp.averaged()) {
                String name = resolve(column, "to average");
                if (!numbers.containsKey(name)) {
                    numberColumn(column, "to average");
                }
                averaged.put(name, numbers.get(name).clone());
            }
            for (Map.Entry<String, List<Integer>> entry : runs.entrySet()) {
                List<Integer> run = entry.getValue();
                Integer[] order = run.toArray(new Integer[0]);
                // stable sort: checkpoints of equal step stay in file order, so "last" is the later row
                Arrays.sort(order, (a, b) -> Double.compare(steps[a], steps[b]));
                int window = cp.window();
                if (cp.lastMean() > order.length) {
                    throw new BadInputException(source + ": row " + rowNumberAt(order[order.length - 1]) + ": run "
                            + runName(cp, entry.getKey()) + " has " + order.length + " checkpoints, fewer than the "
                            + cp.lastMean() + " to average (--last-mean)");
                }
                if (window > 0) {
                    smooth(order, window, averaged);
                }
                int from = (int) Math.floor(cp.dropFirstFraction() * order.length);
                if (cp.smooth() > 0) {
                    // a window that reaches before the run's first checkpoint would mix in fewer values
                    from = Math.max(from, cp.smooth() - 1);
                }
                double lastStep = steps[order[order.length - 1]];
                List<Integer> kept = new ArrayList<>();
                for (int j = from; j < order.length; j++) {
                    if (steps[order[j]] >= cp.fromStepFraction() * lastStep) {
                        kept.add(order[j]);
                    }
                }
                int m = kept.size();
                for (int j = 0; j < m; j++) {
                    boolean thinned = (m - 1 - j) % cp.every() == 0;
                    boolean last = j == m - 1;
                    if (thinned && (!(cp.lastOnly() || cp.lastMean() > 0) || last)) {
                        keep[kept.get(j)] = true;
                    }
                }
            }
            numbers.putAll(averaged);
            applyMask(keep, "by the checkpoint filters (" + cp.describe() + "; " + runs.size() + " runs)");
        }

        /**
         * Writes into each averaged column, at every checkpoint of one run (in step order), the
         * mean of that checkpoint and the {@code window - 1} before it (fewer at the start).
         */
        private void smooth(Integer[] order, int window, Map<String, double[]> averaged) {
            for (Map.Entry<String, double[]> column : averaged.entrySet()) {
                double[] values = numbers.get(column.getKey());
                double[] out = column.getValue();
                for (int j = 0; j < order.length; j++) {
                    int first = Math.max(0, j - window + 1);
                    double sum = 0;
                    for (int k = first; k <= j; k++) {
                        sum += values[tableRow(order[k])];
                    }
                    out[tableRow(order[j])] = sum / (j - first + 1);
                }
            }
        }

        private int tableRow(int i) {
            return rows == null ? i : rows[i];
        }

        private static String runName(Checkpoints cp, String key) {
            String[] parts = key.split("\u0001", -1);
            List<String> named = new ArrayList<>();
            for (int k = 0; k < cp.runColumns().size(); k++) {
                named.add(cp.runColumns().get(k) + " = " + parts[k]);
            }
            return String.join(", ", named);
        }

        private void matches() {
            NumberParser parser = new NumberParser();
            for (Recipe.Match match : recipe.matches()) {
                String name = resolve(match.column(), "to filter on");
                int n = currentRowCount();
                boolean[] keep = new boolean[n];
                if (labels.containsKey(name)) {
                    Set<String> accepted = new HashSet<>(match.values());
                    String[] values = gatherLabel(name);
                    for (int i = 0; i < n; i++) {
                        keep[i] = accepted.contains(values[i].strip());
                    }
                } else {
                    double[] accepted = new double[match.values().size()];
                    for (int k = 0; k < accepted.length; k++) {
                        String v = match.values().get(k);
                        if (parser.parse(v) != NumberParser.NUMBER) {
                            throw new BadInputException("filter " + match + ": column \"" + match.column()
                                    + "\" holds numbers and " + Text.quote(v) + " is not a number");
                        }
                        accepted[k] = parser.value();
                    }
                    double[] values = gather(numbers.get(name));
                    for (int i = 0; i < n; i++) {
                        for (double a : accepted) {
                            if (values[i] == a) {
                                keep[i] = true;
                                break;
                            }
                        }
                    }
                }
                applyMask(keep, "not matching " + match);
            }
        }

        private void where() {
            for (String expression : recipe.where()) {
                String context = "filter " + Text.quote(expression) + "";
                // text columns too: --where 'family != "llama"'
                Set<String> known = new LinkedHashSet<>(numbers.keySet());
                known.addAll(labels.keySet());
                Set<String> used = FormulaColumns.names(expression, known, source, context);
                for (Map.Entry<String, String> m : recipe.mappings().entrySet()) {
                    // --map x=tokens renames the column before the filter reads it
                    if (used.contains(m.getValue()) && !known.contains(m.getValue()) && known.contains(m.getKey())) {
                        throw new BadInputException(source + ": " + context + " uses " + Text.quote(m.getValue())
                                + ", which --map " + m.getKey() + "=" + m.getValue() + " renamed: write "
                                + Text.quote(m.getKey()) + " instead");
                    }
                }
                FormulaColumns.requireColumns(expression, used, known, source, context);
                Map<String, double[]> current = new LinkedHashMap<>();
                Map<String, String[]> texts = new LinkedHashMap<>();
                for (String name : used) {
                    if (numbers.containsKey(name)) {
                        current.put(name, gather(numbers.get(name)));
                    } else {
                        texts.put(name, gatherLabel(name));
                    }
                }
                double[] truth = FormulaColumns.evaluate(expression, current, texts, currentRowCount(), source, context);
                boolean[] keep = new boolean[truth.length];
                for (int i = 0; i < truth.length; i++) {
                    keep[i] = truth[i] != 0 && !Double.isNaN(truth[i]);
                }
                applyMask(keep, "where " + expression + " is false");
            }
        }

        private void dropIncomplete() {
            Set<String> required = new LinkedHashSet<>(recipe.mappings().keySet());
            for (Recipe.Derivation d : recipe.derivations()) {
                required.add(d.name());
            }
            recipe.dropHighest().ifPresent(d -> required.add(resolve(d.column(), "to rank")));
            int n = currentRowCount();
            boolean[] keep = new boolean[n];
            Arrays.fill(keep, true);
            List<String> culprits = new ArrayList<>();
            int first = 0;
            for (String name : required) {
                double[] values = numbers.get(name);
                if (values == null) {
                    continue;
                }
                boolean any = false;
                for (int i = 0; i < n; i++) {
                    if (Double.isNaN(values[rows == null ? i : rows[i]])) {
                        if (keep[i] && (first == 0 || rowNumberAt(i) < first)) {
                            first = rowNumberAt(i);
                        }
                        keep[i] = false;
                        any = true;
                    }
                }
                if (any) {
                    culprits.add(name);
                }
            }
            if (!culprits.isEmpty()) {
                applyMask(keep, "with an empty cell in " + Text.list(culprits) + " (first at row " + first + ")");
            }
        }

        private void dropHighest() {
            if (recipe.dropHighest().isEmpty()) {
                return;
            }
            Recipe.DropHighest rule = recipe.dropHighest().get();
            double[] values = numberColumn(rule.column(), "to rank");
            int n = values.length;
            if (rule.count() >= n) {
                throw new BadInputException(source + ": cannot drop the " + rule.count() + " highest " + rule.column()
                        + " rows: only " + n + " rows are left");
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
            boolean[] keep = new boolean[n];
            Arrays.fill(keep, true);
            List<Integer> droppedRows = new ArrayList<>();
            for (int k = 0; k < rule.count(); k++) {
                keep[order[k]] = false;
                droppedRows.add(rowNumberAt(order[k]));
            }
            droppedRows.sort(null);
            applyMask(keep, "with the highest " + rule.column() + " (rows " + joinInts(droppedRows) + ")");
        }

        private Optional<String> group() {
            if (recipe.group().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(resolve(recipe.group().get(), "to group by"));
        }

        private Dataset build() {
            Map<String, double[]> cols = new LinkedHashMap<>();
            numbers.forEach((k, v) -> cols.put(k, gather(v)));
            Map<String, String[]> labs = new LinkedHashMap<>();
            labels.forEach((k, v) -> labs.put(k, gatherLabelValues(v)));
            int[] rowNumbers = table.rowNumbers();
            int[] kept = rows == null ? rowNumbers : new int[rows.length];
            if (rows != null) {
                for (int i = 0; i < rows.length; i++) {
                    kept[i] = rowNumbers[rows[i]];
                }
            }
            return new Dataset(source, cols, labs, kept);
        }

        // ---- helpers over the kept rows

        private int currentRowCount() {
            return rows == null ? table.rowCount() : rows.length;
        }

        private int rowNumberAt(int i) {
            return table.rowNumbers()[rows == null ? i : rows[i]];
        }

        private double[] gather(double[] all) {
            if (rows == null) {
                return all;
            }
            double[] out = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                out[i] = all[rows[i]];
            }
            return out;
        }

        private String[] gatherLabelValues(String[] all) {
            if (rows == null) {
                return all;
            }
            String[] out = new String[rows.length];
            for (int i = 0; i < rows.length; i++) {
                out[i] = all[rows[i]];
            }
            return out;
        }

        private String[] gatherLabel(String name) {
            return gatherLabelValues(labels.get(name));
        }

        /** The named column over the kept rows, as text (numbers in canonical form). */
        private String[] textColumn(String column, String purpose) {
            String name = resolve(column, purpose);
            if (labels.containsKey(name)) {
                return gatherLabel(name);
            }
            double[] values = gather(numbers.get(name));
            String[] out = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = NumberFormat.canonical(values[i]);
            }
            return out;
        }

        /** The named numeric column over the kept rows; a text column fails naming its first text cell. */
        private double[] numberColumn(String column, String purpose) {
            String name = resolve(column, purpose);
            if (!numbers.containsKey(name)) {
                RawColumn raw = table.column(name).orElseThrow();
                raw.numbersOrFail(source);
            }
            return gather(numbers.get(name));
        }

        private String resolve(String column, String purpose) {
            if (numbers.containsKey(column) || labels.containsKey(column)) {
                return column;
            }
            String variable = renamed.get(column);
            if (variable != null) {
                return variable;
            }
            throw unknownColumn(column, purpose);
        }

        private BadInputException unknownColumn(String column, String purpose) {
            List<String> names = new ArrayList<>(numbers.keySet());
            names.addAll(labels.keySet());
            if (names.isEmpty()) {
                names = table.columnNames();
            }
            return new BadInputException(source + ": no column " + Text.quote(column) + " " + purpose + " (columns: "
                    + Text.list(names) + ")");
        }

        private void applyMask(boolean[] keep, String why) {
            int n = keep.length;
            int count = 0;
            for (boolean k : keep) {
                if (k) {
                    count++;
                }
            }
            if (count == n) {
                return;
            }
            if (count == 0) {
                throw new BadInputException(source + ": no rows left: all " + n + " rows dropped " + why);
            }
            int[] next = new int[count];
            int j = 0;
            for (int i = 0; i < n; i++) {
                if (keep[i]) {
                    next[j++] = rows == null ? i : rows[i];
                }
            }
            notes.add(droppedNote(n - count, n, why));
            rows = next;
        }

        private static String joinInts(List<Integer> values) {
            StringBuilder sb = new StringBuilder();
            for (Integer v : values) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(v);
            }
            return sb.toString();
        }
    }
}
