package dev.slaw.io;

import dev.slaw.io.json.JsonTableReader;
import dev.slaw.io.store.ParquetFiles;
import dev.slaw.io.table.DelimitedFolderReader;
import dev.slaw.io.table.DelimitedTableReader;
import dev.slaw.io.table.RawTable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** The file formats slaw reads, chosen from the file name. */
public enum TableFormat {
    /** CSV, TSV or other delimited text with a header row ({@code .csv}, {@code .tsv}, anything else). */
    DELIMITED {
        @Override
        public RawTable read(Path path, String source, Set<String> wanted) {
            return DelimitedTableReader.read(path, source);
        }
    },
    /** A JSON array of objects, one per run ({@code .json}). */
    JSON {
        @Override
        public RawTable read(Path path, String source, Set<String> wanted) {
            return JsonTableReader.readArray(path, source, wanted);
        }
    },
    /** JSON Lines, one object per line ({@code .jsonl}, {@code .ndjson}). */
    JSON_LINES {
        @Override
        public RawTable read(Path path, String source, Set<String> wanted) {
            return JsonTableReader.readLines(path, source, wanted);
        }
    },
    /** Parquet ({@code .parquet}, {@code .pq}), read through DuckDB, which is loaded only then. */
    PARQUET {
        @Override
        public RawTable read(Path path, String source, Set<String> wanted) {
            return ParquetFiles.read(path, source);
        }
    },
    /** A folder with one CSV or TSV file per run. */
    DELIMITED_FOLDER {
        @Override
        public RawTable read(Path path, String source, Set<String> wanted) {
            return DelimitedFolderReader.read(path, source);
        }
    },
    /** A folder with one JSON file per run. */
    JSON_FOLDER {
        @Override
        public RawTable read(Path path, String source, Set<String> wanted) {
            return JsonTableReader.readFolder(path, source, wanted);
        }
    };

    /**
     * The format of a file, from its name (a folder: CSV files when it holds some and no JSON
     * file, JSON files otherwise); anything unrecognised is read as delimited text,
     * which fails with a clear message if it is not.
     */
    public static TableFormat of(Path path) {
        if (Files.isDirectory(path)) {
            return DelimitedFolderReader.holdsDelimitedFiles(path) ? DELIMITED_FOLDER : JSON_FOLDER;
        }
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return JSON;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return JSON_LINES;
        }
        if (name.endsWith(".parquet") || name.endsWith(".pq")) {
            return PARQUET;
        }
        return DELIMITED;
    }

    /**
     * Reads a table.
     *
     * @param source how to name it in messages
     * @param wanted column names or JSON paths the recipe asks for (the JSON readers make a
     *               column for each path that selects inside a list)
     */
    public abstract RawTable read(Path path, String source, Set<String> wanted);
}
