package dev.slaw.io.table;

import dev.slaw.data.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The files of a folder of runs that a reader takes, in name order, and how many other entries
 * it leaves out (said in a note, so a run left out by its file name is not missed silently).
 *
 * @param files  the regular files whose lower-case name the reader takes
 * @param others how many entries it does not take
 */
public record FolderFiles(List<Path> files, int others) {
    public FolderFiles {
        files = List.copyOf(files);
    }

    /**
     * Lists {@code folder}, taking the regular files whose lower-case name {@code takes} accepts.
     *
     * @param source how to name the folder in messages
     */
    public static FolderFiles list(Path folder, String source, Predicate<String> takes) {
        List<Path> files = new ArrayList<>();
        int others = 0;
        try (Stream<Path> list = Files.list(folder)) {
            for (Path p : (Iterable<Path>) list.sorted()::iterator) {
                if (takes.test(p.getFileName().toString().toLowerCase(Locale.ROOT)) && Files.isRegularFile(p)) {
                    files.add(p);
                } else {
                    others++;
                }
            }
        } catch (IOException e) {
            throw new BadInputException(source + ": cannot list the folder: " + e.getMessage(), e);
        }
        return new FolderFiles(files, others);
    }

    /** The note on the entries left out, e.g. {@code runs: 2 entries that are not a .json file ignored}. */
    public Optional<String> othersNote(String source, String taken) {
        return others == 0 ? Optional.empty() : Optional.of(source + ": " + others
                + (others == 1 ? " entry that is" : " entries that are") + " not " + taken + " ignored");
    }
}
