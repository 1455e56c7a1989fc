package dev.slaw.io.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.slaw.data.BadInputException;
import dev.slaw.io.table.Text;
import dev.slaw.io.table.ColumnBuilder;
import dev.slaw.io.table.FolderFiles;
import dev.slaw.io.table.NumberParser;
import dev.slaw.io.table.RawColumn;
import dev.slaw.io.table.RawTable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads JSON shapes that training code writes: an array of objects (one per run), JSON Lines
 * (one object per line) and a folder holding one JSON file per run.
 *
 * <p>Each object becomes a row. Nested objects become dotted columns
 * ({@code hyperparameters.params}); lists of up to {@value #LIST_LIMIT} elements become
 * indexed columns ({@code results[0].loss}); longer lists are left out with a note, since a
 * loss curve of ten thousand points is not ten thousand columns. Any {@link FieldPath} the
 * recipe asks for (such as {@code results[val_data=c4].loss}) is evaluated on every object and
 * becomes a column named by the path. Strings are parsed as human-formatted numbers where they
 * are numbers, {@code true} and {@code false} are text, {@code null} is missing. Duplicate keys
 * are an error. A file holding one object of more than {@value #KEYED_VALUES} fields that are
 * all single values is not one run but a table by key: each field is a row with columns
 * {@code key} and {@code value}, and a note says so.
 *
 * <p>Rows are numbered from 1 by object (JSON array), by line (JSON Lines) or by file in name
 * order (folder, whose rows also get a {@code file} label naming their file).
 */
public final class JsonTableReader {

    /** Lists longer than this are not spread into columns. */
    public static final int LIST_LIMIT = 64;

    /** A file's single object with more fields than this, all single values, is rows of key and value. */
    public static final int KEYED_VALUES = 1_000;

    // Jackson's interning of field names slows down with their number (an object of 200,000 keys
    // took 1.2-2 s to parse with it, 0.14 s without); a few names repeated per row gain little from it
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final String source;
    private final List<FieldPath> paths = new ArrayList<>();
    private final Map<String, ColumnBuilder> builders = new LinkedHashMap<>();
    private final NumberParser parser = new NumberParser();
    private final Set<String> notes = new LinkedHashSet<>();
    private int[] rowNumbers = new int[64];
    private int rows;

    private JsonTableReader(String source, Set<String> wanted) {
        this.source = source;
        for (String w : wanted) {
            if (FieldPath.selectsInList(w)) {
                paths.add(FieldPath.parse(w));
            }
        }
    }

    /**
     * Reads a file holding an array of objects (or a single object, one row).
     *
     * @param wanted column names the recipe asks for; paths among them are evaluated
     */
    public static RawTable readArray(Path path, String source, Set<String> wanted) {
        JsonTableReader reader = new JsonTableReader(source, wanted);
        JsonNode root = parseFile(path, source);
        if (root.isArray()) {
            int row = 0;
            for (JsonNode element : root) {
                row++;
                reader.addRow(element, row, source + ": row " + row);
            }
        } else if (root.isObject() && isKeyedValues(root)) {
            reader.addKeyedRows(root);
        } else if (root.isObject()) {
            reader.addRow(root, 1, source + ": row 1");
        } else {
            throw new BadInputException(source + ": expected an array of objects, found " + kind(root));
        }
        return reader.build();
    }

    /** Reads JSON Lines: one object per line, blank lines skipped; rows numbered by line. */
    public static RawTable readLines(Path path, String source, Set<String> wanted) {
        JsonTableReader reader = new JsonTableReader(source, wanted);
        try (java.io.Reader text = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            BoundedLines in = new BoundedLines(text, source);
            String line;
            while ((line = in.next()) != null) {
                int lineNumber = in.lineNumber();
                if (line.isBlank()) {
                    continue;
                }
                String where = source + ": row " + lineNumber;
                JsonNode node;
                try {
                    node = MAPPER.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new BadInputException(where + (e.getLocation() == null ? "" : ", character "
                            + e.getLocation().getColumnNr()) + ": invalid JSON: " + firstLine(e), e);
                }
                reader.addRow(node, lineNumber, where);
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException(source + ": no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new BadInputException(source + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new BadInputException(source + ": cannot read: " + e.getMessage(), e);
        }
        return reader.build();
    }

    /**
     * Reads a folder of {@code .json} files, one run (object) per file, in name order; each row
     * gets a {@code file} label. Other files are ignored, and said so in a note.
     */
    public static RawTable readFolder(Path folder, String source, Set<String> wanted) {
        FolderFiles listed = FolderFiles.list(folder, source, name -> name.endsWith(".json"));
        if (listed.files().isEmpty()) {
            throw new BadInputException(source + ": the folder holds no .json files");
        }
        JsonTableReader reader = new JsonTableReader(source, wanted);
        ColumnBuilder fileLabel = new ColumnBuilder("file");
        int row = 0;
        for (Path file : listed.files()) {
            row++;
            String fileSource = source + "/" + file.getFileName();
            JsonNode node = parseFile(file, fileSource);
            reader.addRow(node, row, fileSource);
            fileLabel.padTo(row - 1);
            fileLabel.addText(file.getFileName().toString(), row, new NumberParser());
        }
        listed.othersNote(source, "a .json file").ifPresent(reader.notes::add);
        if (!reader.builders.containsKey("file")) {
            reader.builders.put("file", fileLabel);
        }
        return reader.build();
    }

    private static JsonNode parseFile(Path path, String source) {
        try {
            // streamed, not read whole first: a 1.2 GB file that is no JSON fails at its first token
            try (java.io.InputStream in = Files.newInputStream(path); JsonParser p = MAPPER.createParser(in)) {
                JsonNode root = MAPPER.readTree(p);
                if (root == null || root.isMissingNode()) {
                    throw new BadInputException(source + ": empty file, expected JSON");
                }
                if (p.nextToken() != null) {
                    JsonLocation loc = p.currentLocation();
                    throw new BadInputException(source + ": line " + loc.getLineNr() + ", character " + loc.getColumnNr()
                            + ": more JSON after the first value (for one object per line, name the file .jsonl)");
                }
                return root;
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException(source + ": no such file");
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String at = loc == null ? "" : ": line " + loc.getLineNr() + ", character " + loc.getColumnNr();
            throw new BadInputException(source + at + ": invalid JSON: "
                    + firstLine(e), e);
        } catch (IOException e) {
            throw new BadInputException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Whether an object is a table of values by key ({@code {"run_1": 3.21, "run_2": 3.05, ...}})
     * rather than one run: more than {@value #KEYED_VALUES} fields, every one a single value.
     * One run does not log thousands of fields, and as one row it would fit nothing.
     */
    private static boolean isKeyedValues(JsonNode object) {
        if (object.size() <= KEYED_VALUES) {
            return false;
        }
        for (JsonNode value : object) {
            if (value.isContainerNode()) {
                return false;
            }
        }
        return true;
    }

    /** Each field of a keyed-values object as a row: {@code key} and {@code value}, numbered in file order. */
    private void addKeyedRows(JsonNode object) {
        int row = 0;
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            row++;
            com.fasterxml.jackson.databind.node.ObjectNode pair = MAPPER.createObjectNode();
            pair.put("key", field.getKey());
            pair.set("value", field.getValue());
            addRow(pair, row, source + ": field " + Text.quote(field.getKey()));
        }
        notes.add(source + ": an object of " + row + " fields, each a single value, read as " + row
                + " rows of key and value (one run would not have so many fields)");
    }

    private void addRow(JsonNode node, int rowNumber, String where) {
        if (!node.isObject()) {
            throw new BadInputException(where + ": expected an object (one run), found " + kind(node));
        }
        int index = rows;
        Map<String, JsonNode> cells = new LinkedHashMap<>();
        flatten("", node, cells, where);
        for (FieldPath path : paths) {
            if (!cells.containsKey(path.text())) {
                JsonNode value = path.resolve(node, where);
                cells.put(path.text(), value);
            }
        }
        for (Map.Entry<String, JsonNode> cell : cells.entrySet()) {
            ColumnBuilder b = builders.computeIfAbsent(cell.getKey(), ColumnBuilder::new);
            b.padTo(index);
            add(b, cell.getValue(), rowNumber, where, cell.getKey());
        }
        if (rows == rowNumbers.length) {
            rowNumbers = Arrays.copyOf(rowNumbers, rows * 2);
        }
        rowNumbers[rows++] = rowNumber;
    }

    private void add(ColumnBuilder b, JsonNode value, int rowNumber, String where, String column) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            b.addMissing();
        } else if (value.isNumber()) {
            b.addNumber(value.asDouble());
        } else if (value.isBoolean()) {
            // true/false is a label, never silently the number 1 or 0
            b.addText(value.booleanValue() ? "true" : "false", rowNumber, parser);
        } else if (value.isTextual()) {
            b.addText(value.textValue(), rowNumber, parser);
        } else {
            throw new BadInputException(where + ", column " + Text.quote(column) + ": the path reaches " + kind(value)
                    + ", not a value; extend the path to a field inside it");
        }
    }

    private void flatten(String prefix, JsonNode node, Map<String, JsonNode> cells, String where) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> f : node.properties()) {
                flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), cells, where);
            }
        } else if (node.isArray()) {
            if (node.size() > LIST_LIMIT) {
                notes.add("field " + Text.quote(prefix) + " is a list of more than " + LIST_LIMIT
                        + " elements, so it is not spread into columns; pick elements with a path such as "
                        + prefix + "[0] or " + prefix + "[key=value].field");
                return;
            }
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + "[" + i + "]", node.get(i), cells, where);
            }
        } else if (!prefix.isEmpty()) {
            if (cells.put(prefix, node) != null) {
                throw new BadInputException(where + ", column " + Text.quote(prefix) + ": two fields flatten to this name");
            }
        }
    }

    private RawTable build() {
        List<ColumnBuilder> list = new ArrayList<>(builders.values());
        RawTable table = RawTable.of(source, list, Arrays.copyOf(rowNumbers, rows), new ArrayList<>(notes));
        for (FieldPath path : paths) {
            table.column(path.text()).ifPresent(c -> {
                if (c.missingCells() == c.size() && c.size() > 0) {
                    throw nothingMatched(path, table);
                }
            });
        }
        return table;
    }

    /**
     * A path that reached no value in any row is a misspelt path, not missing data: say so,
     * naming the paths the rows do have under the same first field, and the values of the
     * fields the path selects on.
     */
    private BadInputException nothingMatched(FieldPath path, RawTable table) {
        String first = path.steps().get(0) instanceof FieldPath.Field f ? f.name() : "";
        List<String> found = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        for (FieldPath.Step step : path.steps()) {
            if (step instanceof FieldPath.Select s) {
                keys.add(s.key());
            } else if (step instanceof FieldPath.Contains c) {
                keys.add(c.key());
            }
        }
        Map<String, Set<String>> keyValues = new LinkedHashMap<>();
        for (RawColumn c : table.columns()) {
            String name = c.name();
            if (name.equals(path.text()) || !(name.startsWith(first + "[") || name.startsWith(first + "."))) {
                continue;
            }
            found.add(name);
            for (String key : keys) {
                if (name.endsWith("." + key)) {
                    Set<String> values = keyValues.computeIfAbsent(key, k -> new LinkedHashSet<>());
                    for (String v : c.textsOrFormat()) {
                        if (!v.isEmpty() && !v.equals("NaN") && values.size() < 12) {
                            values.add(v);
                        }
                    }
                }
            }
        }
        StringBuilder message = new StringBuilder(source + ", column " + Text.quote(path.text())
                + ": the path matches nothing in any of the " + table.rowCount() + " rows; ");
        if (found.isEmpty()) {
            message.append("no row has a field ").append(Text.quote(first)).append(" (fields: ")
                    .append(Text.list(topLevel(table, paths))).append(")");
        } else {
            int shown = Math.min(found.size(), 16);
            message.append("paths found: ").append(String.join(", ", found.subList(0, shown)));
            if (shown < found.size()) {
                message.append(" and ").append(found.size() - shown).append(" more");
            }
            keyValues.forEach((key, values) -> message.append("; values of ").append(key).append(": ")
                    .append(String.join(", ", values)));
        }
        return new BadInputException(message.toString());
    }

    /** The top-level fields of the rows, without the columns the recipe's paths made. */
    private static List<String> topLevel(RawTable table, List<FieldPath> paths) {
        Set<String> made = new LinkedHashSet<>();
        paths.forEach(p -> made.add(p.text()));
        Set<String> names = new LinkedHashSet<>();
        for (String name : table.columnNames()) {
            if (made.contains(name)) {
                continue;
            }
            int cut = name.length();
            for (char ch : new char[]{'.', '['}) {
                int at = name.indexOf(ch);
                if (at > 0) {
                    cut = Math.min(cut, at);
                }
            }
            names.add(name.substring(0, cut));
        }
        return new ArrayList<>(names);
    }

    private static String firstLine(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
    }

    private static String kind(JsonNode node) {
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "true/false";
        }
        return "null";
    }
}
