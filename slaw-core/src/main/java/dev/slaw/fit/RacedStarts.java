package dev.slaw.fit;

import dev.slaw.data.Dataset;
import dev.slaw.law.Law;
import dev.slaw.law.LawEvaluator;
import dev.slaw.law.Parameter;
import dev.slaw.optim.Bounds;
import dev.slaw.optim.OptimizationResult;
import dev.slaw.optim.StoppingRule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The default fit of a large grid: far fewer local optimisations, the same optimum.
 *
 * <p>Variable projection (Golub and Pereyra 1973): the parameters the law is linear in (E, A and
 * B of Chinchilla, the amplitudes of any sum of terms; found by probing the law, see
 * {@link DataAwareStarts#linearParameters}) are solved by weighted least squares at each grid
 * point, bounded, so the grid collapses to its distinct points in the other parameters (4,500
 * Chinchilla starts become 25), each where the data put its amplitudes. Those points are ranked by
 * the fit's own objective.
 *
 * <p>Racing: the local optimiser runs from them, best first, in rounds of {@value #ROUND}
 * (a fixed size, so the answer does not depend on the number of threads), and stops after the
 * round in which {@value #AGREEING} starts have ended within {@value #AGREEMENT} of the best
 * objective (those within {@value #NEAR} of it first polished under a tighter rule, see
 * {@link #tighten}). Where the law has linear parameters, each start first descends over the others alone
 * with the linear ones solved inside every evaluation ({@link VariableProjection}), then runs on
 * the full objective from there, so the answer is its optimum, not the projected one's. If the
 * candidates run out before enough agree, the fit runs every start of the grid, as the literal
 * protocol does: racing can cost time, never the optimum.
 */
final class RacedStarts {
    /** Starts run together before the agreement is checked. */
    static final int ROUND = 8;
    /** Starts that must end at the best objective before the race stops. */
    static final int AGREEING = 3;
    /** Relative distance from the best objective within which starts agree. */
    static final double AGREEMENT = 1e-9;
    /** Relative distance from the best objective within which results are polished before agreement is counted. */
    static final double NEAR = 1e-2;
    /** Grids of at most this many starts are run whole: racing them saves little. */
    static final int SMALL_GRID = 2 * ROUND;

    private RacedStarts() {
    }

    /**
     * The starts a race ran and what it found: result i began at candidate {@code origin[i]};
     * {@code agreed} below {@link #AGREEING} when the candidates ran out first, and then
     * {@code everyStart} says whether the candidates were the grid's own starts (each distinct
     * start once), all run as a fit of every start runs them (the fit's optimiser from each, not
     * variable projection's descent first); start j is candidate {@code candidateOf[j]}.
     */
    record Outcome(List<double[]> candidates, OptimizationResult[] results, int[] origin, int agreed,
                   String description, boolean everyStart, int[] candidateOf) {
        boolean decided() {
            return agreed >= AGREEING;
        }

        /** Every start's result, in the grid's order (a repeated start ends where its first copy did). */
        OptimizationResult[] inStartOrder() {
            OptimizationResult[] byCandidate = new OptimizationResult[candidates.size()];
            for (int i = 0; i < results.length; i++) {
                byCandidate[origin[i]] = results[i];
            }
            OptimizationResult[] out = new OptimizationResult[candidateOf.length];
            for (int j = 0; j < out.length; j++) {
                out[j] = byCandidate[candidateOf[j]];
            }
            return out;
        }
    }

    /**
     * Whether a fit under {@code options} races its {@code starts}: slaw's default (the law's grid,
     * L-BFGS-B under the scale-free stopping rule) on a grid larger than {@link #SMALL_GRID}. The
     * reproductions (scipy's stopping rule, named grids, given points) run every start.
     */
    static boolean applies(FitOptions options, int starts) {
        return options.starts().kind() == Starts.Kind.GRID && options.optimizer() == LocalOptimizer.LBFGSB
                && options.stoppingRule() == StoppingRule.RELATIVE && starts > SMALL_GRID;
    }

    /**
     * Races the grid {@code starts}. When the candidates run out before {@value #AGREEING} of them
     * agree, the caller runs every start, unless the race already has ({@link Outcome#everyStart}:
     * a grid made from the data has its linear parameters solved already, and without variable
     * projection each start ran as in a fit of every start).
     */
    static Outcome race(Law law, Dataset data, double[] rawTarget, FitProblem problem, Starts.Points points,
                        FitOptions options) {
        List<double[]> starts = points.list();
        Parametrization map = problem.parametrization();
        LawEvaluator ev = law.evaluator(data);
        boolean[] linear = DataAwareStarts.linearParameters(law, map, ev, probes(map, ev, starts, options.seed()), true);
        int[] candidateOf = new int[starts.size()];
        // a grid made from the data has these parameters solved already: each distinct point is its own projection
        List<double[]> candidates = project(law, map, ev, linear, rawTarget, starts, candidateOf,
                Arrays.equals(points.solved(), linear));
        double[] projectedValue = new double[candidates.size()];
        for (int i = 0; i < projectedValue.length; i++) {
            projectedValue[i] = problem.value(candidates.get(i));
        }
        Integer[] order = new Integer[candidates.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> projectedValue[i]).thenComparingInt(i -> i));

        Bounds bounds = map.bounds();
        LocalSearch ranking = new LocalSearch(options, problem);
        boolean projected = VariableProjection.applies(problem, law.parameters(), linear);
        List<OptimizationResult> results = new ArrayList<>();
        List<Integer> origin = new ArrayList<>();
        java.util.Set<Integer> tightened = new java.util.HashSet<>();
        for (int from = 0; from < order.length; from += ROUND) {
            List<double[]> round = new ArrayList<>();
            for (int j = from; j < Math.min(order.length, from + ROUND); j++) {
                round.add(candidates.get(order[j]));
                origin.add(order[j]);
            }
            results.addAll(Arrays.asList(projected ? descendAndPolish(law, data, problem, linear, round, options)
                    : Fitter.runStarts(problem, round, bounds, options)));
            int agreed = agreeing(results, ranking);
            if (agreed < AGREEING && tighten(problem, results, tightened, ranking, options)) {
                agreed = agreeing(results, ranking);
            }
            if (agreed >= AGREEING) {
                String solved = names(law, map, linear);
                String description = String.format(java.util.Locale.ROOT,
                        "raced: %,d of the grid's %,d starts run, best first%s; %d ended within %.0e of the best"
                                + " objective", results.size(), starts.size(),
                        solved.isEmpty() ? "" : " from its " + candidates.size() + " distinct points with " + solved
                                + " solved by least squares" + (projected ? ", each descended with " + solved
                                + " solved inside every evaluation (variable projection)" : ""), agreed, AGREEMENT);
                // in the grid's order, so that ties go to the lowest start index as in a fit of every start
                Integer[] byStart = new Integer[results.size()];
                for (int i = 0; i < byStart.length; i++) {
                    byStart[i] = i;
                }
                Arrays.sort(byStart, Comparator.comparingInt(origin::get));
                return new Outcome(candidates, Arrays.stream(byStart).map(results::get).toArray(OptimizationResult[]::new),
                        Arrays.stream(byStart).mapToInt(origin::get).toArray(), agreed, description, false, candidateOf);
            }
        }
        // a projected descent can end elsewhere than the optimiser from the same start (Pythia's
        // LAMBADA perplexities: 0.599 against the grid's 0.529), so such a race is not the grid's fit
        boolean same = !projected;
        for (int j = 0; same && j < starts.size(); j++) {
            same = Arrays.equals(candidates.get(candidateOf[j]), starts.get(j));
        }
        return new Outcome(candidates, results.toArray(new OptimizationResult[0]),
                origin.stream().mapToInt(Integer::intValue).toArray(), agreeing(results, ranking), "", same,
                candidateOf);
    }

    /**
     * After a race of the projected points that did not decide: the grid's own starts, best first
     * by their objective, in rounds of {@value #ROUND}, until {@value #AGREEING} results agree
     * among theirs and the first race's, or every start has run (the literal protocol, with the
     * first race's results beside it). Results: the grid's that ran, in the grid's order (so that
     * ties go to the lowest start index), then the first race's; candidates likewise.
     */
    static Outcome raceTheGrid(FitProblem problem, List<double[]> starts, Outcome first, FitOptions options) {
        int n = starts.size();
        double[] atStart = new double[n];
        for (int j = 0; j < n; j++) {
            double v = problem.value(starts.get(j));
            atStart[j] = Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
        }
        Integer[] order = new Integer[n];
        for (int j = 0; j < n; j++) {
            order[j] = j;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer j) -> atStart[j]).thenComparingInt(j -> j));
        LocalSearch ranking = new LocalSearch(options, problem);
        Bounds bounds = problem.parametrization().bounds();
        OptimizationResult[] byStart = new OptimizationResult[n];
        List<OptimizationResult> pool = new ArrayList<>(Arrays.asList(first.results()));
        int ran = 0;
        int agreed = first.agreed();
        while (ran < n && agreed < AGREEING) {
            List<double[]> round = new ArrayList<>();
            for (int j = ran; j < Math.min(n, ran + ROUND); j++) {
                round.add(starts.get(order[j]));
            }
            OptimizationResult[] results = Fitter.runStarts(problem, round, bounds, options);
            for (int j = 0; j < results.length; j++) {
                byStart[order[ran + j]] = results[j];
            }
            pool.addAll(Arrays.asList(results));
            ran += results.length;
            agreed = agreeing(pool, ranking);
        }
        List<double[]> candidates = new ArrayList<>();
        List<OptimizationResult> results = new ArrayList<>();
        List<Integer> origin = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            if (byStart[j] != null) {
                results.add(byStart[j]);
                origin.add(candidates.size());
                candidates.add(starts.get(j));
            }
        }
        int offset = candidates.size();
        candidates.addAll(first.candidates());
        results.addAll(Arrays.asList(first.results()));
        for (int c : first.origin()) {
            origin.add(offset + c);
        }
        String description = String.format(java.util.Locale.ROOT, "raced %,d distinct points first, but only %d ended"
                        + " within %.0e of the best objective; then %s, the best of both kept",
                first.results().length, first.agreed(), AGREEMENT,
                ran == n ? "every start of the grid" : String.format(java.util.Locale.ROOT,
                        "%,d of the grid's %,d starts, best first, until %d agreed", ran, n, agreed));
        return new Outcome(candidates, results.toArray(new OptimizationResult[0]),
                origin.stream().mapToInt(Integer::intValue).toArray(), agreed, description, false, null);
    }

    /**
     * Runs each start in two stages on the fit's objective: variable projection's descent over the
     * parameters the law is not linear in (a few dozen evaluations where L-BFGS-B over all of them
     * takes hundreds, when the linear ones are large and on their raw scale), then L-BFGS-B over all
     * of them from where it ended, so that the answer is the full objective's optimum. A start whose
     * descent fails runs on its own. The evaluations of both stages are counted.
     */
    private static OptimizationResult[] descendAndPolish(Law law, Dataset data, FitProblem problem, boolean[] linear,
                                                         List<double[]> round, FitOptions options) {
        record Stages(VariableProjection projection, LocalSearch polish) {
        }
        Bounds bounds = problem.parametrization().bounds();
        dev.slaw.optim.Lbfgsb descent = LocalOptimizer.LimitedMemoryBfgsB.configured(options)
                .withFunctionTolerance(VariableProjection.DESCENT_FUNCTION_TOLERANCE)
                .withGradientTolerance(VariableProjection.DESCENT_GRADIENT_TOLERANCE)
                .withMaxEvaluations(VariableProjection.DESCENT_EVALUATIONS);
        OptimizationResult[] results = new OptimizationResult[round.size()];
        Workers.forEachIndex(round.size(), options.threads(), "slaw-fit-", () -> {
            FitProblem own = problem.copy();
            return new Stages(VariableProjection.of(own, law.evaluator(data), law.parameters(), linear).orElseThrow(),
                    new LocalSearch(options, own));
        }, (stages, i) -> {
            java.util.Optional<VariableProjection.Descent> d = stages.projection().descend(descent, round.get(i));
            OptimizationResult r = stages.polish().minimize(d.map(VariableProjection.Descent::point).orElse(round.get(i)),
                    bounds);
            int before = d.map(VariableProjection.Descent::evaluations).orElse(0);
            results[i] = new OptimizationResult(r.point(), r.value(), r.gradient(), r.iterations(),
                    r.evaluations() + before, r.status(), r.message());
        });
        return results;
    }

    /**
     * Runs the optimiser on again, under a far tighter stopping rule (function and gradient), from
     * where each result within {@link #NEAR} of the best ended (each once): starts in one flat
     * valley stop apart under a fit's rule (a gradient within 1% of the objective), too far to
     * agree at {@link #AGREEMENT}, and this tells one optimum reached from several sides from
     * several optima. A law with a broken power law on the Epoch table ended its 64 starts up to 3%
     * apart and raced every one; polished, the first round's best two met at a lower objective and
     * the race ended after two rounds. Their results are replaced when better, the evaluations
     * counted; true when any was run.
     */
    private static boolean tighten(FitProblem problem, List<OptimizationResult> results, java.util.Set<Integer> done,
                                   LocalSearch ranking, FitOptions options) {
        double best = results.stream().mapToDouble(ranking::objective).min().orElse(Double.POSITIVE_INFINITY);
        if (!Double.isFinite(best)) {
            return false;
        }
        List<Integer> near = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (ranking.objective(results.get(i)) <= best + NEAR * Math.abs(best) + 1e-300) {
                near.add(i);
            }
        }
        if (near.size() < AGREEING || done.containsAll(near)) {
            return false;
        }
        dev.slaw.optim.Lbfgsb tight = LocalOptimizer.LimitedMemoryBfgsB.configured(options)
                .withFunctionTolerance(VariableProjection.DESCENT_FUNCTION_TOLERANCE)
                .withGradientTolerance(VariableProjection.DESCENT_GRADIENT_TOLERANCE);
        Bounds bounds = problem.parametrization().bounds();
        for (int i : near) {
            if (done.add(i)) {
                OptimizationResult before = results.get(i);
                OptimizationResult r = tight.minimize(problem, before.point(), bounds);
                if (ranking.objective(r) <= ranking.objective(before)) {
                    results.set(i, new OptimizationResult(r.point(), r.value(), r.gradient(),
                            before.iterations() + r.iterations(), before.evaluations() + r.evaluations(), r.status(),
                            r.message()));
                } else {
                    results.set(i, new OptimizationResult(before.point(), before.value(), before.gradient(),
                            before.iterations(), before.evaluations() + r.evaluations(), before.status(),
                            before.message()));
                }
            }
        }
        return true;
    }

    /** How many results ended within {@link #AGREEMENT} of the best objective among them. */
    static int agreeing(List<OptimizationResult> results, LocalSearch ranking) {
        double best = Double.POSITIVE_INFINITY;
        for (OptimizationResult r : results) {
            best = Math.min(best, ranking.objective(r));
        }
        if (!Double.isFinite(best)) {
            return 0;
        }
        int agreed = 0;
        for (OptimizationResult r : results) {
            if (ranking.objective(r) <= best + AGREEMENT * Math.abs(best) + 1e-300) {
                agreed++;
            }
        }
        return agreed;
    }

    /**
     * The grid with its linear parameters solved at each point, each distinct point once, in the
     * grid's order (the grid's own values of the linear parameters are dropped: the data set them);
     * start j becomes candidate {@code candidateOf[j]}. {@code projectedAlready}: the starts are
     * their own projections (a grid made from the data), so each distinct one is taken as it is.
     */
    private static List<double[]> project(Law law, Parametrization map, LawEvaluator ev, boolean[] linear,
                                          double[] rawTarget, List<double[]> starts, int[] candidateOf,
                                          boolean projectedAlready) {
        DataAwareStarts.Projection projection = new DataAwareStarts.Projection(law, map, ev, linear, rawTarget);
        Map<List<Double>, Integer> index = new LinkedHashMap<>();
        List<double[]> candidates = new ArrayList<>();
        for (int j = 0; j < starts.size(); j++) {
            double[] u = starts.get(j);
            List<Double> key = new ArrayList<>();
            for (int s = 0; s < u.length; s++) {
                // without linear parameters every coordinate is part of the key: repeated starts run once
                if (!linear[s]) {
                    key.add(u[s]);
                }
            }
            Integer c = index.get(key);
            if (c == null) {
                c = candidates.size();
                index.put(key, c);
                candidates.add(projectedAlready ? u : projection.apply(u));
            }
            candidateOf[j] = c;
        }
        return candidates;
    }

    /**
     * Up to eight grid points, drawn (seeded), at which the law is finite on every row: where the
     * linearity of each parameter is probed.
     */
    private static double[][] probes(Parametrization map, LawEvaluator ev, List<double[]> starts, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double[] f = new double[ev.rows()];
        List<double[]> found = new ArrayList<>();
        for (int attempt = 0; attempt < 200 && found.size() < 8; attempt++) {
            double[] p = map.toParameters(starts.get(random.nextInt(starts.size())));
            ev.evaluate(p, f, null);
            if (Arrays.stream(f).allMatch(Double::isFinite) && found.stream().noneMatch(q -> Arrays.equals(q, p))) {
                found.add(p);
            }
        }
        return found.toArray(new double[0][]);
    }

    private static String names(Law law, Parametrization map, boolean[] linear) {
        List<String> out = new ArrayList<>();
        for (int s = 0; s < linear.length; s++) {
            if (linear[s]) {
                Parameter p = law.parameters().get(map.freeParameter(s));
                out.add(p.name());
            }
        }
        return out.size() <= 4 ? String.join(", ", out)
                : String.join(", ", out.subList(0, 4)) + " and " + (out.size() - 4) + " more";
    }
}
