package dev.slaw.fit;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.data.RowSample;
import dev.slaw.law.Law;
import dev.slaw.law.Parameter;
import dev.slaw.law.Target;
import dev.slaw.optim.Bounds;
import dev.slaw.optim.OptimizationResult;
import dev.slaw.optim.ResidualFunction;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fits a law to a dataset: validates the rows, runs the local optimiser from every start in
 * parallel, keeps the lowest objective (the lowest start index on ties, so the answer does not
 * depend on the number of threads), and builds the {@link Fit}.
 */
public final class Fitter {
    /**
     * A positive parameter this far below its start has run towards 0, which its log-scale
     * optimisation never reaches (a rate 1e-8 of its start is still a rate).
     */
    static final double VANISHED = 1e-30;

    /** Starts within this relative distance of the best objective "reached the best". */
    static final double SAME_OPTIMUM = 1e-6;

    private Fitter() {
    }

    /**
     * Fits {@code law} to {@code data}, predicting column {@code target}.
     *
     * @throws BadInputException  for unusable data (missing column, non-finite or non-positive
     *                            target under a log, fewer rows than free parameters)
     * @throws FitFailedException when no start reaches a finite objective
     */
    public static Fit fit(Law law, Dataset data, String target, FitOptions options) {
        long t0 = System.nanoTime();
        // a per-level parameter u[family] becomes one parameter per family of these rows
        law = dev.slaw.law.LevelLaw.bind(law, data);
        Prepared prep = prepare(law, data, target, options.objective());
        Parametrization map = prep.problem.parametrization();
        Starts.Points points = options.starts().points(law, map, data, data.column(target), options.threads());
        List<double[]> starts = points.list();
        if (starts.isEmpty()) {
            throw new BadInputException("no start points");
        }
        Bounds bounds = map.bounds();
        if (options.screening().applies(data.rowCount(), starts.size())) {
            return screened(law, data, target, options, prep, starts, t0);
        }
        if (RacedStarts.applies(options, starts.size())) {
            RacedStarts.Outcome race = RacedStarts.race(law, data, data.column(target), prep.problem, points, options);
            if (race.decided()) {
                return summarise(law, data, target, options, prep, race.candidates(), race.results(), race.origin(),
                        race.results(), race.description(),
                        prov -> prov.withRace(race.results().length, race.agreed()), t0);
            }
            if (race.everyStart()) {
                // the race ran the grid itself: its fit is the one every start gives
                OptimizationResult[] results = race.inStartOrder();
                int[] origin = java.util.stream.IntStream.range(0, starts.size()).toArray();
                return summarise(law, data, target, options, prep, starts, results, origin, results, "", prov -> prov, t0);
            }
            // the race did not decide: the grid's own starts race on, with the race's results kept
            // beside theirs, since a raced start can find a lower optimum than any of the grid's (Pythia LAMBADA)
            RacedStarts.Outcome grid = RacedStarts.raceTheGrid(prep.problem, starts, race, options);
            return summarise(law, data, target, options, prep, grid.candidates(), grid.results(), grid.origin(),
                    grid.results(), grid.description(),
                    prov -> grid.decided() ? prov.withRace(grid.results().length, grid.agreed()) : prov, t0);
        }
        OptimizationResult[] results = runStarts(prep.problem, starts, bounds, options);
        int[] origin = java.util.stream.IntStream.range(0, starts.size()).toArray();
        return summarise(law, data, target, options, prep, starts, results, origin, results, "", prov -> prov, t0);
    }

    /**
     * The fit of a large table ({@link Screening}): every start on a sample of the rows, then
     * the starts of the best few distinct optima of that screen run again on every row.
     */
    private static Fit screened(Law law, Dataset data, String target, FitOptions options, Prepared prep,
                                List<double[]> starts, long t0) {
        Screening screening = options.screening();
        List<String> columns = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (String c : Provenance.columnsUsed(law, target, options.objective())) {
            if (data.hasColumn(c) && !columns.contains(c)) {
                columns.add(c);
                values.add(data.column(c));
            }
        }
        int[] all = java.util.stream.IntStream.range(0, data.rowCount()).toArray();
        int[] kept = RowSample.extremes(all, values.toArray(new double[0][]));
        Dataset sample = data.select(RowSample.indices(
                RowSample.choose(data.rowCount(), screening.sampleRows(), kept, options.seed())));
        Bounds bounds = prep.problem.parametrization().bounds();
        LocalSearch ranking = new LocalSearch(options, prep.problem);
        OptimizationResult[] screen = runStarts(prepare(law, sample, target, options.objective()).problem, starts,
                bounds, options);

        // the starts of the best distinct optima, lowest objective first (lowest start index on ties)
        Integer[] order = new Integer[screen.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingDouble((Integer i) -> ranking.objective(screen[i]))
                .thenComparingInt(i -> i));
        List<Integer> chosen = new ArrayList<>();
        List<double[]> points = new ArrayList<>();
        double last = Double.NaN;
        for (int i : order) {
            double v = ranking.objective(screen[i]);
            if (chosen.size() == screening.refined() || !Double.isFinite(v)) {
                break;
            }
            if (chosen.isEmpty() || v > last + SAME_OPTIMUM * Math.abs(last) + 1e-300) {
                chosen.add(i);
                // the start itself, not where it ended on the sample: a valley the sample admits
                // (E near 0) can hold a start that the whole table leads to the optimum
                points.add(starts.get(i));
                last = v;
            }
        }
        if (chosen.isEmpty()) {
            // nothing to refine: the fit fails as an unscreened one would, naming a bad row if there is one
            int[] origin = java.util.stream.IntStream.range(0, starts.size()).toArray();
            return summarise(law, data, target, options, prep, starts, screen, origin, screen, "", prov -> prov, t0);
        }
        OptimizationResult[] refined = runStarts(prep.problem, points, bounds, options);
        String note = screening.describe(data.rowCount(), chosen.size(), String.join(", ", columns));
        String described = options.starts().describe() + "; " + note;
        return summarise(law, data, target, options, prep, starts, refined,
                chosen.stream().mapToInt(Integer::intValue).toArray(), screen, note,
                prov -> prov.withScreening(described, screening.sampleRows(), refined.length), t0);
    }

    /** Everything checked and computed once before the starts run. */
    record Prepared(FitProblem problem, double[] y, double[] weights) {
    }

    static Prepared prepare(Law law, Dataset data, String target, Objective objective) {
        if (!data.hasColumn(target)) {
            throw new BadInputException(data.source() + ": no target column '" + target + "' (columns: "
                    + String.join(", ", data.columnNames()) + ")");
        }
        if (law.variables().contains(target)) {
            throw new BadInputException("law " + law.name() + " reads the target column '" + target
                    + "' on its right-hand side: it would predict " + target + " from itself");
        }
        double[] raw = data.column(target);
        boolean log = law.target() == Target.LOG;
        double[] y = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            double v = raw[i];
            if (!Double.isFinite(v)) {
                throw new BadInputException(data.source() + ": row " + data.rowNumber(i) + ", column \"" + target
                        + "\": " + v + " is not a finite number");
            }
            if (log && !(v > 0)) {
                throw new BadInputException(data.source() + ": row " + data.rowNumber(i) + ", column \"" + target
                        + "\": " + v + " is not positive, but law " + law.name()
                        + " is fitted on log targets (use --plain-target to fit y itself)");
            }
            y[i] = log ? Math.log(v) : v;
        }
        double[] w = null;
        if (objective.weightColumn() != null) {
            if (!data.hasColumn(objective.weightColumn())) {
                throw new BadInputException(data.source() + ": no weight column '" + objective.weightColumn() + "'");
            }
            w = data.column(objective.weightColumn());
            for (int i = 0; i < w.length; i++) {
                if (!Double.isFinite(w[i]) || w[i] < 0) {
                    throw new BadInputException(data.source() + ": row " + data.rowNumber(i) + ", column \""
                            + objective.weightColumn() + "\": weight " + w[i] + " is not a finite non-negative number");
                }
            }
        }
        Parametrization map = new Parametrization(law.parameters());
        if (map.freeCount() == 0) {
            throw new BadInputException("law " + law.name() + " has no free parameters to fit");
        }
        if (data.rowCount() < map.freeCount()) {
            throw new BadInputException(data.source() + ": need at least " + map.freeCount() + " rows to fit "
                    + map.freeCount() + " free parameters of " + law.name() + ", got " + data.rowCount());
        }
        // binding checks the law's variables (missing column, non-finite cell) once, here
        // (and its evaluator is the problem's: binding a loss-curve law costs tens of milliseconds)
        FitProblem problem = new FitProblem(law, () -> law.evaluator(data), law.evaluator(data), map, objective, y, w);
        return new Prepared(problem, y, w);
    }

    static OptimizationResult[] runStarts(FitProblem proto, List<double[]> starts, Bounds bounds, FitOptions options) {
        OptimizationResult[] results = new OptimizationResult[starts.size()];
        LocalSearch.check(options);
        // the first worker borrows the prototype's evaluator: the prototype is idle until all return
        java.util.concurrent.atomic.AtomicBoolean lent = new java.util.concurrent.atomic.AtomicBoolean();
        Workers.forEachIndex(starts.size(), options.threads(), "slaw-fit-",
                () -> new LocalSearch(options, lent.compareAndSet(false, true) ? proto.copySharingEvaluator() : proto.copy()),
                (search, i) -> results[i] = search.minimize(starts.get(i), bounds));
        return results;
    }

    /** Weighted residuals sqrt(w) r for least squares. */
    static final class WeightedResiduals implements ResidualFunction {
        private final FitProblem problem;

        WeightedResiduals(FitProblem problem) {
            this.problem = problem;
        }

        @Override
        public int residualCount() {
            return problem.rows();
        }

        @Override
        public void residualsAndJacobian(double[] x, double[] residuals, double[][] jacobianOrNull) {
            double[] predictions = new double[residuals.length];
            problem.rowTerms(x, residuals, predictions, null);
            double[] w = problem.weights();
            if (w != null) {
                for (int i = 0; i < residuals.length; i++) {
                    residuals[i] *= Math.sqrt(w[i]);
                }
            }
            if (jacobianOrNull != null) {
                double[][] j = problem.residualJacobian(x);
                for (int i = 0; i < j.length; i++) {
                    double s = w == null ? 1 : Math.sqrt(w[i]);
                    for (int k = 0; k < j[i].length; k++) {
                        jacobianOrNull[i][k] = s * j[i][k];
                    }
                }
            }
        }
    }

    /**
     * When no start reached a finite objective, names a data row where the law is not finite for
     * many parameter values where the other rows are (N = 0 under N^-alpha): that is bad data,
     * not a failed fit.
     */
    private static void rowOutsideDomain(Law law, Dataset data, Parametrization map, OptimizationResult[] results) {
        int rows = data.rowCount();
        int[] nonFinite = new int[rows];
        double[] values = new double[rows];
        dev.slaw.law.LawEvaluator evaluator = law.evaluator(data);
        // the end points, which may all be non-finite (starts solved from the data inherit its
        // infinities), and probes spread over the bounds in the optimiser's coordinates
        List<double[]> points = new ArrayList<>();
        for (OptimizationResult r : results) {
            if (r != null && r.point() != null && points.size() < 10) {
                points.add(r.point());
            }
        }
        Bounds bounds = map.bounds();
        java.util.SplittableRandom random = new java.util.SplittableRandom(0);
        for (int k = 0; k < 16; k++) {
            double[] u = new double[bounds.dimension()];
            for (int j = 0; j < u.length; j++) {
                double lo = Math.max(bounds.lower(j), -3);
                double hi = Math.min(bounds.upper(j), lo + 6);
                u[j] = lo + (hi - lo) * random.nextDouble();
            }
            points.add(u);
        }
        int examined = points.size();
        for (double[] u : points) {
            evaluator.evaluate(map.toParameters(u), values, null);
            for (int i = 0; i < rows; i++) {
                if (!Double.isFinite(values[i])) {
                    nonFinite[i]++;
                }
            }
        }
        // a row the law is not finite at far more often than at the typical row (N = 0 under
        // N^-alpha fails at every positive alpha; a start that fails everywhere says nothing)
        int[] sorted = nonFinite.clone();
        java.util.Arrays.sort(sorted);
        int typical = sorted[rows / 2];
        boolean[] bad = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            bad[i] = nonFinite[i] >= Math.max(2, examined / 8) && nonFinite[i] > 2 * typical;
        }
        for (int i = 0; examined > 0 && i < rows; i++) {
            if (bad[i]) {
                StringBuilder point = new StringBuilder();
                for (String v : law.variables()) {
                    if (data.hasColumn(v)) {
                        point.append(point.length() == 0 ? "" : ", ").append(v).append(" = ").append(data.column(v)[i]);
                    }
                }
                throw new BadInputException(data.source() + ": row " + data.rowNumber(i) + " (" + point + ") is outside"
                        + " the domain of law " + law.name() + ": it is not finite there for many parameters tried;"
                        + " remove the row or filter it out (--where)");
            }
        }
    }

    /**
     * The fit from the local optimisations {@code results}, result i having begun at start
     * {@code origin[i]}, with the starts' statistics (converged, reached the best, stop reasons)
     * taken over {@code screen}: the results themselves, or on a large table every start's run
     * on the sample. {@code how} (empty for every start run) says how the starts were screened or
     * raced, and {@code recorded} adds that to the provenance.
     */
    private static Fit summarise(Law law, Dataset data, String target, FitOptions options, Prepared prep,
                                 List<double[]> starts, OptimizationResult[] results, int[] origin,
                                 OptimizationResult[] screen, String how,
                                 java.util.function.UnaryOperator<Provenance> recorded, long t0) {
        FitProblem problem = prep.problem; // the starts are done: their prototype is free
        Parametrization map = problem.parametrization();
        LocalSearch search = new LocalSearch(options, problem);
        int best = -1;
        double bestValue = Double.POSITIVE_INFINITY;
        long totalEvaluations = 0;
        for (int i = 0; i < results.length; i++) {
            OptimizationResult r = results[i];
            totalEvaluations += r.evaluations();
            double v = search.objective(r);
            if (Double.isFinite(v) && v < bestValue) {
                bestValue = v;
                best = i;
            }
        }
        Map<String, Integer> reasons = new TreeMap<>();
        int converged = 0;
        double screenBest = Double.POSITIVE_INFINITY;
        // a start already at the rounding floor (a law that reproduces the rows, as a projected
        // start can on flat data) ends with a failed line search: no step can lower it, which is
        // convergence, not failure
        double exact = problem.roundingFloor();
        for (OptimizationResult r : screen) {
            if (screen != results) {
                totalEvaluations += r.evaluations();
            }
            double v = search.objective(r);
            boolean atFloor = !r.converged() && v <= exact && screen == results;
            reasons.merge(atFloor ? "exact_to_rounding" : r.status().name().toLowerCase(java.util.Locale.ROOT), 1,
                    Integer::sum);
            if (r.converged() || atFloor) {
                converged++;
            }
            if (Double.isFinite(v) && v < screenBest) {
                screenBest = v;
            }
        }
        if (best < 0) {
            rowOutsideDomain(law, data, map, results);
            throw new FitFailedException("no start of " + starts.size() + " reached a finite objective within the bounds for law "
                    + law.name() + " (stop reasons: " + reasons + ")");
        }
        int reached = 0;
        for (OptimizationResult r : screen) {
            double v = search.objective(r);
            if (v <= screenBest + SAME_OPTIMUM * Math.abs(screenBest) + 1e-300) {
                reached++;
            }
        }
        OptimizationResult winner = results[best];
        boolean winnerExact = bestValue <= exact;
        boolean winnerConverged = winner.converged() || winnerExact;
        String winnerMessage = winner.converged() || !winnerExact ? winner.message()
                : "the law reproduces every row to rounding (objective " + dev.slaw.law.Numbers.compact(bestValue)
                + "): no step can lower it";
        double[] u = winner.point();
        double objectiveValue = objectiveAt(problem, u);
        double[] p = map.toParameters(u);
        int n = prep.y.length;
        int k = map.freeCount();

        double[] residuals = new double[n];
        double[] predictions = new double[n];
        double[][] scores = new double[n][k];
        problem.rowTerms(u, residuals, predictions, scores);
        FitStatistics stats = statistics(law, data.column(target), prep.y, residuals, predictions, k);

        List<String> warnings = new ArrayList<>();
        Covariance cov = undetermined(covariance(problem, options.objective(), u, residuals, scores, prep.weights),
                law.parameters(), map);
        if (cov.matrix == null) {
            // a fit without standard errors must say so, not only print "+/- ?"
            warnings.add((cov.why.startsWith(UNDETERMINED) ? "standard errors withheld: " : "no standard errors: ")
                    + cov.why);
        }
        double[][] pj = map.parameterJacobian(u);
        double[][] covP = null;
        if (cov.matrix != null) {
            covP = new double[k][k];
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    covP[a][b] = cov.matrix[a][b] * pj[map.freeParameter(a)][a] * pj[map.freeParameter(b)][b];
                }
            }
        }
        List<FittedParameter> fitted = new ArrayList<>();
        List<Parameter> ps = law.parameters();
        double[] startPoint = starts.get(origin[best]);
        for (int i = 0; i < ps.size(); i++) {
            Parameter d = ps.get(i);
            FittedParameter.State state = d.isFixed() ? FittedParameter.State.FIXED
                    : d.isTied() ? FittedParameter.State.TIED : FittedParameter.State.FREE;
            double se = Double.NaN;
            String note = "";
            if (state == FittedParameter.State.FIXED) {
                note = "fixed";
            } else if (cov.matrix == null) {
                note = cov.why;
            } else {
                double var = 0;
                for (int a = 0; a < k; a++) {
                    for (int b = 0; b < k; b++) {
                        var += pj[i][a] * cov.matrix[a][b] * pj[i][b];
                    }
                }
                se = var >= 0 ? Math.sqrt(var) : Double.NaN;
                if (!(var >= 0)) {
                    note = "negative variance";
                }
            }
            double start = Double.NaN;
            for (int s = 0; s < k; s++) {
                if (map.freeParameter(s) == i) {
                    start = d.transform().fromOptimizer(startPoint[s]);
                }
            }
            FittedParameter fp = new FittedParameter(d.name(), p[i], se, note, state, d.tie(), d.lower(), d.upper(),
                    start);
            if (fp.atBound()) {
                fp = new FittedParameter(d.name(), p[i], Double.NaN, "at a bound", state, d.tie(), d.lower(),
                        d.upper(), start);
                warnings.add(d.name() + " = " + p[i] + " sits on its bound " + d.boundsText()
                        + ": the data push it there");
            } else if (state == FittedParameter.State.FREE && d.lower() == 0 && p[i] > 0 && start > 0
                    && p[i] < VANISHED * start) {
                // a positive parameter optimised on its log never reaches 0, it runs towards it
                warnings.add(d.name() + " = " + dev.slaw.law.Numbers.compact(p[i]) + " has run to its bound 0 (it started at "
                        + dev.slaw.law.Numbers.compact(start) + "): the data push its term out of the law");
            }
            fitted.add(fp);
        }
        List<String> negative = fitted.stream().filter(f -> f.note().equals("negative variance"))
                .map(FittedParameter::name).toList();
        if (!negative.isEmpty()) {
            // "+/- ?" alone is easy to miss: a near-singular covariance means the data do not pin these down
            warnings.add("no standard error for " + (negative.size() <= 3 ? String.join(", ", negative)
                    : String.join(", ", negative.subList(0, 3)) + " and " + (negative.size() - 3) + " more")
                    + ": negative variance, the covariance is near-singular and the data may not identify them"
                    + " (two terms that trade a constant, such as per-level parameters over two columns)");
        }
        String weak = weaklyDetermined(fitted);
        if (!weak.isEmpty()) {
            warnings.add(weak);
        }
        if (!winnerConverged) {
            warnings.add("the best start stopped without converging: " + winner.message());
        }
        List<String> unused = options.optimizer().unusedTolerances(options);
        if (!unused.isEmpty()) {
            warnings.add(String.join(" and ", unused) + " not used: " + options.optimizer().name()
                    + " stops by its own rules");
        }
        warnings.addAll(constantVariables(law, data));
        warnings.addAll(shapeChange(law, data, target));
        warnings.addAll(doubts(law, map, startPoint, u, stats, prep.weights, reached, screen.length, winnerExact));
        String described = options.starts().describe() + (how.isEmpty() ? "" : "; " + how);
        StartSummary summary = new StartSummary(described, screen.length, converged, reached,
                screen.length - converged, origin[best], reasons);
        Convergence conv = new Convergence(winnerConverged, winnerMessage, winner.iterations(),
                winner.evaluations(), totalEvaluations);
        Provenance prov = recorded.apply(Provenance.of(options, law, target, data, (System.nanoTime() - t0) / 1e6));
        return new Fit(law, target, fitted, covP, cov.method, objectiveValue, options.objective(), conv, summary,
                stats, prov, warnings);
    }

    /**
     * A variable of the law with one value in every row: its terms cannot be told from the constant, which is
     * why their parameters do not move (said first, so the cause comes before its symptoms).
     */
    static List<String> constantVariables(Law law, Dataset data) {
        List<String> out = new ArrayList<>();
        for (String v : law.variables()) {
            if (law.settingVariables().contains(v)) {
                continue;
            }
            if (data.rowCount() > 1 && data.hasColumn(v)) {
                double first = data.value(v, 0);
                boolean constant = true;
                for (int i = 1; i < data.rowCount() && constant; i++) {
                    constant = data.value(v, i) == first;
                }
                if (constant) {
                    out.add(v + " is " + dev.slaw.law.Numbers.compact(first) + " in every row: the law's terms in " + v
                            + " cannot be told apart from its constant (fit a law without " + v
                            + ", or add rows where " + v + " varies)");
                }
            }
        }
        return out;
    }

    /**
     * "Extrapolation unreliable" when the target's trend across the law's one variable changes
     * shape inside the data (U-shaped, inverted-U, emergent: {@link dev.slaw.compare.TrendShape}); a law
     * of several variables has no single trend to read.
     */
    static List<String> shapeChange(Law law, Dataset data, String target) {
        return dev.slaw.compare.TrendShape.extrapolationWarnings(law, data, target);
    }

    /**
     * What may make a fit wrong although the optimiser converged: too few starts at the optimum,
     * a free parameter that never left its start (the data or the objective do not move it), a
     * law worse than a constant (r-squared below 0) or a target with nothing to explain (constant,
     * r-squared undefined), weights that are all zero. (A parameter on a bound is said where the
     * parameters are built.)
     */
    static List<String> doubts(Law law, Parametrization map, double[] start, double[] end, FitStatistics stats,
                               double[] weights, int reached, int starts, boolean exact) {
        List<String> out = new ArrayList<>();
        if (starts == 1) {
            out.add("fitted from a single start: nothing confirms that it found the best optimum (use more starts)");
        } else if (reached < 2) {
            out.add("only one of " + starts + " starts reached the best objective: the optimum may be fragile");
        }
        double[] projected = map.bounds().project(start);
        // a start that already reproduces the rows has nowhere to go: not moving says nothing then
        for (int s = 0; s < (exact ? 0 : end.length); s++) {
            if (Math.abs(end[s] - projected[s]) <= 1e-9 * Math.max(1, Math.abs(projected[s]))) {
                Parameter p = law.parameters().get(map.freeParameter(s));
                out.add(p.name() + " never moved from its start value " + dev.slaw.law.Numbers.compact(
                        p.transform().fromOptimizer(projected[s])) + ": the data do not determine it");
            }
        }
        double r2 = stats.rSquared();
        if (Double.isNaN(r2)) {
            out.add("r-squared is undefined: the target does not vary (flat data), so there is no trend to fit");
        } else if (r2 < 0) {
            out.add(String.format(java.util.Locale.ROOT,
                    "r-squared is %.3g: the law fits the target worse than its mean does", r2));
        }
        if (weights != null && java.util.Arrays.stream(weights).allMatch(w -> w == 0)) {
            out.add("every weight is zero: the objective is 0 whatever the parameters, so the fit is its start");
        }
        return out;
    }

    /**
     * A warning naming the free positive parameters (lower bound at least 0: scales, exponents,
     * offsets) whose standard error is at least half their value, or "" when there are none; for
     * a parameter of either sign a value near 0 makes the ratio meaningless. A "+/- 90%" in the table is easy to read past; a value that could be
     * half or twice itself is not an estimate to quote (typically parameters that trade against
     * each other, such as the three of a saturating term).
     */
    static String weaklyDetermined(List<FittedParameter> fitted) {
        List<String> weak = new ArrayList<>();
        for (FittedParameter f : fitted) {
            double rel = f.standardError() / Math.abs(f.value());
            if (f.state() == FittedParameter.State.FREE && f.lower() >= 0 && Double.isFinite(rel) && rel >= 0.5) {
                weak.add(f.name() + " (" + Math.round(100 * rel) + " %)");
            }
        }
        if (weak.isEmpty()) {
            return "";
        }
        String names = weak.size() <= 4 ? String.join(", ", weak)
                : String.join(", ", weak.subList(0, 4)) + " and " + (weak.size() - 4) + " more";
        return "weakly determined: standard error at least half the value for " + names
                + "; the data do not pin these down (they may trade against each other)";
    }

    private static double objectiveAt(FitProblem problem, double[] u) {
        return problem.valueAndGradient(u, new double[u.length]);
    }

    /**
     * How well a fitted law follows its rows: r-squared and the RMS residual on the fitted scale,
     * relative errors on the target's own scale, and AIC and BIC (Gaussian, from the mean
     * squared residual). Public for estimators that build a {@link Fit} by another route (the
     * Huber likelihood), so that every fit's statistics mean the same.
     *
     * @param raw         the target as given
     * @param y           the target on the fitted scale (its logarithm for log targets)
     * @param residuals   y minus the prediction, on the fitted scale
     * @param predictions the predictions on the target's own scale
     * @param k           free parameters
     */
    public static FitStatistics statistics(Law law, double[] raw, double[] y, double[] residuals,
                                           double[] predictions, int k) {
        int n = y.length;
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= n;
        double ssTot = 0;
        double ssRes = 0;
        double maxRel = 0;
        double sumRel = 0;
        for (int i = 0; i < n; i++) {
            ssTot += (y[i] - mean) * (y[i] - mean);
            ssRes += residuals[i] * residuals[i];
            double rel = Math.abs(predictions[i] - raw[i]) / Math.abs(raw[i]);
            maxRel = Math.max(maxRel, rel);
            sumRel += rel;
        }
        double rms = Math.sqrt(ssRes / n);
        double r2 = ssTot > 0 ? 1 - ssRes / ssTot : Double.NaN;
        double logLikeTerm = n * Math.log(Math.max(ssRes, Double.MIN_NORMAL) / n);
        return new FitStatistics(n, k, rms, maxRel, sumRel / n, r2, logLikeTerm + 2 * k, logLikeTerm + k * Math.log(n));
    }

    private record Covariance(double[][] matrix, String method, String why) {
    }

    private static final String UNDETERMINED = "the data do not determine ";

    /**
     * Withholds a covariance whose linearisation describes no interval: a scale parameter
     * (fitted as its logarithm) with a standard error above 1 in log space, a factor e either
     * way. There the objective is far from quadratic over one standard error, and the fit's
     * other local standard errors understate too: on the OLMo ladder's 25 final losses E's was a
     * quarter of the bootstrap's, whose replicates slide along the E-A-alpha valley to E = 0.
     */
    private static Covariance undetermined(Covariance cov, List<Parameter> parameters, Parametrization map) {
        if (cov.matrix == null) {
            return cov;
        }
        for (int s = 0; s < cov.matrix.length; s++) {
            Parameter p = parameters.get(map.freeParameter(s));
            double logSe = Math.sqrt(Math.max(0, cov.matrix[s][s]));
            if (p.transform() == dev.slaw.law.Transform.LOG && logSe > 1) {
                double factor = Math.exp(logSe);
                String why = UNDETERMINED + p.name() + " (its linearised standard error is a factor "
                        + (factor < 1e300 ? String.format(java.util.Locale.ROOT, "%.3g", factor) : "beyond 1e300")
                        + " either way), so no local standard error is reliable; slaw bootstrap shows the spread";
                return new Covariance(null, "none: " + why, why);
            }
        }
        return cov;
    }

    /**
     * Covariance of the free parameters in optimiser coordinates. Squared loss: the classic
     * least-squares estimate s^2 (J'J)^-1. Other losses: the M-estimator sandwich
     * H^-1 B H^-1 (Huber 1967; Huber 1981, s. 7.6) with B = n/(n-k) sum g_i g_i' the outer
     * product of per-row scores and H = sum kappa_i w_i J_i J_i' the Gauss-Newton Hessian of the
     * loss smoothed by a Gaussian kernel, kappa_i = E psi'(r_i + hZ) ({@link #curvatures}).
     *
     * <p>Why not the Hessian of the objective itself: for Huber with delta = 1e-3 on log losses
     * most residuals lie on the linear part, where psi' = 0, and a finite-difference Hessian
     * measures the kinks its step happens to cross. On the (Mis)Fitting ladder it gave no
     * standard errors, on other tables standard errors far below the bootstrap's. The smoothed
     * curvature is, per row, the chance that a residual of that size falls in the quadratic
     * part; per row rather than averaged because residuals differ in size along a ladder (the
     * small models' are larger), and averaging puts the curvature on the wrong rows.
     */
    private static Covariance covariance(FitProblem problem, Objective objective, double[] u, double[] residuals,
                                         double[][] scores, double[] weights) {
        int n = residuals.length;
        int k = u.length;
        if (n <= k) {
            String why = "no degrees of freedom (" + n + " rows, " + k + " parameters)";
            return new Covariance(null, "none: " + why, why);
        }
        try {
            double[][] j = problem.residualJacobian(u);
            if (objective.loss() == Loss.SQUARED) {
                double ssr = 0;
                double[][] jtj = new double[k][k];
                for (int i = 0; i < n; i++) {
                    double w = weights == null ? 1 : weights[i];
                    ssr += w * residuals[i] * residuals[i];
                    for (int a = 0; a < k; a++) {
                        for (int b = 0; b < k; b++) {
                            jtj[a][b] += w * j[i][a] * j[i][b];
                        }
                    }
                }
                RealMatrix inv = new CholeskyDecomposition(new Array2DRowRealMatrix(jtj, false), 1e-14, 1e-14)
                        .getSolver().getInverse();
                double s2 = ssr / (n - k);
                return new Covariance(inv.scalarMultiply(s2).getData(), "least squares: s^2 (J'J)^-1", "");
            }
            double[] kappa = curvatures(objective, residuals);
            double total = 0;
            for (double c : kappa) {
                total += c;
            }
            if (!(total > 0)) {
                String why = "no curvature: every residual lies far beyond the quadratic part of the loss";
                return new Covariance(null, "none: " + why, why);
            }
            double[][] h = new double[k][k];
            double[][] b = new double[k][k];
            double small = n / (double) (n - k);
            for (int i = 0; i < n; i++) {
                double w = weights == null ? 1 : weights[i];
                // symmetric: the lower triangle, mirrored below
                for (int a = 0; a < k; a++) {
                    for (int c = 0; c <= a; c++) {
                        h[a][c] += kappa[i] * w * j[i][a] * j[i][c];
                        b[a][c] += small * scores[i][a] * scores[i][c];
                    }
                }
            }
            for (int a = 0; a < k; a++) {
                for (int c = a + 1; c < k; c++) {
                    h[a][c] = h[c][a];
                    b[a][c] = b[c][a];
                }
            }
            RealMatrix hInv = new CholeskyDecomposition(new Array2DRowRealMatrix(h, false), 1e-12, 1e-14)
                    .getSolver().getInverse();
            RealMatrix sandwich = hInv.multiply(new Array2DRowRealMatrix(b, false)).multiply(hInv);
            return new Covariance(sandwich.getData(),
                    "sandwich H^-1 B H^-1 (robust; H from the kernel-smoothed loss)", "");
        } catch (RuntimeException e) {
            String why = "Hessian not positive definite at the optimum (a parameter is not identified by the data)";
            return new Covariance(null, "none: " + why, why);
        }
    }

    /**
     * Per row, the slope psi'(r) of the loss at the residual blurred by a Gaussian kernel of
     * bandwidth h ({@link #bandwidth}):
     * Huber, Phi((delta - r)/h) - Phi((-delta - r)/h), the chance of landing in the quadratic
     * part; absolute, 2 phi(r/h)/h, the kernel estimate of twice the residual density at zero
     * (the sparsity of quantile regression, Koenker 2005, s. 3.4); asymmetric squared, psi'
     * itself. Without the kernel the curvature of a tiny delta rests on the handful of rows
     * that happen to sit inside it, or on none.
     */
    static double[] curvatures(Objective objective, double[] residuals) {
        double h = bandwidth(residuals);
        double[] out = new double[residuals.length];
        for (int i = 0; i < out.length; i++) {
            double r = residuals[i];
            out[i] = switch (objective.loss()) {
                case HUBER -> {
                    double d = objective.delta();
                    yield h > 0 ? normalCdf((d - r) / h) - normalCdf((-d - r) / h) : Math.abs(r) <= d ? 1 : 0;
                }
                case ABSOLUTE -> h > 0 ? 2 * Math.exp(-0.5 * (r / h) * (r / h)) / (h * Math.sqrt(2 * Math.PI)) : 0;
                case ASYMMETRIC -> r < 0 ? 2 * objective.overestimatePenalty() : 2;
                case SQUARED -> 2;
            };
        }
        return out;
    }

    /**
     * The normal-reference bandwidth 1.06 sd n^-1/5 (Scott 1992, s. 6.2.1). On the standard
     * deviation rather than Silverman's robust min(sd, IQR/1.34): residuals of scaling-law fits
     * have heavy tails, and the narrower kernel overstated the curvature near zero, giving
     * standard errors up to half the bootstrap's.
     */
    private static double bandwidth(double[] residuals) {
        int n = residuals.length;
        double mean = 0;
        for (double r : residuals) {
            mean += r / n;
        }
        double ss = 0;
        for (double r : residuals) {
            ss += (r - mean) * (r - mean);
        }
        double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
        return 1.06 * sd * Math.pow(n, -0.2);
    }

    /**
     * Phi(z): a quintic Hermite interpolant of Phi, phi and phi' on a grid of step 1/64 over
     * |z| <= 10 (error below 1e-14), and 0 or 1 beyond (the tail is under 7.7e-24). A kernel-
     * smoothed curvature of a large fit takes Phi of over a million residuals, and erfc's
     * continued fraction there cost a second.
     */
    static double normalCdf(double z) {
        if (z >= CDF_EDGE) {
            return 1;
        }
        if (z <= -CDF_EDGE) {
            return 0;
        }
        double x = (z + CDF_EDGE) * CDF_STEPS_PER_UNIT;
        int m = Math.min((int) x, CDF_VALUE.length - 2);
        double t = x - m;
        double h = 1.0 / CDF_STEPS_PER_UNIT;
        double t2 = t * t;
        double t3 = t2 * t;
        double t4 = t3 * t;
        double t5 = t4 * t;
        double h0 = 1 - 10 * t3 + 15 * t4 - 6 * t5;
        double h1 = t - 6 * t3 + 8 * t4 - 3 * t5;
        double h2 = 0.5 * t2 - 1.5 * t3 + 1.5 * t4 - 0.5 * t5;
        double h3 = 0.5 * t3 - t4 + 0.5 * t5;
        double h4 = -4 * t3 + 7 * t4 - 3 * t5;
        double h5 = 10 * t3 - 15 * t4 + 6 * t5;
        return h0 * CDF_VALUE[m] + h5 * CDF_VALUE[m + 1]
                + h * (h1 * CDF_DENSITY[m] + h4 * CDF_DENSITY[m + 1])
                + h * h * (h2 * CDF_SLOPE[m] + h3 * CDF_SLOPE[m + 1]);
    }

    private static final double CDF_EDGE = 10;
    private static final int CDF_STEPS_PER_UNIT = 64;
    /** Phi, phi = Phi' and phi' = -z phi at the grid points. */
    private static final double[] CDF_VALUE = new double[(int) (2 * CDF_EDGE * CDF_STEPS_PER_UNIT) + 1];
    private static final double[] CDF_DENSITY = new double[CDF_VALUE.length];
    private static final double[] CDF_SLOPE = new double[CDF_VALUE.length];

    static {
        for (int m = 0; m < CDF_VALUE.length; m++) {
            double z = -CDF_EDGE + m / (double) CDF_STEPS_PER_UNIT;
            CDF_VALUE[m] = exactNormalCdf(z);
            CDF_DENSITY[m] = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
            CDF_SLOPE[m] = -z * CDF_DENSITY[m];
        }
    }

    static double exactNormalCdf(double z) {
        return 0.5 * org.hipparchus.special.Erf.erfc(-z / Math.sqrt(2));
    }
}
