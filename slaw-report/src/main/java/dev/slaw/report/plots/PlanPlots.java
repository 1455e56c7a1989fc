package dev.slaw.report.plots;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.planning.Allocation;
import dev.slaw.planning.ComputeOptimal;
import dev.slaw.planning.Frontier;
import dev.slaw.planning.Interval;
import dev.slaw.planning.IsoFlopGroup;
import dev.slaw.planning.IsoFlopResult;
import dev.slaw.planning.LossEnvelope;
import dev.slaw.planning.LossSurface;
import dev.slaw.planning.PowerLaw;
import dev.slaw.report.chart.Axis;
import dev.slaw.report.chart.AxisTicks;
import dev.slaw.report.chart.Band;
import dev.slaw.report.chart.Chart;
import dev.slaw.report.chart.Figure;
import dev.slaw.report.chart.Mark;
import dev.slaw.report.chart.Series;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Pictures of a compute plan, drawn from what {@code dev.slaw.planning} computed: the frontier
 * N_opt(C), D_opt(C) and the loss along it, IsoFLOP parabolas with their minima (Chinchilla's
 * Approach 2), the loss envelope of checkpoints (Approach 1), and the power laws fitted to either.
 */
public final class PlanPlots {
    /** How far a plan's frontier reaches either side of its budgets, as a factor of compute. */
    private static final double AROUND_BUDGET = 100;
    /** How far past the largest budget in the data a fit's frontier reaches, as a factor. */
    private static final double BEYOND_DATA = 1e4;
    private static final int FRONTIER_POINTS = 61;
    private static final int CURVE_POINTS = 60;
    private static final String COMPUTE = "training compute C (FLOPs)";

    private PlanPlots() {
    }

    /**
     * N_opt(C) and D_opt(C) against compute on log-log axes, shaded where the frontier carries
     * bootstrap intervals; {@code observed} adds points such as IsoFLOP minima (may be empty).
     */
    public static Chart frontier(Frontier f, List<Series> observed) {
        double[] c = column(f, Allocation::computeFlops);
        List<Series> s = new ArrayList<>();
        s.add(Series.line("parameters N_opt", c, column(f, Allocation::parameterCount), 0));
        s.add(Series.line("tokens D_opt", c, column(f, Allocation::tokenCount), 1));
        s.addAll(observed);
        List<Band> bands = new ArrayList<>();
        band(f, "parameterCount", 0).ifPresent(bands::add);
        band(f, "tokenCount", 1).ifPresent(bands::add);
        return Chart.of("Compute-optimal frontier of " + f.lawName() + " (C = " + f.flopModel() + ")", Axis.log(COMPUTE),
                Axis.log("parameters N, tokens D"), s).withBands(bands);
    }

    /** The loss the frontier predicts against compute (log compute, linear loss). */
    public static Chart lossAlongFrontier(Frontier f) {
        Chart chart = Chart.of("Loss at the compute-optimal allocation", Axis.log(COMPUTE), Axis.linear("loss"),
                List.of(Series.line("L(N_opt, D_opt)", column(f, Allocation::computeFlops), column(f, Allocation::loss), 2)));
        return chart.withBands(band(f, "loss", 2).stream().toList());
    }

    /**
     * A plan as a two-panel figure: the frontier N_opt(C), D_opt(C) and the loss along it, with
     * the planned allocations (a budget, the least compute for a target loss) marked on both.
     * Without a frontier of its own, the planner draws one from a hundredth of the smallest
     * planned budget to a hundred times the largest.
     *
     * @param planner  the planner the allocations came from
     * @param frontier the frontier to draw, or null to draw it around the planned budgets
     * @param planned  allocations to mark (may be empty when a frontier is given)
     */
    public static Figure plan(ComputeOptimal planner, Frontier frontier, List<Allocation> planned) {
        Frontier f = frontier;
        if (f == null) {
            if (planned.isEmpty()) {
                throw new BadInputException("nothing to draw: a plan picture needs a budget or a frontier");
            }
            double lo = planned.stream().mapToDouble(Allocation::computeFlops).min().orElseThrow();
            double hi = planned.stream().mapToDouble(Allocation::computeFlops).max().orElseThrow();
            f = planner.frontier(Frontier.logSpacedBudgets(lo / AROUND_BUDGET, hi * AROUND_BUDGET, FRONTIER_POINTS));
        }
        double[] c = planned.stream().mapToDouble(Allocation::computeFlops).toArray();
        List<Series> marks = planned.isEmpty() ? List.of() : List.of(
                new Series("planned N", c, planned.stream().mapToDouble(Allocation::parameterCount).toArray(),
                        Mark.HIGHLIGHT, 0, true),
                new Series("planned D", c, planned.stream().mapToDouble(Allocation::tokenCount).toArray(),
                        Mark.HIGHLIGHT, 1, true));
        Chart loss = lossAlongFrontier(f);
        if (!planned.isEmpty()) {
            List<Series> withPlans = new ArrayList<>(loss.series());
            withPlans.add(new Series("planned loss", c, planned.stream().mapToDouble(Allocation::loss).toArray(),
                    Mark.HIGHLIGHT, 2, true));
            loss = new Chart(loss.title(), loss.x(), loss.y(), withPlans, loss.bands(), loss.categories());
        }
        return Figure.of(frontier(f, marks), loss);
    }

    /**
     * The frontier of a fitted law in N and D (with C = 6ND), from the smallest budget among the
     * data's rows to 10,000 times the largest: the range a reader of the fit is extrapolating
     * into. Chinchilla-form laws use the closed form, others the planner's numeric search.
     *
     * @throws BadInputException when the law does not read N and D, or the rows span one budget
     */
    public static Frontier frontierOverData(Fit fit, Dataset data) {
        LossSurface surface = LossSurface.of(fit);
        if (!data.hasColumn("N") || !data.hasColumn("D")) {
            throw new BadInputException("the frontier over the data needs columns N and D");
        }
        double[] n = data.column("N");
        double[] d = data.column("D");
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (int i = 0; i < n.length; i++) {
            double c = 6 * n[i] * d[i];
            if (c > 0 && Double.isFinite(c)) {
                lo = Math.min(lo, c);
                hi = Math.max(hi, c);
            }
        }
        if (!(hi > lo)) {
            throw new BadInputException("the frontier needs rows with positive N and D at more than one budget");
        }
        return ComputeOptimal.of(surface).frontier(Frontier.logSpacedBudgets(lo, hi * BEYOND_DATA, FRONTIER_POINTS));
    }

    /**
     * The frontier of a fitted law over its data ({@link #frontierOverData}) with a grey dashed
     * vertical line at the largest budget among the rows: left of it the law is read within its
     * data, right of it extrapolated.
     */
    public static Chart frontierOverDataChart(Fit fit, Dataset data) {
        Frontier f = frontierOverData(fit, data);
        double[] n = data.column("N");
        double[] d = data.column("D");
        double largest = 0;
        for (int i = 0; i < n.length; i++) {
            double c = 6 * n[i] * d[i];
            if (Double.isFinite(c)) {
                largest = Math.max(largest, c);
            }
        }
        double lo = f.rows().stream().mapToDouble(Allocation::parameterCount).min().orElse(Double.NaN);
        double hi = f.rows().stream().mapToDouble(Allocation::tokenCount).max().orElse(Double.NaN);
        Series end = new Series("end of data (largest C = " + AxisTicks.label(largest) + ")", new double[]{largest, largest},
                new double[]{lo, hi}, Mark.DASHED_LINE, 9, true);
        return frontier(f, List.of(end));
    }

    /** IsoFLOP profiles: runs as points, each parabola as a line, each minimum highlighted. */
    public static Chart isoFlop(List<IsoFlopProfile> profiles) {
        List<Series> lines = new ArrayList<>();
        List<Series> points = new ArrayList<>();
        double[] minN = new double[profiles.size()];
        double[] minLoss = new double[profiles.size()];
        for (int i = 0; i < profiles.size(); i++) {
            IsoFlopProfile p = profiles.get(i);
            // palette index 9 (grey) marks the minima; every budget gets a colour of its own
            int colour = i < 9 ? i : i + 1;
            points.add(Series.points(p.label(), p.parameterCount(), p.loss(), colour));
            lines.add(new Series("parabola " + p.label(), p.curveParameterCount(), p.curveLoss(), Mark.LINE, colour, false));
            minN[i] = p.optimalParameterCount();
            minLoss[i] = p.optimalLoss();
        }
        List<Series> all = new ArrayList<>(lines);
        all.addAll(points);
        all.add(new Series("minima", minN, minLoss, Mark.HIGHLIGHT, 9, true));
        return Chart.of("IsoFLOP profiles and their minima", Axis.log("parameters N"), Axis.linear("loss"), all);
    }

    /**
     * An IsoFLOP analysis as a two-panel figure: the runs of each compute group with its parabola
     * and minimum, and the minima used against compute with the fitted N_opt = k C^a and
     * D_opt = k' C^b. The arguments are the runs the analysis was given ({@link
     * dev.slaw.planning.IsoFlopAnalysis#analyse}); each run is drawn with the group of its label,
     * or else the group whose compute is nearest its own in log C.
     *
     * @param computeFlops C per run, or null to take it from the analysis's FLOP model
     * @param labels       IsoFLOP group per run, or null when runs were grouped by compute
     */
    public static Figure isoFlop(IsoFlopResult result, double[] parameterCount, double[] tokenCount,
                                 double[] computeFlops, double[] loss, String[] labels) {
        List<IsoFlopGroup> groups = result.groups();
        List<List<Integer>> members = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < parameterCount.length; i++) {
            double c = computeFlops != null ? computeFlops[i]
                    : result.options().flops().flops(parameterCount[i], tokenCount[i]);
            int best = -1;
            double distance = Double.POSITIVE_INFINITY;
            for (int g = 0; g < groups.size(); g++) {
                double dist = labels != null ? (labels[i] != null && labels[i].equals(groups.get(g).label()) ? 0
                        : Double.POSITIVE_INFINITY) : Math.abs(Math.log(c / groups.get(g).computeFlops()));
                if (dist < distance) {
                    distance = dist;
                    best = g;
                }
            }
            if (best >= 0) {
                members.get(best).add(i);
            }
        }
        List<IsoFlopProfile> profiles = new ArrayList<>();
        List<Double> usedC = new ArrayList<>();
        List<Double> usedN = new ArrayList<>();
        List<Double> usedD = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            IsoFlopGroup group = groups.get(g);
            double[] n = members.get(g).stream().mapToDouble(i -> parameterCount[i]).toArray();
            double[] l = members.get(g).stream().mapToDouble(i -> loss[i]).toArray();
            boolean used = group.status() == IsoFlopGroup.Status.USED;
            boolean hasParabola = group.curvature() > 0 && group.parameterCount() > 0;
            double[] curveN = new double[0];
            double[] curveLoss = new double[0];
            if (hasParabola && n.length > 0) {
                double lo = Math.min(min(n), group.parameterCount());
                double hi = Math.max(max(n), group.parameterCount());
                curveN = logGrid(lo, hi, CURVE_POINTS);
                curveLoss = new double[curveN.length];
                for (int k = 0; k < curveN.length; k++) {
                    // the fitted parabola in natural log N, written about its minimum
                    double u = Math.log(curveN[k] / group.parameterCount());
                    curveLoss[k] = group.loss() + group.curvature() * u * u;
                }
            }
            String label = group.label().isEmpty() ? AxisTicks.label(group.computeFlops()) + " FLOPs" : group.label();
            profiles.add(new IsoFlopProfile(used ? label : label + " (not used)", n, l, curveN, curveLoss,
                    used ? group.parameterCount() : Double.NaN, used ? group.loss() : Double.NaN));
            if (used) {
                usedC.add(group.computeFlops());
                usedN.add(group.parameterCount());
                usedD.add(group.tokenCount());
            }
        }
        Chart laws = powerLaws("IsoFLOP minima and the fitted power laws", result.parameters(),
                result.tokens(), toArray(usedC), toArray(usedN), toArray(usedD), "IsoFLOP minimum");
        if (!result.replicates().isEmpty()) {
            // the bootstrap the analysis ran: N_opt(C) and D_opt(C) of every resample, percentile bands
            double[] grid = laws.series().get(0).x();
            List<Allocation> at = java.util.Arrays.stream(grid).mapToObj(result::at).toList();
            String level = AxisTicks.label(100 * result.options().level()) + "% bootstrap interval of ";
            String resamples = " (" + result.replicates().size() + " resamples)";
            laws = laws.withBands(List.of(
                    new Band(level + "N_opt" + resamples, grid, intervalEnd(at, "parameterCount", true),
                            intervalEnd(at, "parameterCount", false), 0),
                    new Band(level + "D_opt" + resamples, grid, intervalEnd(at, "tokenCount", true),
                            intervalEnd(at, "tokenCount", false), 1)));
        }
        return Figure.of(isoFlop(profiles), laws);
    }

    /**
     * A loss envelope (Chinchilla's Approach 1) as a two-panel figure: every checkpoint's loss
     * against its compute with the least loss per compute bin marked, and the envelope's N and D
     * against compute with the fitted power laws.
     */
    public static Figure envelope(LossEnvelope.Result result, double[] computeFlops, double[] loss) {
        List<LossEnvelope.Point> points = result.points();
        double[] c = points.stream().mapToDouble(LossEnvelope.Point::computeFlops).toArray();
        Chart checkpoints = Chart.of("Loss envelope: least loss per compute bin (" + result.binsPerDecade()
                        + " bins per decade)", Axis.log(COMPUTE), Axis.linear("loss"),
                List.of(Series.points("checkpoints", computeFlops, loss, 9),
                        new Series("envelope", c, points.stream().mapToDouble(LossEnvelope.Point::loss).toArray(),
                                Mark.LINE_AND_POINTS, 2, true)));
        return Figure.of(checkpoints, powerLaws("Envelope points and the fitted power laws", result.parameters(),
                result.tokens(), c, points.stream().mapToDouble(LossEnvelope.Point::parameterCount).toArray(),
                points.stream().mapToDouble(LossEnvelope.Point::tokenCount).toArray(), "envelope"));
    }

    /** Observed compute-optimal N and D against C with the power laws fitted to them. */
    private static Chart powerLaws(String title, PowerLaw parameters, PowerLaw tokens, double[] c, double[] n,
                                   double[] d, String observed) {
        // a third of a decade beyond the points either way, so the lines are seen to pass through them
        double[] grid = logGrid(min(c) / 2, max(c) * 2, CURVE_POINTS);
        double[] lineN = new double[grid.length];
        double[] lineD = new double[grid.length];
        for (int k = 0; k < grid.length; k++) {
            lineN[k] = parameters.at(grid[k]);
            lineD[k] = tokens.at(grid[k]);
        }
        List<Series> s = List.of(
                Series.line("N_opt = " + powerLaw(parameters), grid, lineN, 0),
                Series.line("D_opt = " + powerLaw(tokens), grid, lineD, 1),
                Series.points(observed + " N", c, n, 0),
                Series.points(observed + " D", c, d, 1));
        return Chart.of(title, Axis.log(COMPUTE), Axis.log("parameters N, tokens D"), s);
    }

    private static String powerLaw(PowerLaw p) {
        return AxisTicks.label(p.coefficient()) + " C^" + String.format(Locale.ROOT, "%.3f", p.exponent());
    }

    private static double[] intervalEnd(List<Allocation> rows, String quantity, boolean lower) {
        return rows.stream().mapToDouble(a -> a.intervals().of(quantity)
                .map(iv -> lower ? iv.lower() : iv.upper()).orElse(Double.NaN)).toArray();
    }

    /** A quantity's bootstrap interval along the frontier, when every row carries one. */
    private static Optional<Band> band(Frontier f, String quantity, int colour) {
        List<Allocation> rows = f.rows();
        double[] c = new double[rows.size()];
        double[] lo = new double[rows.size()];
        double[] hi = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Optional<Interval> iv = rows.get(i).intervals().of(quantity);
            if (iv.isEmpty()) {
                return Optional.empty();
            }
            c[i] = rows.get(i).computeFlops();
            lo[i] = iv.get().lower();
            hi[i] = iv.get().upper();
        }
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        String level = AxisTicks.label(rows.get(0).intervals().of(quantity).get().level() * 100)
                + "% bootstrap interval of ";
        String name = switch (quantity) {
            case "parameterCount" -> "N";
            case "tokenCount" -> "D";
            default -> quantity;
        };
        return Optional.of(new Band(level + name + " (" + rows.get(0).intervals().replicates() + " replicates)", c, lo,
                hi, colour));
    }

    private static double[] column(Frontier f, java.util.function.ToDoubleFunction<Allocation> value) {
        return f.rows().stream().mapToDouble(value).toArray();
    }

    private static double[] logGrid(double lo, double hi, int count) {
        double[] g = new double[count];
        for (int k = 0; k < count; k++) {
            g[k] = Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * k / (count - 1));
        }
        return g;
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    private static double[] toArray(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
