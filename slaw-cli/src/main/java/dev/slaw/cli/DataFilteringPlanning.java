package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.fit.Fit;
import dev.slaw.fit.VariableRange;
import dev.slaw.io.document.DataFilteringDocuments;
import dev.slaw.io.document.FitWarnings;
import dev.slaw.io.fit.FitJson;
import dev.slaw.law.DataFilteringLaw;
import dev.slaw.law.Numbers;
import dev.slaw.planning.DataFilteringPools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code slaw plan FIT --filtering-bucket FIT2 ... --bucket-size U --samples N,...}: which pool of
 * the best buckets of filtered data (each bucket a fit of data-filtering) predicts the least error
 * for a budget of samples seen (Goyal et al. 2024); kept beside PlanCommand.
 */
final class DataFilteringPlanning {
    private DataFilteringPlanning() {
    }

    static boolean requested(PlanCommand c) {
        return !c.filteringBuckets.isEmpty() || c.bucketSize != null || !c.samples.isEmpty();
    }

    static void run(PlanCommand c, TableOutput output) {
        if (c.fitFile == null || c.bucketSize == null || c.samples.isEmpty()) {
            throw new BadInputException("the filtered-pool choice needs a data-filtering fit per bucket, the bucket size"
                    + " and budgets: slaw plan FIT [--filtering-bucket FIT2 ...] --bucket-size U --samples N[,N...]");
        }
        if (c.lawName != null || !c.settings.isEmpty() || c.group != null || !c.compute.flops().isEmpty()
                || c.frontier != null || c.targetLoss != null || c.uniqueTokens != null || !c.inferenceTokens.isEmpty()
                || c.replicatesFile != null || c.plot.requested()) {
            throw new BadInputException("the filtered-pool choice takes fit files, --filtering-bucket, --bucket-size and"
                    + " --samples only");
        }
        List<Path> files = new ArrayList<>();
        files.add(c.fitFile);
        files.addAll(c.filteringBuckets);
        List<DataFilteringPools.Bucket> buckets = new ArrayList<>();
        FitWarnings warnings = FitWarnings.none();
        double a = Double.NaN;
        double d = Double.NaN;
        String first = null;
        double largestFitted = 0;
        for (Path file : files) {
            Fit fit = FitJson.load(file);
            if (!fit.law().name().equals(DataFilteringLaw.NAME)) {
                throw new BadInputException(file + ": a fit of " + fit.law().name() + "; the filtered-pool choice needs"
                        + " fits of " + DataFilteringLaw.NAME);
            }
            String name = name(file);
            // the pools' law mixes the buckets' exponents under one a and d (the authors fit them shared)
            if (first == null) {
                first = file.toString();
                a = fit.value("a");
                d = fit.value("d");
            } else if (!same(a, fit.value("a")) || !same(d, fit.value("d"))) {
                throw new BadInputException(file + ": a = " + Numbers.compact(fit.value("a")) + ", d = "
                        + Numbers.compact(fit.value("d")) + " differ from "
                        + first + "'s " + Numbers.compact(a) + ", " + Numbers.compact(d) + "; the buckets must share a and d (fit each with"
                        + " --param \"a = VALUE\" --param \"d = VALUE\")");
            }
            buckets.add(new DataFilteringPools.Bucket(name, fit.value("b"), fit.value("tau")));
            warnings = warnings.and(name, fit);
            VariableRange n = fit.provenance() == null ? null : fit.provenance().ranges().get("n");
            if (n != null) {
                largestFitted = Math.max(largestFitted, n.highest());
            }
        }
        double size = positive(c.bucketSize, "--bucket-size");
        List<Double> samples = new ArrayList<>();
        for (String s : c.samples) {
            samples.add(positive(s, "--samples"));
        }
        DataFilteringPools.Choice choice = DataFilteringPools.of(buckets, a, d, size).at(samples);
        List<String> notes = new ArrayList<>();
        for (double n : samples) {
            if (largestFitted > 0 && n > largestFitted * (1 + 1e-9)) {
                notes.add("extrapolated: " + Numbers.compact(n) + " samples is " + Numbers.compact(n / largestFitted)
                        + "x the most any bucket was fitted on, " + Numbers.compact(largestFitted));
            }
        }
        FitWarnings all = warnings.with(notes);
        output.print(() -> DataFilteringDocuments.csvTable(choice), () -> DataFilteringDocuments.json(choice, all),
                () -> DataFilteringDocuments.text(choice, all), all);
    }

    private static double positive(String text, String option) {
        double v = Assignments.number(text, option);
        if (!(v > 0)) {
            throw new BadInputException(option + ": '" + text + "' is not a positive number of samples");
        }
        return v;
    }

    private static boolean same(double x, double y) {
        return Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y));
    }

    /** The file's name without its folder and .json: the bucket's name. */
    private static String name(Path file) {
        String n = file.getFileName().toString();
        return n.endsWith(".json") ? n.substring(0, n.length() - 5) : n;
    }
}
