package dev.slaw.fit;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.law.Law;
import dev.slaw.law.Target;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits a law to each group of rows: separately (one independent fit per group, each exactly the
 * fit of that group's rows alone), or jointly with some parameters shared across groups (a
 * common exponent with per-family offsets; one irreducible loss across ladders).
 *
 * <p>The joint fit is an ordinary fit of a larger law (see {@link SharedParameters}), so the
 * objective, optimiser, covariance and bootstrap apply to it unchanged. It starts from the
 * separate fits of the groups (and from the pooled fit), not from the law's grid, whose
 * Cartesian product over every group's parameters would be far too large.
 */
public final class GroupFitter {
    private GroupFitter() {
    }

    /**
     * The rows of each group, in group order: numerically when every group value is a number,
     * else alphabetically.
     *
     * @param groupColumn the column the groups come from (for messages)
     * @param groupOfRow  each row's group
     * @throws BadInputException naming the row when a row has no group
     */
    public static Map<String, int[]> rowsByGroup(Dataset data, String groupColumn, String[] groupOfRow) {
        if (groupOfRow.length != data.rowCount()) {
            throw new IllegalArgumentException(groupOfRow.length + " group values for " + data.rowCount() + " rows");
        }
        Map<String, List<Integer>> rows = new LinkedHashMap<>();
        for (int i = 0; i < groupOfRow.length; i++) {
            String g = groupOfRow[i];
            if (g == null || g.isBlank()) {
                throw new BadInputException(data.source() + ": row " + data.rowNumber(i) + ", column \"" + groupColumn
                        + "\": no group (empty cell); drop such rows with --where or --only");
            }
            rows.computeIfAbsent(g, k -> new ArrayList<>()).add(i);
        }
        List<String> order = new ArrayList<>(rows.keySet());
        boolean numeric = order.stream().allMatch(GroupFitter::isNumber);
        order.sort(numeric ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder());
        Map<String, int[]> out = new LinkedHashMap<>();
        for (String g : order) {
            out.put(g, rows.get(g).stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    /**
     * One independent fit per group. Each group's fit is the fit of its rows alone, with the
     * group recorded in its provenance notes.
     *
     * @throws BadInputException naming the group and the counts when a group has fewer rows than
     *                           the law's free parameters
     */
    public static GroupedFit fitSeparately(Law law, Dataset data, String groupColumn, String[] groupOfRow,
                                           String target, FitOptions options) {
        return fitSeparately(law, data, groupColumn, groupOfRow, target, options, IN_TURN);
    }

    /**
     * {@link #fitSeparately(Law, Dataset, String, String[], String, FitOptions)} with the groups
     * fitted by {@code fitter}.
     */
    public static GroupedFit fitSeparately(Law law, Dataset data, String groupColumn, String[] groupOfRow,
                                           String target, FitOptions options, SeparateFits fitter) {
        Map<String, int[]> groups = rowsByGroup(data, groupColumn, groupOfRow);
        int free = new Parametrization(law.parameters()).freeCount();
        groups.forEach((g, rows) -> requireRows(law, groupColumn, g, rows.length, free, free, ""));
        Map<String, Fit> fits = fitter.fit(law, data, groupColumn, groups, target, options);
        if (!fits.keySet().equals(groups.keySet())) {
            throw new IllegalStateException("the group fitter returned fits of " + fits.keySet() + " for groups "
                    + groups.keySet());
        }
        Map<String, Fit> ordered = new LinkedHashMap<>();
        groups.keySet().forEach(g -> ordered.put(g, fits.get(g)));
        return new GroupedFit(groupColumn, ordered, List.of(), null);
    }

    /**
     * Fits each group on its own: one after another here ({@link #IN_TURN}), or elsewhere
     * (slaw-spark fits them as Spark tasks). Each fit must be {@link #fitGroup}'s, so the grouped
     * fit cannot depend on where its groups ran.
     */
    @FunctionalInterface
    public interface SeparateFits {
        /**
         * Every group's fit, by group; a group that cannot be fitted throws as {@link #fitGroup}
         * does (the first such group in group order).
         *
         * @param groups the rows of each group, in group order ({@link #rowsByGroup})
         */
        Map<String, Fit> fit(Law law, Dataset data, String groupColumn, Map<String, int[]> groups, String target,
                             FitOptions options);
    }

    /** The groups fitted one after another, in group order. */
    public static final SeparateFits IN_TURN = (law, data, groupColumn, groups, target, options) -> {
        Map<String, Fit> fits = new LinkedHashMap<>();
        groups.forEach((g, rows) -> fits.put(g, fitGroup(law, data, groupColumn, g, rows, target, options)));
        return fits;
    };

    /**
     * One group's fit: the fit of its rows alone, the group recorded in the provenance notes. A
     * pure function of its arguments, so a group may be fitted anywhere.
     *
     * @param rows the group's rows of {@code data}
     */
    public static Fit fitGroup(Law law, Dataset data, String groupColumn, String group, int[] rows, String target,
                               FitOptions options) {
        return Fitter.fit(law, data.select(rows), target,
                options.withNotes(withGroupNote(options.notes(), groupColumn, group, rows.length, data.rowCount())));
    }

    /**
     * The groups fitted jointly: the parameters named in {@code shared} take one value across
     * groups, every other free parameter one value per group.
     *
     * @throws BadInputException when a shared name is not a free parameter of the law, when every
     *                           free parameter is shared (that is the pooled fit), or when a
     *                           group has fewer rows than its own parameters
     */
    public static GroupedFit fitShared(Law law, Dataset data, String groupColumn, String[] groupOfRow, String target,
                                       FitOptions options, List<String> shared) {
        Map<String, int[]> groups = rowsByGroup(data, groupColumn, groupOfRow);
        SharedParameters joint = SharedParameters.of(law, data, groupColumn, groups, shared);
        int free = new Parametrization(law.parameters()).freeCount();
        String because = " besides the shared " + String.join(", ", joint.shared());
        groups.forEach((g, rows) -> requireRows(law, groupColumn, g, rows.length, joint.ownFreeCount(), free, because));

        // starts: the pooled fit everywhere, then each group's separate fit, with the shared
        // parameters at the pooled value and at each group's own value
        Fit pooled = Fitter.fit(law, data, target, options);
        Map<String, Map<String, Double>> own = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : groups.entrySet()) {
            Map<String, Double> values = pooled.valueMap();
            if (e.getValue().length >= free) {
                try {
                    values = Fitter.fit(law, data.select(e.getValue()), target, options).valueMap();
                } catch (FitFailedException failed) {
                    // this group starts from the pooled values instead
                }
            }
            own.put(e.getKey(), values);
        }
        List<Map<String, Double>> starts = new ArrayList<>();
        starts.add(joint.startPoint(g -> pooled.valueMap(), pooled.valueMap()));
        starts.add(joint.startPoint(own::get, pooled.valueMap()));
        for (String g : groups.keySet()) {
            starts.add(joint.startPoint(own::get, own.get(g)));
        }
        // and the law's start grid over the shared parameters, each group's own from its separate fit
        List<Map<String, Double>> grid = sharedGrid(law, joint.shared(), pooled.valueMap());
        for (Map<String, Double> point : grid) {
            starts.add(joint.startPoint(own::get, point));
        }
        FitOptions jointOptions = options.withStarts(Starts.at(starts)).withNotes(withNote(options.notes(),
                "joint fit of " + groups.size() + " groups by " + groupColumn + ", sharing "
                        + String.join(", ", joint.shared()) + "; starts from the pooled and the separate fits"
                        + (grid.isEmpty() ? "" : " and the law's grid over the shared parameters")));
        Fit fit = Fitter.fit(joint.law(), joint.data(), target, jointOptions);
        Map<String, Fit> fits = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : groups.entrySet()) {
            String g = e.getKey();
            Dataset rows = data.select(e.getValue());
            fits.put(g, joint.split(fit, g, rows, target,
                    withGroupNote(jointOptions.notes(), groupColumn, g, e.getValue().length, data.rowCount())));
        }
        return new GroupedFit(groupColumn, fits, joint.shared(), fit);
    }

    /**
     * The rows a joint fit with these shared parameters was fitted to: the data with one
     * indicator column per group, for refitting {@link GroupedFit#joint()} (a bootstrap).
     */
    public static Dataset jointData(Law law, Dataset data, String groupColumn, String[] groupOfRow,
                                    List<String> shared) {
        return SharedParameters.of(law, data, groupColumn, rowsByGroup(data, groupColumn, groupOfRow), shared).data();
    }

    /** At most this many grid points over the shared parameters join the joint fit's starts. */
    private static final int MAX_SHARED_GRID = 1000;

    /**
     * The Cartesian product of the law's start grid over the shared parameters (the pooled value
     * for a shared parameter without a grid); empty when no shared parameter has a grid or the
     * product is larger than {@link #MAX_SHARED_GRID}.
     */
    private static List<Map<String, Double>> sharedGrid(Law law, List<String> shared, Map<String, Double> pooled) {
        List<Map<String, Double>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>(pooled));
        boolean any = false;
        for (String p : shared) {
            List<Double> axis = law.metadata().startGrid().get(p);
            if (axis == null || axis.isEmpty()) {
                continue;
            }
            any = true;
            if ((long) points.size() * axis.size() > MAX_SHARED_GRID) {
                return List.of();
            }
            List<Map<String, Double>> next = new ArrayList<>();
            for (Map<String, Double> point : points) {
                for (double v : axis) {
                    Map<String, Double> q = new LinkedHashMap<>(point);
                    q.put(p, v);
                    next.add(q);
                }
            }
            points = next;
        }
        return any ? points : List.of();
    }

    private static void requireRows(Law law, String column, String group, int rows, int needed, int free,
                                    String because) {
        if (rows < needed) {
            throw new BadInputException("group " + column + "=" + group + " has " + rows + " row"
                    + (rows == 1 ? "" : "s") + ", but law " + law.name() + " needs at least " + needed
                    + " per group (" + needed + " free parameter" + (needed == 1 ? "" : "s") + because
                    + "); drop the group with --where or --only"
                    + (because.isEmpty() && free > 1 ? ", or share parameters with --shared" : ""));
        }
    }

    private static List<String> withGroupNote(List<String> notes, String column, String group, int rows, int total) {
        return withNote(notes, "group " + column + "=" + group + ": " + rows + " of " + total + " rows");
    }

    private static List<String> withNote(List<String> notes, String note) {
        List<String> out = new ArrayList<>(notes);
        out.add(note);
        return out;
    }

    /** Residual statistics of a group's rows under a fit, as the fitter reports them. */
    static FitStatistics statistics(Fit fit, Dataset rows, String target, int freeParameters) {
        double[] raw = rows.column(target);
        double[] predictions = fit.predict(rows);
        boolean log = fit.law().target() == Target.LOG;
        double[] y = new double[raw.length];
        double[] residuals = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            y[i] = log ? Math.log(raw[i]) : raw[i];
            residuals[i] = y[i] - (log ? Math.log(predictions[i]) : predictions[i]);
        }
        return Fitter.statistics(fit.law(), raw, y, residuals, predictions, freeParameters);
    }

    private static boolean isNumber(String s) {
        try {
            return Double.isFinite(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
