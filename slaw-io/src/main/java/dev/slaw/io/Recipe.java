package dev.slaw.io;

import dev.slaw.data.BadInputException;
import dev.slaw.io.table.Text;
import dev.slaw.io.table.NumberParser;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a table becomes a {@link dev.slaw.data.Dataset}: which source column is which variable,
 * what to compute from them, which rows to keep. A recipe is a value: the command line, the
 * project file and a stored dataset all describe a dataset by one, and a fit records it.
 *
 * <p>The loader applies the steps in this order (see {@link DatasetLoader}):
 * <ol>
 *   <li>{@link #filePattern()}: values from the file names of a folder of runs;</li>
 *   <li>{@link #melt()}: columns stacked into one, a row per column, the column name kept;</li>
 *   <li>unit scaling: explicit {@link #scales()}, then, when {@link #unitsFromHeaders()},
 *       headers ending in a multiplier ({@code FLOPs (1E21)}, {@code Model Size (B)});</li>
 *   <li>{@link #mappings()}: variable name to source column (or JSON path); unmapped numeric
 *       columns keep their header name, unmapped text columns become labels;</li>
 *   <li>{@link #derivations()}, in order, each may use the ones before;</li>
 *   <li>{@link #checkpoints()} (last checkpoint per run, warm-up, thinning);</li>
 *   <li>{@link #matches()} on text (or numeric) columns, then {@link #where()} expressions;</li>
 *   <li>rows with an empty cell in a mapped, derived or ranked column are dropped;</li>
 *   <li>{@link #dropHighest()}: the K rows with the highest value of a column.</li>
 * </ol>
 * Every step that removes rows says how many in the loaded dataset's notes.
 *
 * @param mappings         variable name to source column name or JSON path, in order
 * @param derivations      computed columns, in order
 * @param scales           column (source name or variable) to a factor it is multiplied by
 * @param unitsFromHeaders whether headers such as {@code FLOPs (1E21)} scale their column
 * @param checkpoints      checkpoint-table filters
 * @param matches          keep rows whose column equals one of the given values
 * @param where            keep rows where each expression (the law language) is true
 * @param group            the column that splits rows into groups (one fit per group)
 * @param dropHighest      drop the K rows with the highest value of a column
 * @param filePattern      for a folder of run files, a pattern such as {@code {size}-{mult}xC.csv}
 *                         whose fields become columns (see {@link FileNamePattern})
 * @param melt             columns stacked into one (wide table to long), see {@link Melt}
 */
public record Recipe(Map<String, String> mappings, List<Derivation> derivations, Map<String, Double> scales,
                     boolean unitsFromHeaders, Checkpoints checkpoints, List<Match> matches, List<String> where,
                     Optional<String> group, Optional<DropHighest> dropHighest, Optional<String> filePattern,
                     Optional<Melt> melt) {

    /** Read everything as it is, scaling unit headers. */
    public static final Recipe DEFAULT = new Recipe(Map.of(), List.of(), Map.of(), true, Checkpoints.NONE,
            List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public Recipe {
        mappings = Collections.unmodifiableMap(new LinkedHashMap<>(mappings));
        derivations = List.copyOf(derivations);
        scales = Collections.unmodifiableMap(new LinkedHashMap<>(scales));
        matches = List.copyOf(matches);
        where = List.copyOf(where);
        for (String variable : mappings.keySet()) {
            requireName(variable, "a mapped variable");
        }
    }

    /** A copy with one more mapping (or a replaced one). */
    public Recipe withMapping(String variable, String sourceColumn) {
        Map<String, String> m = new LinkedHashMap<>(mappings);
        m.put(variable, sourceColumn);
        return new Recipe(m, derivations, scales, unitsFromHeaders, checkpoints, matches, where, group, dropHighest,
                filePattern, melt);
    }

    /** A copy with one more derived column, computed after the ones already there. */
    public Recipe withDerivation(Derivation derivation) {
        List<Derivation> d = new ArrayList<>(derivations);
        d.add(derivation);
        return new Recipe(mappings, d, scales, unitsFromHeaders, checkpoints, matches, where, group, dropHighest,
                filePattern, melt);
    }

    /** A copy that multiplies a column by a factor. */
    public Recipe withScale(String column, double factor) {
        Map<String, Double> s = new LinkedHashMap<>(scales);
        s.put(column, factor);
        return new Recipe(mappings, derivations, s, unitsFromHeaders, checkpoints, matches, where, group, dropHighest,
                filePattern, melt);
    }

    public Recipe withUnitsFromHeaders(boolean enabled) {
        return new Recipe(mappings, derivations, scales, enabled, checkpoints, matches, where, group, dropHighest,
                filePattern, melt);
    }

    public Recipe withCheckpoints(Checkpoints value) {
        return new Recipe(mappings, derivations, scales, unitsFromHeaders, value, matches, where, group, dropHighest,
                filePattern, melt);
    }

    /** A copy with one more equality filter. */
    public Recipe withMatch(Match match) {
        List<Match> m = new ArrayList<>(matches);
        m.add(match);
        return new Recipe(mappings, derivations, scales, unitsFromHeaders, checkpoints, m, where, group, dropHighest,
                filePattern, melt);
    }

    /** A copy with one more row filter expression. */
    public Recipe withWhere(String expression) {
        List<String> w = new ArrayList<>(where);
        w.add(expression);
        return new Recipe(mappings, derivations, scales, unitsFromHeaders, checkpoints, matches, w, group, dropHighest,
                filePattern, melt);
    }

    public Recipe withGroup(String column) {
        return new Recipe(mappings, derivations, scales, unitsFromHeaders, checkpoints, matches, where,
                Optional.of(column), dropHighest, filePattern, melt);
    }

    /** A copy that takes values from the file names of a folder of runs, e.g. {@code {size}-{mult}xC.csv}. */
    public Recipe withFilePattern(String pattern) {
        return new Recipe(mappings, derivations, scales, unitsFromHeaders, checkpoints, matches, where, group,
                dropHighest, Optional.of(FileNamePattern.parse(pattern).text()), melt);
    }

    /** A copy that stacks columns into one before anything else (wide table to long). */
    public Recipe withMelt(Melt value) {
        return new Recipe(mappings, derivations, scales, unitsFromHeaders, checkpoints, matches, where, group,
                dropHighest, filePattern, Optional.of(value));
    }

    public Recipe withDropHighest(DropHighest value) {
        return new Recipe(mappings, derivations, scales, unitsFromHeaders, checkpoints, matches, where, group,
                Optional.of(value), filePattern, melt);
    }

    /**
     * This recipe followed by another: mappings and scales of {@code more} are added (replacing
     * same-named ones), its lists appended, and its checkpoints, group and drop rule used where
     * it sets them. A project dataset refined on the command line is {@code project.then(cli)}.
     */
    public Recipe then(Recipe more) {
        Map<String, String> m = new LinkedHashMap<>(mappings);
        m.putAll(more.mappings);
        List<Derivation> d = new ArrayList<>(derivations);
        d.addAll(more.derivations);
        Map<String, Double> s = new LinkedHashMap<>(scales);
        s.putAll(more.scales);
        List<Match> ma = new ArrayList<>(matches);
        ma.addAll(more.matches);
        List<String> w = new ArrayList<>(where);
        w.addAll(more.where);
        return new Recipe(m, d, s, unitsFromHeaders && more.unitsFromHeaders,
                more.checkpoints.isActive() ? more.checkpoints : checkpoints, ma, w,
                more.group.isPresent() ? more.group : group,
                more.dropHighest.isPresent() ? more.dropHighest : dropHighest,
                more.filePattern.isPresent() ? more.filePattern : filePattern,
                more.melt.isPresent() ? more.melt : melt);
    }

    /** The steps as short lines, for a fit's provenance and for {@code slaw runs}. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        filePattern.ifPresent(p -> lines.add("file names " + p));
        melt.ifPresent(m -> lines.add("melt " + m));
        scales.forEach((column, factor) -> lines.add("scale " + column + " by " + factor));
        if (!unitsFromHeaders) {
            lines.add("no unit scaling from headers");
        }
        mappings.forEach((variable, column) -> lines.add("map " + variable + " = " + column));
        for (Derivation d : derivations) {
            lines.add("derive " + d);
        }
        if (checkpoints.isActive()) {
            lines.add("checkpoints " + checkpoints.describe());
        }
        for (Match m : matches) {
            lines.add("only " + m);
        }
        for (String w : where) {
            lines.add("where " + w);
        }
        group.ifPresent(g -> lines.add("group by " + g));
        dropHighest.ifPresent(d -> lines.add("drop highest " + d));
        return lines;
    }

    static void requireName(String name, String what) {
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))) {
            throw new BadInputException(Text.quote(name) + " cannot be " + what
                    + ": use a simple name (letters, digits, _), such as N or tokens");
        }
        for (int i = 1; i < name.length(); i++) {
            if (!Character.isJavaIdentifierPart(name.charAt(i))) {
                throw new BadInputException(Text.quote(name) + " cannot be " + what
                        + ": use a simple name (letters, digits, _), such as N or tokens");
            }
        }
    }

    /**
     * A computed column: {@code name = expression} in the law language, over columns by name.
     *
     * @param name       the new column
     * @param expression for example {@code C / (6 * N)}
     */
    public record Derivation(String name, String expression) {

        public Derivation {
            requireName(name, "the name of a derived column");
        }

        /** Parses {@code D = C / (6*N)}: a simple name, {@code =}, an expression. */
        public static Derivation parse(String text) {
            int eq = text.indexOf('=');
            if (eq <= 0 || eq + 1 < text.length() && text.charAt(eq + 1) == '=') {
                throw new BadInputException("derived column " + Text.quote(text) + ": expected NAME = EXPRESSION, e.g. D = C / (6*N)");
            }
            String expression = text.substring(eq + 1).strip();
            if (expression.isEmpty()) {
                throw new BadInputException("derived column " + Text.quote(text) + ": the expression after = is empty");
            }
            return new Derivation(text.substring(0, eq).strip(), expression);
        }

        @Override
        public String toString() {
            return name + " = " + expression;
        }
    }

    /**
     * Keeps rows whose column equals one of the values: text compared as written, numbers
     * compared as numbers ({@code peak_lr=2e-3} matches {@code 0.002}).
     *
     * @param column a source column name or variable
     * @param values accepted values
     */
    public record Match(String column, List<String> values) {

        public Match {
            values = List.copyOf(values);
            if (column.isBlank() || values.isEmpty()) {
                throw new BadInputException("filter \"" + column + "=" + String.join(",", values)
                        + "\": expected COLUMN=VALUE[,VALUE...]");
            }
        }

        /** Parses {@code model=open_lm} or {@code family=Llama-2,Qwen}. */
        public static Match parse(String text) {
            int eq = text.indexOf('=');
            if (eq <= 0 || eq == text.length() - 1) {
                throw new BadInputException("filter " + Text.quote(text) + ": expected COLUMN=VALUE[,VALUE...], e.g. model=open_lm");
            }
            List<String> values = new ArrayList<>();
            for (String v : text.substring(eq + 1).split(",", -1)) {
                values.add(v.strip());
            }
            return new Match(text.substring(0, eq).strip(), values);
        }

        @Override
        public String toString() {
            return column + " = " + Text.list(values);
        }
    }

    /**
     * Turns a wide table long: each row becomes one row per column in {@code columns}, with that
     * column's value in {@code into} and its name in the text column {@code names}; the other
     * columns are repeated. A column pattern may use {@code *} for any text
     * ({@code eval/*-validation/CrossEntropyLoss}).
     *
     * @param columns column names or patterns, in order
     * @param into    the new value column
     * @param names   the new text column holding each value's source column name
     */
    public record Melt(List<String> columns, String into, String names) {

        public Melt {
            columns = List.copyOf(columns);
            if (columns.isEmpty()) {
                throw new BadInputException("melt: name the columns to stack, e.g. --melt \"loss_*\"");
            }
            requireName(into, "the column the melted values go into");
            requireName(names, "the column the melted column names go into");
            if (into.equals(names)) {
                throw new BadInputException("melt: the values and the column names need two different columns, got "
                        + into + " for both");
            }
        }

        @Override
        public String toString() {
            return Text.list(columns) + " into " + into + " (names in " + names + ")";
        }
    }

    /**
     * Drops the {@code count} rows with the highest value of {@code column} (the Chinchilla
     * replication drops the five highest-loss runs).
     *
     * @param column a column name or variable
     * @param count  how many rows, at least 1
     */
    public record DropHighest(String column, int count) {

        public DropHighest {
            if (count < 1) {
                throw new BadInputException("drop highest " + column + ": the count must be at least 1, got " + count);
            }
        }

        /** Parses {@code loss=5}. */
        public static DropHighest parse(String text) {
            int eq = text.lastIndexOf('=');
            if (eq <= 0) {
                throw new BadInputException("drop highest " + Text.quote(text) + ": expected COLUMN=COUNT, e.g. loss=5");
            }
            String count = text.substring(eq + 1).strip();
            try {
                return new DropHighest(text.substring(0, eq).strip(), Integer.parseInt(count));
            } catch (NumberFormatException e) {
                throw new BadInputException("drop highest " + Text.quote(text) + ": " + Text.quote(count) + " is not a whole number");
            }
        }

        @Override
        public String toString() {
            return column + " x" + count;
        }
    }

    /**
     * Parses {@code column=factor} for {@code --scale}; the factor may be written
     * {@code 1e21}, {@code 1B} or {@code 1,000}.
     */
    public static Map.Entry<String, Double> parseScale(String text) {
        int eq = text.lastIndexOf('=');
        if (eq <= 0) {
            throw new BadInputException("scale " + Text.quote(text) + ": expected COLUMN=FACTOR, e.g. \"FLOPs (1E21)=1e21\"");
        }
        String factor = text.substring(eq + 1).strip();
        NumberParser parser = new NumberParser();
        if (parser.parse(factor) != NumberParser.NUMBER) {
            throw new BadInputException("scale " + Text.quote(text) + ": " + Text.quote(factor) + " is not a number");
        }
        return Map.entry(text.substring(0, eq).strip(), parser.value());
    }
}
