package dev.slaw.curve;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.AdamW;
import dev.slaw.fit.Convergence;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.Fitter;
import dev.slaw.fit.GaussNewton;
import dev.slaw.fit.StartSummary;
import dev.slaw.fit.Screening;
import dev.slaw.fit.Starts;
import dev.slaw.law.FormulaLaw;
import dev.slaw.law.Parameter;
import dev.slaw.law.Target;
import dev.slaw.schedule.ScheduleProfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a loss-curve law is fitted: a choice of starts and local optimiser for {@link Fitter},
 * which minimises the sum over rows of {@code Huber_delta(log y - log f)} (both papers use
 * {@code delta = 1e-3}, the default objective) and gives the curve fit what every fit has:
 * standard errors, provenance and a fingerprint of the rows.
 */
public enum CurveProtocol {
    /**
     * Minimise the objective to convergence by iteratively reweighted Gauss-Newton
     * ({@link GaussNewton}), from the
     * multi-power authors' warm start (multi-power law only) and the law's default starts; keep
     * the lowest objective.
     */
    CONVERGED("converged"),
    /**
     * The multi-power law authors' procedure (Luo et al. 2025, reference code): fit
     * {@code L0 + A S^-alpha - B (eta_max - eta_t)} by Huber from a 135-point grid, start
     * {@code C, beta, gamma} at 1, 0.5, 0.5, then take at most 200 AdamW steps (learning rate
     * 5e-2 for L0, A, B, C and 5e-3 for the exponents, weight decay 0.01) with patience 20,
     * keeping the best iterate, on the parameters themselves (no bounds, no log coordinates). It
     * stops well short of the Huber minimum; it is what the published parameters come from.
     */
    LUO_2025("luo-2025");

    /** Gauss-Newton, at most 500 iterations per start. */
    private static final GaussNewton GAUSS_NEWTON = new GaussNewton(500);

    /** Most rows the warm start is fitted on; longer data are thinned evenly. */
    static final int WARM_START_ROWS = 4096;

    /**
     * Most rows the converged protocol runs its starts on; longer data (runs logged at every
     * step) run them on every k-th row of each run, and the best end point is refined on all rows.
     */
    static final int START_ROWS = 8192;

    /** Gauss-Newton iterations of that refinement: it starts at the optimum of a sample of the same curves. */
    private static final GaussNewton REFINE = new GaussNewton(3, true);

    /** How Fitter's doubts about the starts begin (its refinement has one start by design). */
    private static final String SINGLE_START = "fitted from a single start";
    private static final String FRAGILE_OPTIMUM = "only one of ";
    private static final String NOT_CONVERGED = "the best start stopped without converging: ";

    private static final double[] LUO_LEARNING_RATES = {5e-2, 5e-2, 5e-3, 5e-2, 5e-2, 5e-3, 5e-3};

    private final String label;

    CurveProtocol(String label) {
        this.label = label;
    }

    /** The name on the command line and in provenance: converged, luo-2025. */
    public String label() {
        return label;
    }

    /** The protocol a command-line name stands for. */
    public static CurveProtocol parse(String text) {
        for (CurveProtocol p : values()) {
            if (p.label.equals(text.strip().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new BadInputException("--protocol: unknown protocol '" + text + "' (known: converged, luo-2025)");
    }

    /**
     * Fits {@code law} to the rows of {@code data} at or after {@code firstStep}, column
     * {@code lossColumn} holding the loss, under this protocol; {@code base} gives the objective,
     * threads and seed (starts and optimiser are the protocol's).
     *
     * @throws BadInputException for a missing or non-positive loss, or rows the law cannot read
     * @throws dev.slaw.fit.FitFailedException when no start reaches a finite objective
     */
    public Fit fit(CurveLaw law, Dataset data, String lossColumn, int firstStep, FitOptions base) {
        if (firstStep < 0) {
            throw new BadInputException("first step must be >= 0, got " + firstStep);
        }
        // the protocol thins long runs itself (every k-th step of each run, then a refinement on
        // all rows); Fitter's screening of large tables would thin them a second time
        base = base.withScreening(Screening.NEVER);
        List<String> notes = new ArrayList<>(base.notes());
        notes.add("protocol " + label);
        Dataset rows = keptRows(law, data, firstStep, notes);
        if (!rows.hasColumn(lossColumn)) {
            throw new BadInputException(rows.source() + ": no loss column '" + lossColumn + "' (columns: "
                    + String.join(", ", rows.columnNames()) + ")");
        }
        if (law.target() == Target.LOG) {
            // checked here too so that the message fits the curve command (no --plain-target there)
            double[] y = rows.column(lossColumn);
            for (int i = 0; i < y.length; i++) {
                if (!(y[i] > 0) || !Double.isFinite(y[i])) {
                    throw new BadInputException(rows.source() + ": row " + rows.rowNumber(i) + ", column \""
                            + lossColumn + "\": " + y[i] + " is not a positive loss (residuals are taken on log loss)");
                }
            }
        }
        List<Map<String, Double>> starts = new ArrayList<>();
        if (this == LUO_2025) {
            if (!(law instanceof MultiPowerLaw)) {
                throw new BadInputException("the " + label + " protocol fits the multi-power law only, not "
                        + law.name());
            }
            starts.add(warmStart(law, rows, lossColumn, base, notes));
            List<Parameter> free = law.parameters().stream().map(p -> Parameter.free(p.name())).toList();
            return Fitter.fit(law.withParameters(free), rows, lossColumn, options(base).withStarts(Starts.at(starts))
                    .withNotes(notes));
        }
        if (law instanceof MultiPowerLaw) {
            starts.add(warmStart(law, rows, lossColumn, base, notes));
        }
        starts.addAll(gridPoints(law));
        Dataset sample = everyKthOfEachRun(law, rows, START_ROWS);
        if (sample == rows) {
            return Fitter.fit(law, rows, lossColumn, options(base).withStarts(Starts.at(starts)).withNotes(notes));
        }
        // On runs logged at every step an evaluation costs seconds and the starts need hundreds:
        // run them on a sample of each run's rows, then refine the best on all of them.
        Fit sampled = Fitter.fit(law, sample, lossColumn, options(base).withStarts(Starts.at(starts)));
        notes.add(String.format(Locale.ROOT, "%d starts run on %d of %d rows (every %d-th row of each run, and its"
                + " last), objective %.10g there; the best refined on all rows by at most %d Gauss-Newton iterations",
                starts.size(), sample.rowCount(), rows.rowCount(), (rows.rowCount() + START_ROWS - 1) / START_ROWS,
                sampled.objectiveValue(), REFINE.maxIterations()));
        Fit refined = Fitter.fit(law, rows, lossColumn, base.withOptimizer(REFINE)
                .withStarts(Starts.at(List.of(sampled.valueMap()))).withNotes(notes));
        return asOneFit(sampled, refined, sample.rowCount());
    }

    /**
     * The refined fit, its starts and their doubts those of the sampled stage: the refinement's
     * single start is the sample's best, not a lone guess, and its short budget is by design.
     */
    private static Fit asOneFit(Fit sampled, Fit refined, int sampleRows) {
        StartSummary s = sampled.starts();
        StartSummary starts = new StartSummary(s.description() + ", on " + sampleRows + " sampled rows", s.total(),
                s.converged(), s.reachedBest(), s.failed(), s.bestStart(), s.stopReasons());
        Convergence r = refined.convergence();
        Convergence convergence = new Convergence(r.converged(), "the sample's best refined on all rows: " + r.reason(), r.iterations(),
                r.evaluations(), sampled.convergence().totalEvaluations() + r.totalEvaluations());
        List<String> warnings = new ArrayList<>();
        for (String w : refined.warnings()) {
            if (w.startsWith(NOT_CONVERGED)) {
                warnings.add("the refinement on all rows did not converge: " + w.substring(NOT_CONVERGED.length()));
            } else if (!w.startsWith(SINGLE_START)) {
                warnings.add(w);
            }
        }
        for (String w : sampled.warnings()) {
            if (w.startsWith(FRAGILE_OPTIMUM)) {
                warnings.add("on the sampled rows, " + w);
            }
        }
        return new Fit(refined.law(), refined.target(), refined.parameters(), refined.covariance(),
                refined.covarianceMethod(), refined.objectiveValue(), refined.objective(), convergence, starts,
                refined.statistics(), refined.provenance(), warnings);
    }

    /**
     * {@code rows} itself if it has at most {@code most} rows; else every k-th row of each run
     * (in the order of the data) and each run's last row, k the smallest that keeps at most
     * about {@code most}.
     */
    private static Dataset everyKthOfEachRun(CurveLaw law, Dataset rows, int most) {
        int n = rows.rowCount();
        if (n <= most) {
            return rows;
        }
        int every = (n + most - 1) / most;
        boolean[] keep = new boolean[n];
        for (CurveRows.Run run : CurveRows.bind(rows, law.schedules(), law.runColumn(), law.stepColumn(), law.name())) {
            int[] runRows = run.rows();
            for (int j = 0; j < runRows.length; j++) {
                keep[runRows[j]] = j % every == 0 || j == runRows.length - 1;
            }
        }
        return rows.filter(keep);
    }

    /**
     * {@code base} with this protocol's local optimiser: what a refit of a curve fit made under
     * this protocol uses (a bootstrap replicate, a held-out validation).
     */
    public FitOptions options(FitOptions base) {
        return base.withOptimizer(this == LUO_2025 ? new AdamW(LUO_LEARNING_RATES, 0.01, 200, 20) : GAUSS_NEWTON)
                .withScreening(Screening.NEVER);
    }

    private static Dataset keptRows(CurveLaw law, Dataset data, int firstStep, List<String> notes) {
        if (!data.hasColumn(law.stepColumn())) {
            throw new BadInputException(data.source() + ": no step column '" + law.stepColumn() + "' (columns: "
                    + String.join(", ", data.columnNames()) + ")");
        }
        if (firstStep == 0) {
            return data;
        }
        double[] steps = data.column(law.stepColumn());
        boolean[] keep = new boolean[steps.length];
        int dropped = 0;
        for (int i = 0; i < steps.length; i++) {
            keep[i] = steps[i] >= firstStep;
            dropped += keep[i] ? 0 : 1;
        }
        notes.add(dropped + " rows before step " + firstStep + " left out");
        Dataset kept = data.filter(keep);
        if (kept.rowCount() == 0) {
            throw new BadInputException(data.source() + ": no rows at or after step " + firstStep);
        }
        return kept;
    }

    /** Every point of the law's default start grid, by parameter name. */
    private static List<Map<String, Double>> gridPoints(CurveLaw law) {
        List<Map<String, Double>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Parameter p : law.parameters()) {
            List<Double> values = p.isFixed() ? List.of(p.fixed().getAsDouble())
                    : law.metadata().startGrid().getOrDefault(p.name(), List.of(1.0));
            List<Map<String, Double>> next = new ArrayList<>();
            for (Map<String, Double> partial : out) {
                for (double v : values) {
                    Map<String, Double> point = new LinkedHashMap<>(partial);
                    point.put(p.name(), v);
                    next.add(point);
                }
            }
            out = next;
        }
        return out;
    }

    /**
     * The warm start of the multi-power authors: {@code L0 + A S(t)^-alpha - B (eta_max - eta_t)}
     * fitted by Huber from a grid of 5 x 3 x 3 x 3 starts around a log-log regression of
     * {@code loss - min + 0.01} on {@code S(t)}, parameters kept >= 0; {@code C, beta, gamma} at
     * 1, 0.5, 0.5.
     */
    private static Map<String, Double> warmStart(CurveLaw law, Dataset rows, String lossColumn, FitOptions base,
                                                 List<String> notes) {
        int n = rows.rowCount();
        double[] sum = new double[n];
        double[] belowPeak = new double[n];
        for (CurveRows.Run run : CurveRows.bind(rows, law.schedules(), law.runColumn(), law.stepColumn(), law.name())) {
            ScheduleProfile p = run.profile();
            double peak = 0;
            for (double r : p.rates()) {
                peak = Math.max(peak, r);
            }
            for (int j = 0; j < run.rows().length; j++) {
                sum[run.rows()[j]] = p.cumulative(run.steps()[j]);
                belowPeak[run.rows()[j]] = peak - p.rate(run.steps()[j]);
            }
        }
        double[] y = rows.column(lossColumn);
        double min = java.util.Arrays.stream(y).min().orElseThrow();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            double lx = Math.log(sum[i]);
            double ly = Math.log(y[i] - min + 0.01);
            sx += lx;
            sy += ly;
            sxx += lx * lx;
            sxy += lx * ly;
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        double intercept = (sy - slope * sx) / n;
        List<Map<String, Double>> grid = new ArrayList<>();
        for (double l0 : spaced(min - 0.2, min + 0.2, 5)) {
            for (double a : spaced(Math.exp(intercept) - 0.1, Math.exp(intercept) + 0.1, 3)) {
                for (double alpha : spaced(-slope - 0.1, -slope + 0.1, 3)) {
                    for (double b : spaced(100, 1000, 3)) {
                        grid.add(Map.of("L0", l0, "A", a, "alpha", alpha, "B", b));
                    }
                }
            }
        }
        Map<String, double[]> columns = new LinkedHashMap<>();
        columns.put("S", sum);
        columns.put("D", belowPeak);
        columns.put(lossColumn, y);
        Dataset simple = new Dataset(rows.source(), columns, Map.of(), rowNumbers(rows));
        // only a start: on long runs every k-th row fits it as well, and 135 starts over
        // hundreds of thousands of rows took most of the fit's time
        int every = (n + WARM_START_ROWS - 1) / WARM_START_ROWS;
        if (every > 1) {
            simple = simple.select(java.util.stream.IntStream.range(0, n).filter(i -> i % every == 0).toArray());
            notes.add("warm start fitted on " + simple.rowCount() + " of " + n + " rows (one in " + every + ")");
        }
        List<Parameter> nonNegative = List.of("L0", "A", "alpha", "B").stream()
                .map(name -> Parameter.bounded(name, 0, Double.POSITIVE_INFINITY)).toList();
        dev.slaw.law.Law fourParameters = FormulaLaw.fromFormula("L0 + A * S^(-alpha) - B * D", List.of("S", "D"))
                .withName("multi-power warm start").withParameters(nonNegative).withTarget(Target.LOG);
        Fit warm = Fitter.fit(fourParameters, simple, lossColumn, base.withStarts(Starts.at(grid))
                .withOptimizer(GAUSS_NEWTON));
        Map<String, Double> start = new LinkedHashMap<>(warm.valueMap());
        notes.add(String.format(Locale.ROOT, "warm start L0 + A S^-alpha - B (eta_max - eta_t): L0 = %.6g,"
                + " A = %.6g, alpha = %.6g, B = %.6g (%d starts)", start.get("L0"), start.get("A"),
                start.get("alpha"), start.get("B"), grid.size()));
        start.put("C", 1.0);
        start.put("beta", 0.5);
        start.put("gamma", 0.5);
        return start;
    }

    private static int[] rowNumbers(Dataset rows) {
        int[] out = new int[rows.rowCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.rowNumber(i);
        }
        return out;
    }

    private static double[] spaced(double from, double to, int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = from + (to - from) * i / (count - 1);
        }
        return out;
    }
}
