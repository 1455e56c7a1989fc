package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.report.chart.ChartRenderer;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The files a command writes, staged so that nothing is written unless the whole command
 * succeeds. {@link Main} opens one per command: the output options ({@code --out},
 * {@code --plot}, {@code --frontier-plot}) are checked before any work (a folder, a missing or
 * unwritable place, a plot that is not .png or .svg); a command writes each output to
 * {@link #staged(Path)}, a temporary file beside the target, and defers changes to the run
 * store or project file with {@link #onSuccess}; when the command returns 0 the actions run and
 * the files move into place, otherwise the temporary files (and folders made for them) are
 * removed. Outputs get the permissions of a new file under the user's umask, whatever the
 * writer did to its temporary file.
 */
final class Outputs implements AutoCloseable {

    /** The options that name a file a command writes. */
    static final Set<String> FILE_OPTIONS = Set.of("--out", "--plot", "--frontier-plot");
    /** Of those, the ones that take a picture. */
    private static final Set<String> PICTURE_OPTIONS = Set.of("--plot", "--frontier-plot");

    /** The command running now; commands run one at a time on the main thread. */
    private static Outputs current;

    /** target -> temporary file, in the order written. */
    private final Map<Path, Path> staged = new LinkedHashMap<>();
    private final Map<Path, Set<PosixFilePermission>> permissions = new LinkedHashMap<>();
    private final List<Path> madeFolders = new ArrayList<>();
    private final List<Runnable> actions = new ArrayList<>();
    private boolean committed;

    private Outputs() {
    }

    /** Checks the output options of the command line about to run, and stages its outputs. */
    static Outputs begin(ParseResult parseResult) {
        ParseResult command = parseResult;
        while (command.hasSubcommand()) {
            command = command.subcommand();
        }
        Map<Path, String> seen = new LinkedHashMap<>();
        for (OptionSpec option : command.matchedOptions()) {
            String name = option.longestName();
            if (!FILE_OPTIONS.contains(name) || !(option.getValue() instanceof Path path)) {
                continue;
            }
            check(name, path);
            String before = seen.put(path.toAbsolutePath().normalize(), name);
            if (before != null) {
                throw new BadInputException(before + " and " + name + " both name " + path + "; give each output its own file");
            }
        }
        Outputs outputs = new Outputs();
        current = outputs;
        return outputs;
    }

    /**
     * Checks an output path before any work: not a folder, not an existing file that cannot be
     * written, inside a folder that exists (or can be made) and can be written.
     */
    static void check(String option, Path file) {
        String what = option + " " + file;
        if (Files.isDirectory(file)) {
            throw new BadInputException(what + ": is a folder; name a file");
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new BadInputException(what + ": cannot write this file (permission denied)");
        }
        if (PICTURE_OPTIONS.contains(option)) {
            try {
                ChartRenderer.checkFormat(file);
            } catch (BadInputException e) {
                throw new BadInputException(option + " " + e.getMessage(), e);
            }
        }
        Path folder = file.toAbsolutePath().normalize().getParent();
        while (folder != null && !Files.exists(folder)) {
            folder = folder.getParent();
        }
        if (folder == null) {
            throw new BadInputException(what + ": no folder to write it in");
        }
        if (!Files.isDirectory(folder)) {
            throw new BadInputException(what + ": " + folder + " is a file, not a folder");
        }
        if (!Files.isWritable(folder)) {
            throw new BadInputException(what + ": cannot write in " + folder + " (permission denied)");
        }
    }

    /**
     * Where to write {@code target}: a temporary file beside it that becomes {@code target} when
     * the command succeeds. Outside a command run by {@link Main} (a library call) it is the
     * target itself.
     */
    static Path staged(Path target) {
        Outputs outputs = current;
        return outputs == null ? target : outputs.stage(target);
    }

    /** Runs {@code action} only when the command succeeds (before its files move into place). */
    static void onSuccess(Runnable action) {
        Outputs outputs = current;
        if (outputs == null) {
            action.run();
        } else {
            outputs.actions.add(action);
        }
    }

    /**
     * Prints a line such as {@code saved fit.json} only when the command succeeds, after the
     * report it follows: a command that fails later must not claim a file it will not leave.
     */
    static void say(PrintWriter out, String line) {
        onSuccess(() -> {
            out.println(line);
            out.flush();
        });
    }

    private Path stage(Path target) {
        Path key = target.toAbsolutePath().normalize();
        Path known = staged.get(key);
        if (known != null) {
            return known;
        }
        try {
            makeFolders(key.getParent());
            // the target's own name last, so writers that go by the extension (.png, .svg) still see it
            Path temp = key.resolveSibling(".slaw-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1)
                    + "-" + key.getFileName());
            Files.createFile(temp);
            staged.put(key, temp);
            try {
                permissions.put(key, Files.getPosixFilePermissions(temp));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the writer's permissions stand
            }
            return temp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void makeFolders(Path folder) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path f = folder; f != null && !Files.exists(f); f = f.getParent()) {
            missing.add(0, f);
        }
        for (Path f : missing) {
            Files.createDirectory(f);
            madeFolders.add(f);
        }
    }

    /** Runs the deferred actions, then moves every staged file into place. */
    void commit() {
        for (Runnable action : actions) {
            action.run();
        }
        try {
            for (Map.Entry<Path, Path> e : staged.entrySet()) {
                Set<PosixFilePermission> mode = permissions.get(e.getKey());
                if (mode != null) {
                    Files.setPosixFilePermissions(e.getValue(), mode);
                }
                try {
                    Files.move(e.getValue(), e.getKey(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException atomic) {
                    Files.move(e.getValue(), e.getKey(), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        committed = true;
    }

    /** Removes what a failed command staged: its temporary files and the folders made for them. */
    @Override
    public void close() {
        if (current == this) {
            current = null;
        }
        for (Path temp : staged.values()) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // a leftover hidden temporary file is untidy, not wrong; the target is untouched
            }
        }
        if (committed) {
            return;
        }
        for (int i = madeFolders.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(madeFolders.get(i));
            } catch (IOException e) {
                // not empty (something else wrote there): leave it
            }
        }
    }
}
