package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.io.document.PredictionDocuments;
import dev.slaw.io.fit.BootstrapJson;
import dev.slaw.io.fit.FitJson;
import dev.slaw.io.fit.GroupedFitJson;
import dev.slaw.server.Commands;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The workbench's predictions at one point, with the fits kept loaded. {@code slaw predict}
 * run per request spent most of its time building the command line and reading the fit again
 * (about 3 ms of a request); here a fit is read once and kept, keyed by its file (one per fit
 * id), and the answer is {@code slaw predict FIT VAR=VALUE ... --json}'s, from the same
 * {@link PredictCommand#pointAt} and {@link PredictionDocuments}. A kept fit is used only while
 * its file has the modification time and size it was read with, so a fit deleted or replaced
 * is never answered from memory.
 */
final class ServedPredictions {
    /** Off only for the load test's before-and-after runs: every prediction then runs slaw predict. */
    static volatile boolean keepFits = true;

    /** More fits than this and the kept ones are dropped: a store seldom has so many in use. */
    private static final int MAX_KEPT = 512;

    /** A fit as read, with its file's time and size then; {@code fit} null: not one plain fit. */
    private record Kept(FileTime modified, long size, Fit fit) {
    }

    private static final ConcurrentHashMap<Path, Kept> KEPT = new ConcurrentHashMap<>();

    private ServedPredictions() {
    }

    /**
     * The answer to {@code predict FIT VAR=VALUE ... --json}, or null when the arguments are
     * not that shape or the file is not one plain fit (a grouped fit, a bootstrap): then
     * {@code slaw predict} itself runs.
     */
    static Commands.Outcome tryPoint(List<String> args) {
        if (!keepFits || args.size() < 3 || !args.get(0).equals("predict") || !args.get(args.size() - 1).equals("--json")) {
            return null;
        }
        List<String> assignments = args.subList(2, args.size() - 1);
        for (String a : assignments) {
            if (a.startsWith("-") || a.indexOf('=') <= 0) {
                return null;
            }
        }
        Fit fit = plainFit(Path.of(args.get(1)));
        if (fit == null) {
            return null;
        }
        try {
            Dataset at = PredictCommand.pointAt(fit, assignments);
            List<String> vars = fit.law().variables();
            double[] y = PredictCommand.requireDomain(fit, at, vars);
            return new Commands.Outcome(0, PredictionDocuments.json(vars, at, fit.target(), y) + "\n", "");
        } catch (BadInputException e) {
            return new Commands.Outcome(Main.BAD_INPUT, "", "slaw predict: " + e.getMessage() + "\n");
        }
    }

    /** The plain fit in {@code file}, read once while the file stays as it was; null otherwise. */
    static Fit plainFit(Path file) {
        Path key = file.toAbsolutePath().normalize();
        BasicFileAttributes now;
        try {
            now = Files.readAttributes(key, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            KEPT.remove(key);
            return null;
        } catch (IOException e) {
            return null;
        }
        Kept kept = KEPT.get(key);
        if (kept != null && kept.modified().equals(now.lastModifiedTime()) && kept.size() == now.size()) {
            return kept.fit();
        }
        Fit fit = null;
        try {
            String text = Files.readString(key, StandardCharsets.UTF_8);
            if (!BootstrapJson.isBootstrap(text) && !GroupedFitJson.isGroupedFile(key)) {
                fit = FitJson.load(key);
            }
        } catch (IOException | RuntimeException e) {
            // slaw predict reads it again and says what is wrong in its own words
            KEPT.remove(key);
            return null;
        }
        if (KEPT.size() >= MAX_KEPT) {
            KEPT.clear();
        }
        // the time and size from before the read: a file replaced meanwhile is read again next time
        KEPT.put(key, new Kept(now.lastModifiedTime(), now.size(), fit));
        return fit;
    }

    /** Drops a fit kept for {@code file} (the workbench deleted it). */
    static void forget(Path file) {
        KEPT.remove(file.toAbsolutePath().normalize());
    }

    /** How many fits are kept (for the tests). */
    static int keptCount() {
        return KEPT.size();
    }
}
