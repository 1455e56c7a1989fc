package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.GroupFitter;
import dev.slaw.fit.GroupedFit;
import dev.slaw.fit.Starts;
import dev.slaw.io.DatasetLoader;
import dev.slaw.io.LoadedDataset;
import dev.slaw.io.Recipe;
import dev.slaw.io.document.FitWarnings;
import dev.slaw.io.document.GroupedDocuments;
import dev.slaw.io.table.NumberFormat;
import dev.slaw.uncertainty.Bootstrap;
import dev.slaw.uncertainty.BootstrapOptions;
import dev.slaw.uncertainty.BootstrapResult;
import dev.slaw.uncertainty.GroupedBootstrap;
import dev.slaw.uncertainty.HeldOutValidation;
import dev.slaw.uncertainty.Holdout;
import dev.slaw.uncertainty.SensitivityResult;
import dev.slaw.uncertainty.SensitivitySweep;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command line's side of grouped fits: fitting, validating and bootstrapping per group when
 * the data name a group column ({@code --group}), choosing a group by {@code GROUP=VALUE}, and a
 * clear refusal from commands that do not fit per group yet.
 */
final class GroupedFits {
    private GroupedFits() {
    }

    /**
     * The grouped fit of prepared data when the recipe names a group column, else empty.
     *
     * @throws BadInputException when parameters are shared but there are no groups
     */
    static Optional<GroupedFit> fitIfGrouped(LoadedDataset loaded, FitCommand.FitSettings.Prepared prepared,
                                             List<String> shared) {
        return fitIfGrouped(loaded, prepared, shared, GroupFitter.IN_TURN);
    }

    /** {@link #fitIfGrouped(LoadedDataset, FitCommand.FitSettings.Prepared, List)} with separate fits made by {@code fitter}. */
    static Optional<GroupedFit> fitIfGrouped(LoadedDataset loaded, FitCommand.FitSettings.Prepared prepared,
                                             List<String> shared, GroupFitter.SeparateFits fitter) {
        if (loaded.group().isEmpty()) {
            if (!shared.isEmpty()) {
                throw new BadInputException("--shared " + String.join(",", shared)
                        + " shares parameters across groups: name the group column with --group COLUMN");
            }
            return Optional.empty();
        }
        String column = loaded.group().get();
        String[] groups = groupOfRows(loaded, prepared.data());
        if (shared.isEmpty()) {
            return Optional.of(GroupFitter.fitSeparately(prepared.law(), prepared.data(), column, groups,
                    prepared.target(), prepared.options(), fitter));
        }
        return Optional.of(GroupFitter.fitShared(prepared.law(), prepared.data(), column, groups, prepared.target(),
                prepared.options(), shared));
    }

    /** Each row's group, for rows of the loaded data (or a subset of its rows). */
    static String[] groupOfRows(LoadedDataset loaded, Dataset rows) {
        return new LoadedDataset(rows, loaded.notes(), loaded.group(), loaded.recipe(), loaded.sourceRows())
                .groupValues().orElseThrow();
    }

    /**
     * The group named among {@code VAR=VALUE} assignments ({@code peak_lr=0.002}), removed from
     * them; the value as written, or in the canonical form a numeric group column uses.
     *
     * @throws BadInputException naming the groups when none is named or the named one is not there
     */
    static String chooseGroup(GroupedFit grouped, List<String> assignments) {
        String prefix = grouped.groupColumn() + "=";
        for (int i = 0; i < assignments.size(); i++) {
            String a = assignments.get(i);
            if (a.startsWith(prefix)) {
                assignments.remove(i);
                String value = a.substring(prefix.length()).strip();
                if (grouped.fits().containsKey(value)) {
                    return value;
                }
                try {
                    String canonical = NumberFormat.canonical(Double.parseDouble(value));
                    if (grouped.fits().containsKey(canonical)) {
                        return canonical;
                    }
                } catch (NumberFormatException notANumber) {
                    // a text group: the value as written was the only candidate
                }
                grouped.fit(value); // throws, naming the groups
            }
        }
        throw new BadInputException(grouped.chooseGroupMessage());
    }
    /**
     * {@code slaw validate} per group: each group's holdout is scored against a fit of that
     * group's remaining rows (a group with nothing held out, or nothing left, is skipped and
     * said so). Shared parameters are refused: the joint fit is not validated yet.
     */
    static void validate(PrintWriter o, LoadedDataset loaded, FitCommand.FitSettings.Prepared p, List<String> shared,
                         Holdout holdout, BootstrapOptions options, boolean json, boolean plot,
                         java.util.function.Consumer<String> warn) {
        if (loaded.group().isEmpty()) {
            throw new BadInputException("--shared shares parameters across groups: name the group column with --group COLUMN");
        }
        String column = loaded.group().get();
        if (plot) {
            throw new BadInputException("--plot draws one validation; with --group, validate one group with --only "
                    + column + "=VALUE");
        }
        if (!shared.isEmpty()) {
            validateJoint(o, loaded, p, shared, holdout, options, json);
            return;
        }
        Map<String, int[]> groups = GroupFitter.rowsByGroup(p.data(), column, groupOfRows(loaded, p.data()));
        List<GroupedDocuments.GroupValidation> out = new ArrayList<>();
        int validated = 0;
        for (Map.Entry<String, int[]> e : groups.entrySet()) {
            String g = e.getKey();
            Dataset rows = p.data().select(e.getValue());
            int held = 0;
            for (boolean h : holdout.select(rows)) {
                held += h ? 1 : 0;
            }
            if (held == 0 || held == rows.rowCount()) {
                String why = held == 0 ? "no row held out" : "every row held out";
                out.add(new GroupedDocuments.GroupValidation(g, null, why, rows.rowCount()));
                continue;
            }
            HeldOutValidation v;
            try (Progress progress = Progress.start("bootstrap " + column + "=" + g, options.replicates())) {
                v = HeldOutValidation.run(p.law(), rows, p.target(), holdout, p.options().withNotes(
                        noted(p.options().notes(), column, g)), options, progress.listener());
            } catch (BadInputException bad) {
                throw new BadInputException("group " + column + "=" + g + ": " + bad.getMessage());
            }
            validated++;
            out.add(new GroupedDocuments.GroupValidation(g, v, null, rows.rowCount()));
            // the trend over the group's every row, held out too: the fit on the rest cannot see a change past it
            for (String w : dev.slaw.compare.TrendShape.extrapolationWarnings(p.law(), rows, p.target())) {
                warn.accept("group " + column + "=" + g + ", all rows: " + w);
            }
        }
        if (validated == 0) {
            throw new BadInputException("holdout " + holdout.describe() + " leaves no group with rows both held out and "
                    + "fitted (groups by " + column + ": " + String.join(", ", groups.keySet()) + ")");
        }
        if (json) {
            o.println(GroupedDocuments.validationJson(column, out, p.target()));
        } else {
            o.print(GroupedDocuments.validationText(column, out, p.target()));
        }
        o.flush();
    }

    /**
     * {@code slaw validate --shared}: the holdout applied to every group's rows together, the
     * joint fit made on the rows left in, and each held-out row scored with its own group's
     * parameters (the joint law picks them by the row's group), with bootstrap intervals of the
     * joint fit.
     */
    private static void validateJoint(PrintWriter o, LoadedDataset loaded, FitCommand.FitSettings.Prepared p,
                                      List<String> shared, Holdout holdout, BootstrapOptions options, boolean json) {
        String column = loaded.group().orElseThrow();
        String[] groupOfRow = groupOfRows(loaded, p.data());
        boolean[] held = holdout.select(p.data());
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < held.length; i++) {
            if (!held[i]) {
                kept.add(i);
            }
        }
        int[] keptRows = kept.stream().mapToInt(Integer::intValue).toArray();
        String[] keptGroups = new String[keptRows.length];
        for (int i = 0; i < keptRows.length; i++) {
            keptGroups[i] = groupOfRow[keptRows[i]];
        }
        Set<String> all = GroupFitter.rowsByGroup(p.data(), column, groupOfRow).keySet();
        Set<String> trained = new LinkedHashSet<>(Arrays.asList(keptGroups));
        List<String> lost = all.stream().filter(g -> !trained.contains(g)).toList();
        if (!lost.isEmpty()) {
            throw new BadInputException("holdout " + holdout.describe() + " holds out every row of " + column + "="
                    + String.join(", ", lost) + ": a joint fit needs rows of each group to fit its own parameters");
        }
        GroupedFit fitted = GroupFitter.fitShared(p.law(), p.data().select(keptRows), column, keptGroups, p.target(),
                p.options(), shared);
        Dataset joint = GroupFitter.jointData(p.law(), p.data(), column, groupOfRow, shared);
        // the joint fit again inside the validation, from the optimum just found
        FitOptions fromOptimum = p.options().withStarts(Starts.at(List.of(fitted.joint().valueMap())));
        HeldOutValidation v;
        try (Progress progress = Progress.start("bootstrap", options.replicates())) {
            v = HeldOutValidation.run(fitted.joint().law(), joint, p.target(), holdout, fromOptimum,
                    options.withDerived(List.of()), progress.listener());
        }
        if (json) {
            o.println(GroupedDocuments.jointValidationJson(v, p.target(), fitted));
        } else {
            o.print(GroupedDocuments.jointValidationText(v, p.target(), fitted, new ArrayList<>(all)));
        }
        o.flush();
    }

    /**
     * {@code slaw bootstrap} per group: rows are resampled within each group, for each group's
     * own fit or, with shared parameters, for the joint fit.
     */
    static void bootstrap(PrintWriter o, LoadedDataset loaded, FitCommand.FitSettings.Prepared p, List<String> shared,
                          FitOptions refit, BootstrapOptions options, boolean json, FitPlotSettings plot)
            throws java.io.IOException {
        GroupedFit grouped = fitIfGrouped(loaded, p, shared).orElseThrow();
        String column = grouped.groupColumn();
        if (grouped.joint() != null) {
            String[] groupOfRow = groupOfRows(loaded, p.data());
            Dataset joint = GroupFitter.jointData(p.law(), p.data(), column, groupOfRow, shared);
            Map<String, int[]> strata = GroupFitter.rowsByGroup(p.data(), column, groupOfRow);
            BootstrapResult b;
            try (Progress progress = Progress.start("bootstrap", options.replicates())) {
                // derived quantities name the base law's parameters, which the joint law splits per group
                b = GroupedBootstrap.run(grouped, joint, strata, refit, options.withDerived(List.of()),
                        progress.listener());
            }
            if (json) {
                o.println(GroupedDocuments.jointBootstrapJson(column, b));
            } else {
                o.print(GroupedDocuments.jointBootstrapText(grouped, b));
            }
        } else {
            Map<String, BootstrapResult> groups = new LinkedHashMap<>();
            Map<String, int[]> rowsByGroup = GroupFitter.rowsByGroup(p.data(), column, groupOfRows(loaded, p.data()));
            for (Map.Entry<String, Fit> e : grouped.fits().entrySet()) {
                Dataset rows = p.data().select(rowsByGroup.get(e.getKey()));
                BootstrapResult b;
                try (Progress progress = Progress.start("bootstrap " + column + "=" + e.getKey(), options.replicates())) {
                    b = Bootstrap.run(e.getValue(), rows, refit, options, progress.listener());
                }
                groups.put(e.getKey(), b);
            }
            if (json) {
                o.println(GroupedDocuments.bootstrapJson(column, groups));
            } else {
                o.print(GroupedDocuments.bootstrapText(column, groups));
            }
        }
        for (Path plotted : plot.writeGroupedFitPlot(grouped, p.data(), loaded)) {
            if (!json) {
                o.println("plotted " + plotted);
            }
        }
        o.flush();
    }

    /**
     * {@code slaw predict GROUPED.json --at points.csv}: each row predicted by the fit of the group
     * in its group column.
     *
     * @throws BadInputException when the table has no group column or names a group the fit lacks
     */
    /**
     * Predicts each row of {@code points} with its own group's fit, and returns, labelled by group,
     * how far each group's rows reach beyond the data that group's fit used.
     */
    static FitWarnings predictEachRow(PrintWriter o, GroupedFit grouped, Path points, boolean json) {
        List<String> vars = grouped.law().variables();
        String column = grouped.groupColumn();
        LoadedDataset loaded = DatasetLoader.load(points, Recipe.DEFAULT).requireComplete(vars);
        Dataset at = loaded.dataset();
        if (!at.hasColumn(column) && at.label(column).isEmpty()) {
            throw new BadInputException(points + ": no column \"" + column + "\" naming each row's group; add one, or "
                    + "predict every row for one group with " + column + "=VALUE (groups: "
                    + String.join(", ", grouped.groups()) + ")");
        }
        String[] groups = new LoadedDataset(at, loaded.notes(), Optional.of(column), loaded.recipe(),
                loaded.sourceRows()).groupValues().orElseThrow();
        double[] y = new double[at.rowCount()];
        for (int i = 0; i < y.length; i++) {
            if (!grouped.fits().containsKey(groups[i])) {
                throw new BadInputException(points + ": row " + at.rowNumber(i) + ", column \"" + grouped.groupColumn()
                        + "\": no group " + groups[i] + " in the fit (groups: " + String.join(", ", grouped.groups()) + ")");
            }
            y[i] = grouped.fit(groups[i]).predict(at.select(new int[]{i}))[0];
        }
        if (json) {
            o.println(GroupedDocuments.predictionJson(column, groups, vars, at, grouped.target(), y));
        } else {
            o.print(GroupedDocuments.predictionText(column, groups, vars, at, grouped.target(), y));
        }
        o.flush();
        FitWarnings beyond = FitWarnings.none();
        for (String g : grouped.groups()) {
            int[] rows = java.util.stream.IntStream.range(0, groups.length).filter(i -> groups[i].equals(g)).toArray();
            if (rows.length > 0) {
                beyond = beyond.and(column + "=" + g, PredictCommand.beyondTheData(grouped.fit(g), at.select(rows)));
            }
        }
        return beyond;
    }

    /** {@code slaw sensitivity} per group: the same sweep on each group's rows. */
    static void sensitivity(PrintWriter o, LoadedDataset loaded, FitCommand.FitSettings.Prepared p,
                            List<String> shared, SensitivitySweep sweep, boolean json, boolean plot) {
        String column = requireGroup(loaded, shared);
        if (plot) {
            throw new BadInputException("--plot draws one sweep; with --group, sweep one group with --only " + column
                    + "=VALUE");
        }
        Map<String, int[]> groups = GroupFitter.rowsByGroup(p.data(), column, groupOfRows(loaded, p.data()));
        Map<String, SensitivityResult> out = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : groups.entrySet()) {
            String g = e.getKey();
            SensitivityResult result;
            try (Progress progress = Progress.start("sensitivity " + column + "=" + g, sweep.choices().size())) {
                result = sweep.run(p.data().select(e.getValue()), p.target(), progress.listener());
            } catch (BadInputException bad) {
                throw new BadInputException("group " + column + "=" + g + ": " + bad.getMessage());
            }
            out.put(g, result);
        }
        if (json) {
            o.println(GroupedDocuments.sensitivityJson(column, out));
        } else {
            o.print(GroupedDocuments.sensitivityText(column, out));
        }
        o.flush();
    }

    private static String requireGroup(LoadedDataset loaded, List<String> shared) {
        if (loaded.group().isEmpty()) {
            throw new BadInputException("--shared shares parameters across groups: name the group column with --group COLUMN");
        }
        if (!shared.isEmpty()) {
            throw new BadInputException("this command fits each group separately; --shared (a joint fit) is not "
                    + "supported here yet: drop --shared");
        }
        return loaded.group().get();
    }

    private static List<String> noted(List<String> notes, String column, String group) {
        List<String> out = new ArrayList<>(notes);
        out.add("group " + column + "=" + group);
        return out;
    }
    /**
     * For a command that does not fit per group: one clear line instead of a pooled fit that
     * {@code --group} promised would be one fit per group.
     */
    static void refuse(LoadedDataset loaded, List<String> shared) {
        if (loaded.group().isPresent() || !shared.isEmpty()) {
            String column = loaded.group().orElse("GROUP");
            throw new BadInputException("this command does not fit per group yet: choose one group with --only " + column
                    + "=VALUE" + (loaded.group().isPresent() ? " and leave out --group" : "")
                    + (shared.isEmpty() ? "" : " and --shared"));
        }
    }
}
