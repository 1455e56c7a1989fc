package dev.slaw.io;

import dev.slaw.data.BadInputException;
import dev.slaw.io.table.DelimitedTableReader;
import dev.slaw.io.table.RawTable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** The file formats slaw reads, chosen from the file name. */
public enum TableFormat {
    /** CSV, TSV or other delimited text with a header row ({@code .csv}, {@code .tsv}, {@code .txt}). */
    DELIMITED {
        @Override
        RawTable readTable(Path path, String source, Set<String> paths) {
            return DelimitedTableReader.read(path, source);
        }
    };

    /**
     * The format of a file, from its name; anything unrecognised is read as delimited text,
     * which fails with a clear message if it is not.
     */
    public static TableFormat of(Path path) {
        if (Files.isDirectory(path)) {
            throw new BadInputException(path + ": is a folder, not a table file");
        }
        return DELIMITED;
    }

    /**
     * Reads a table.
     *
     * @param source how to name it in messages
     * @param paths  column names or JSON paths the recipe asks for (JSON readers add a column
     *               for each path that selects inside a list)
     */
    public RawTable read(Path path, String source, Set<String> paths) {
        return readTable(path, source, paths);
    }

    abstract RawTable readTable(Path path, String source, Set<String> paths);
}
