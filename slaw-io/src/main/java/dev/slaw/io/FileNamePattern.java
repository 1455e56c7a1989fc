package dev.slaw.io;

import dev.slaw.data.BadInputException;
import dev.slaw.io.table.ColumnBuilder;
import dev.slaw.io.table.NumberParser;
import dev.slaw.io.table.RawColumn;
import dev.slaw.io.table.RawTable;
import dev.slaw.io.table.Text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values carried by the file names of a folder of runs: the pattern {@code {size}-{mult}xC.csv}
 * matches {@code 190M-0.5xC.csv} and gives each of that file's rows the columns
 * {@code size = 1.9e8} and {@code mult = 0.5}. Fields read as numbers the way cells do
 * ({@code 190M}, {@code 1B}, {@code 0.5}); a field that is not a number in every file becomes
 * a text label. Each field takes the shortest text that lets the rest of the name match.
 *
 * <p>Rows of files whose name does not match are dropped, and the note names those files: a
 * pattern that skips a file by design ({@code 190M-1xC-rerun.csv}) says so, and a misspelt one
 * that matches nothing is an error listing some of the names it should have matched.
 *
 * @param text   the pattern as written
 * @param fields the field names, in order
 * @param regex  the pattern as a regular expression over a whole file name
 */
public record FileNamePattern(String text, List<String> fields, Pattern regex) {

    /** The label a folder reader gives each row: the name of its file. */
    public static final String FILE_COLUMN = "file";

    public FileNamePattern {
        fields = List.copyOf(fields);
    }

    /** Parses {@code {size}-{mult}xC.csv}: literal text and {@code {name}} fields, at least one. */
    public static FileNamePattern parse(String text) {
        List<String> fields = new ArrayList<>();
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf('{', i);
            if (open < 0) {
                regex.append(Pattern.quote(text.substring(i)));
                break;
            }
            if (open > i) {
                regex.append(Pattern.quote(text.substring(i, open)));
            }
            int close = text.indexOf('}', open);
            if (close < 0) {
                throw new BadInputException("file pattern " + Text.quote(text) + ": a { at character " + (open + 1)
                        + " has no closing }");
            }
            String name = text.substring(open + 1, close).strip();
            Recipe.requireName(name, "a field of file pattern " + Text.quote(text));
            if (fields.contains(name)) {
                throw new BadInputException("file pattern " + Text.quote(text) + ": field {" + name + "} appears twice");
            }
            fields.add(name);
            regex.append("(.+?)");
            i = close + 1;
        }
        if (fields.isEmpty()) {
            throw new BadInputException("file pattern " + Text.quote(text)
                    + ": needs at least one {field}, e.g. \"{size}-{mult}xC.csv\"");
        }
        return new FileNamePattern(text, fields, Pattern.compile(regex.toString()));
    }

    /**
     * Adds a column per field to a table read from a folder (rows labelled with their
     * {@value #FILE_COLUMN}) and drops the rows of files whose name does not match.
     * The table's notes gain a line naming the files left out.
     */
    public RawTable apply(RawTable table) {
        RawColumn fileColumn = table.column(FILE_COLUMN).filter(c -> !c.isNumeric()).orElseThrow(() ->
                new BadInputException(table.source() + ": a file pattern (" + text + ") needs a folder of run files,"
                        + " whose rows are labelled with their file name"));
        for (String field : fields) {
            if (table.column(field).isPresent()) {
                throw new BadInputException(table.source() + ": file pattern field {" + field
                        + "} has the name of a column; choose another name");
            }
        }
        String[] files = fileColumn.texts();
        int n = files.length;
        List<Integer> kept = new ArrayList<>();
        Set<String> skipped = new LinkedHashSet<>();
        Set<String> matched = new LinkedHashSet<>();
        List<String[]> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Matcher m = regex.matcher(files[i]);
            if (!m.matches()) {
                skipped.add(files[i]);
                continue;
            }
            matched.add(files[i]);
            kept.add(i);
            String[] v = new String[fields.size()];
            for (int f = 0; f < v.length; f++) {
                v[f] = m.group(f + 1);
            }
            values.add(v);
        }
        if (kept.isEmpty()) {
            List<String> some = new ArrayList<>(skipped).subList(0, Math.min(skipped.size(), 5));
            throw new BadInputException(table.source() + ": no file name matches the pattern " + Text.quote(text)
                    + " (files: " + Text.list(some) + (skipped.size() > some.size() ? ", ..." : "") + ")");
        }
        int[] rowNumbers = table.rowNumbers();
        int[] keptRows = new int[kept.size()];
        List<ColumnBuilder> builders = new ArrayList<>();
        NumberParser parser = new NumberParser();
        for (int f = 0; f < fields.size(); f++) {
            ColumnBuilder b = new ColumnBuilder(fields.get(f));
            for (int k = 0; k < kept.size(); k++) {
                b.addText(values.get(k)[f], rowNumbers[kept.get(k)], parser);
            }
            builders.add(b);
        }
        for (int k = 0; k < keptRows.length; k++) {
            keptRows[k] = kept.get(k);
        }
        int[] numbers = new int[keptRows.length];
        for (int k = 0; k < keptRows.length; k++) {
            numbers[k] = rowNumbers[keptRows[k]];
        }
        List<RawColumn> columns = new ArrayList<>();
        for (RawColumn c : table.columns()) {
            columns.add(Reshaping.select(c, keptRows, numbers));
        }
        for (ColumnBuilder b : builders) {
            columns.add(b.build());
        }
        List<String> allNotes = new ArrayList<>(table.notes());
        if (!skipped.isEmpty()) {
            allNotes.add(DatasetLoader.droppedNote(n - kept.size(), n, "of " + skipped.size()
                    + (skipped.size() == 1 ? " file" : " files") + " whose name does not match " + text + ": "
                    + Text.list(skipped)));
        }
        allNotes.add("values from the names of " + matched.size() + (matched.size() == 1 ? " file" : " files")
                + " (" + text + "): " + String.join(", ", fields));
        return new RawTable(table.source(), columns, numbers, allNotes);
    }
}
