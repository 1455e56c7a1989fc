package dev.slaw.server;

import dev.slaw.data.BadInputException;
import dev.slaw.io.LadderFolder;
import dev.slaw.io.json.JsonArray;
import dev.slaw.io.json.JsonObject;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * The model ladders uploaded to the workbench, for {@code slaw chain}: each is a folder of run
 * files, {@code ladders/NAME/}, and its config beside it, {@code ladders/NAME.config.json}, as
 * the chain reads them ({@code slaw chain ladders/NAME --config ladders/NAME.config.json}).
 *
 * <p>A ladder arrives as one zip archive of the run CSVs and one config JSON. Only the file
 * names of its entries are kept (folders inside the archive are dropped), each checked against
 * a plain pattern, so no entry names a file outside the ladder's folder; its unpacked size is
 * held to the upload cap, so a small archive cannot fill the disk.
 */
final class Ladders {

    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Path root;

    Ladders(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folder of a ladder's runs. */
    Path runs(String name) {
        return root.resolve(name);
    }

    /** A ladder's config. */
    Path config(String name) {
        return root.resolve(name + ".config.json");
    }

    /** Whether a ladder of this name was uploaded. */
    boolean exists(String name) {
        return Files.isDirectory(runs(name)) && Files.isRegularFile(config(name));
    }

    /** The ladder, or a 404 that says how to upload one. */
    LadderFolder require(String name) {
        if (!exists(name)) {
            throw new Failure(404, "no ladder \"" + name + "\": upload its run CSVs and config JSON as one zip with POST /api/ladders?name=" + name);
        }
        return read(name, runs(name), config(name));
    }

    /** The ladders' names, sorted. */
    List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".") && Files.isRegularFile(config(n))).sorted().toList();
        }
    }

    /**
     * Unpacks a ladder's archive as {@code name}, after checking that the chain can read it.
     *
     * @return what was kept and what was left out
     * @throws Failure 400 for an archive that is not a ladder, 409 for a name taken (without
     *                 {@code replace}), 413 for an archive that unpacks past {@code cap}
     */
    JsonObject add(String name, byte[] zip, boolean replace, long cap) throws IOException {
        if (zip.length < 4 || zip[0] != 'P' || zip[1] != 'K') {
            throw Failure.badInput("the upload is not a zip archive: send the ladder's run CSVs and config JSON as one .zip");
        }
        Path staging = Files.createTempDirectory(root, ".upload-");
        try {
            Path runs = Files.createDirectory(staging.resolve("runs"));
            List<String> ignored = new ArrayList<>();
            List<String> configs = new ArrayList<>();
            int files = unpack(zip, runs, staging, ignored, configs, cap);
            if (files == 0 && configs.isEmpty()) {
                throw Failure.badInput("the upload holds no run CSV and no config JSON: send the ladder's run files and its config as one .zip");
            }
            if (configs.size() != 1) {
                throw Failure.badInput(configs.isEmpty()
                        ? "the archive has no config JSON (the ladder's configs/final.json): add it to the zip"
                        : "the archive has " + configs.size() + " JSON files (" + String.join(", ", configs)
                        + "): the ladder needs exactly one config");
            }
            Path config = staging.resolve("config.json");
            LadderFolder ladder = read(configs.get(0), runs, config, staging);
            synchronized (this) {
                if (exists(name) && !replace) {
                    throw new Failure(409, "ladder \"" + name + "\" exists; upload with replace=true to replace it");
                }
                delete(name);
                Files.move(runs, runs(name), StandardCopyOption.ATOMIC_MOVE);
                Files.move(config, config(name), StandardCopyOption.ATOMIC_MOVE);
            }
            return summary(name, ladder).putTexts("ignored", ignored);
        } finally {
            deleteTree(staging);
        }
    }

    /** Removes a ladder; false if there was none. */
    synchronized boolean delete(String name) throws IOException {
        boolean had = Files.exists(runs(name));
        deleteTree(runs(name));
        return Files.deleteIfExists(config(name)) || had;
    }

    /** A ladder's runs and target, as the chain reads them. */
    static JsonObject summary(String name, LadderFolder ladder) {
        JsonArray runs = new JsonArray();
        for (LadderFolder.Run r : ladder.runs()) {
            runs.add(run(r));
        }
        return new JsonObject().put("name", name).put("runs", runs).put("target", run(ladder.target()));
    }

    /** A ladder's runs counted and its target, for the list of ladders. */
    static JsonObject brief(String name, LadderFolder ladder) {
        return new JsonObject().put("name", name).put("runs", ladder.runs().size()).put("target", run(ladder.target()));
    }

    private static JsonObject run(LadderFolder.Run r) {
        return new JsonObject().put("name", r.name()).put("parameters", r.parameters()).put("tokens", r.tokens())
                .put("checkpoints", r.table().rowCount());
    }

    /** The chain's own reading of the ladder, its messages naming the ladder's files, not the store's folders. */
    private LadderFolder read(String name, Path runs, Path config) {
        return read(name + ".config.json", runs, config, runs.getParent());
    }

    private static LadderFolder read(String configName, Path runs, Path config, Path shownFrom) {
        try {
            return LadderFolder.read(runs, config, null);
        } catch (BadInputException e) {
            String line = e.getMessage().replace(config.toString(), configName)
                    .replace(runs + java.io.File.separator, "").replace(runs.toString(), "the archive")
                    .replace(shownFrom.toString(), "");
            throw Failure.badInput(line);
        }
    }

    /** Writes the archive's CSVs into {@code runs} and its JSON files, by name, beside; the count of CSVs. */
    private static int unpack(byte[] zip, Path runs, Path staging, List<String> ignored, List<String> configs, long cap)
            throws IOException {
        Set<String> seen = new HashSet<>();
        long written = 0;
        int csvs = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = nextEntry(in)) != null) {
                String path = entry.getName().replace('\\', '/');
                String file = path.substring(path.lastIndexOf('/') + 1);
                if (entry.isDirectory() || file.isEmpty() || file.startsWith(".") || path.contains("__MACOSX/")) {
                    continue;
                }
                boolean csv = file.endsWith(".csv");
                boolean json = file.endsWith(".json");
                if (!csv && !json) {
                    ignored.add(path);
                    continue;
                }
                if (!FILE.matcher(file).matches()) {
                    throw Failure.badInput("archive entry \"" + path + "\": a run or config file is named with letters, digits, '.', '-' and '_' only");
                }
                if (!seen.add(file)) {
                    throw Failure.badInput("archive entry \"" + path + "\": a second file named " + file + " (the ladder's files are kept by name)");
                }
                Path target = csv ? runs.resolve(file) : staging.resolve(configs.isEmpty() ? "config.json" : "config-" + configs.size() + ".json");
                if (json) {
                    configs.add(path);
                } else {
                    csvs++;
                }
                written += copy(in, target, cap - written, cap);
            }
        }
        return csvs;
    }

    private static ZipEntry nextEntry(ZipInputStream in) {
        try {
            return in.getNextEntry();
        } catch (ZipException e) {
            throw Failure.badInput("the upload is not a readable zip archive (" + e.getMessage() + "): send the ladder's run CSVs and config JSON as one .zip");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies one entry, refusing more than {@code left} bytes. */
    private static long copy(InputStream in, Path target, long left, long cap) throws IOException {
        long n = 0;
        byte[] buffer = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(target)) {
            int r;
            while ((r = readEntry(in, buffer)) > 0) {
                n += r;
                if (n > left) {
                    throw new Failure(413, "upload refused: the archive unpacks to more than the cap of " + cap + " bytes (slaw serve --max-upload)");
                }
                out.write(buffer, 0, r);
            }
        }
        return n;
    }

    private static int readEntry(InputStream in, byte[] buffer) {
        try {
            return in.read(buffer);
        } catch (ZipException e) {
            throw Failure.badInput("the upload is not a readable zip archive (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
