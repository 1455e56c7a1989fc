package dev.slaw.io.table;

import dev.slaw.data.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a folder of delimited files ({@code .csv}, {@code .tsv}), one run per file, as one
 * table: files in name order, rows in file order, columns the union of the files' headers (a
 * column a file lacks is empty there). Each row gets a {@code file} label naming its file and
 * keeps its row number within that file, as a spreadsheet shows it. Errors while reading a
 * file name that file.
 */
public final class DelimitedFolderReader {

    private DelimitedFolderReader() {
    }

    /** Whether a folder holds delimited files (and no {@code .json} file). */
    public static boolean holdsDelimitedFiles(Path folder) {
        boolean delimited = false;
        try (Stream<Path> list = Files.list(folder)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (name.endsWith(".json")) {
                    return false;
                }
                delimited |= isDelimited(name);
            }
        } catch (IOException e) {
            return false;
        }
        return delimited;
    }

    private static boolean isDelimited(String lowerCaseName) {
        return lowerCaseName.endsWith(".csv") || lowerCaseName.endsWith(".tsv");
    }

    /**
     * Reads the folder.
     *
     * @param source how to name the folder in messages; a file is named {@code source/name}
     */
    public static RawTable read(Path folder, String source) {
        FolderFiles listed = FolderFiles.list(folder, source, DelimitedFolderReader::isDelimited);
        if (listed.files().isEmpty()) {
            throw new BadInputException(source + ": the folder holds no .csv, .tsv or .json files");
        }
        Map<String, ColumnBuilder> builders = new LinkedHashMap<>();
        ColumnBuilder fileLabel = new ColumnBuilder("file");
        List<String> notes = new ArrayList<>();
        NumberParser parser = new NumberParser();
        int[] rowNumbers = new int[0];
        int rows = 0;
        for (Path file : listed.files()) {
            String name = file.getFileName().toString();
            RawTable t = DelimitedTableReader.read(file, source + "/" + name);
            for (String note : t.notes()) {
                notes.add(name + ": " + note);
            }
            int n = t.rowCount();
            int[] numbers = t.rowNumbers();
            for (RawColumn c : t.columns()) {
                if (c.name().equals("file")) {
                    throw new BadInputException(source + "/" + name + ": has a column \"file\", the name a folder"
                            + " gives each row's file; rename it");
                }
                ColumnBuilder b = builders.computeIfAbsent(c.name(), ColumnBuilder::new);
                b.padTo(rows);
                for (int i = 0; i < n; i++) {
                    if (c.isNumeric()) {
                        b.addNumber(c.numbers()[i]);
                    } else {
                        b.addText(c.texts()[i], numbers[i], parser);
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                fileLabel.addText(name, numbers[i], parser);
            }
            rowNumbers = java.util.Arrays.copyOf(rowNumbers, rows + n);
            System.arraycopy(numbers, 0, rowNumbers, rows, n);
            rows += n;
        }
        listed.othersNote(source, "a .csv or .tsv file").ifPresent(notes::add);
        List<ColumnBuilder> list = new ArrayList<>(builders.values());
        list.add(fileLabel);
        return RawTable.of(source, list, rowNumbers, notes);
    }
}
