package dev.slaw.uncertainty;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitFailedException;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.Fitter;
import dev.slaw.fit.Loss;
import dev.slaw.fit.Objective;
import dev.slaw.fit.LocalOptimizer;
import dev.slaw.fit.Starts;
import dev.slaw.law.Law;
import dev.slaw.law.Parameter;
import dev.slaw.law.ParameterDeclaration;
import dev.slaw.planning.Allocation;
import dev.slaw.planning.ComputeOptimal;
import dev.slaw.planning.LossSurface;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The sensitivity sweep of Li et al. 2025 ("(Mis)Fitting: A Survey of Scaling Laws", ICLR 2025,
 * sections 4-5): refit one table under each of a list of {@link Choice}s, each a named variation
 * of the law's form, the objective, the optimiser, the start points or the rows used, and report
 * how each moves the parameters, the predicted loss at a target scale and the compute-optimal
 * tokens per parameter D/N at a target compute. The survey finds D/N at 5.88e23 FLOPs ranging
 * from 0.05 to 28.2 on one ladder depending on such choices; this makes the range visible.
 *
 * <p>Deterministic: choices run in the given order, each fit parallel over its starts with a
 * result that does not depend on the thread count (see {@link Fitter}). A choice that cannot be
 * fitted (too few rows after its filter, no finite optimum) is an outcome with its reason, never
 * dropped.
 *
 * @param choices      the variations, the first conventionally the baseline
 * @param at           a point in the law's variables to predict at (e.g. N and D), or empty
 * @param computeFlops the compute at which to report the compute-optimal allocation (C = 6 N D), or NaN
 */
public record SensitivitySweep(List<Choice> choices, Map<String, Double> at, double computeFlops) {

    public SensitivitySweep {
        choices = List.copyOf(choices);
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("a sensitivity sweep needs at least one choice");
        }
        at = Collections.unmodifiableMap(new LinkedHashMap<>(at));
        if (!Double.isNaN(computeFlops) && !(computeFlops > 0)) {
            throw new BadInputException("compute must be a positive number of FLOPs, got " + computeFlops);
        }
    }

    /**
     * One way to fit the table.
     *
     * @param aspect  what the choice varies: baseline, form, loss, optimizer, starts or data
     * @param name    a short label, e.g. {@code beta = alpha} or {@code squared}
     * @param law     the law, with its declarations
     * @param options the fitting protocol
     * @param data    which rows are fitted
     */
    public record Choice(String aspect, String name, Law law, FitOptions options, DataFilter data) {
        public Choice {
            Objects.requireNonNull(aspect, "aspect");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(law, "law");
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * What one choice gave.
     *
     * @param choice        the choice
     * @param rows          rows fitted (after the choice's filter), or 0 when the filter failed
     * @param fit           the fit, or null when the choice failed
     * @param failure       why the choice could not be fitted, or null
     * @param predictedLoss the fit's prediction at the sweep's point, or NaN
     * @param allocation    the compute-optimal allocation at the sweep's compute, or null
     * @param notes         what a reader should know (non-convergence, allocation on a search edge)
     */
    public record Outcome(Choice choice, int rows, Fit fit, String failure, double predictedLoss,
                          Allocation allocation, List<String> notes) {
        public Outcome {
            notes = List.copyOf(notes);
        }

        public boolean failed() {
            return fit == null;
        }

        /** Whether the choice was fitted and its best start converged. */
        public boolean converged() {
            return fit != null && fit.convergence().converged();
        }

        /** D_opt / N_opt at the sweep's compute, or NaN. */
        public double tokensPerParameter() {
            return allocation == null ? Double.NaN : allocation.tokensPerParameter();
        }
    }

    /** The same sweep with another target point. */
    public SensitivitySweep withAt(Map<String, Double> point) {
        return new SensitivitySweep(choices, point, computeFlops);
    }

    /** The same sweep with another target compute (FLOPs), NaN for none. */
    public SensitivitySweep withComputeFlops(double c) {
        return new SensitivitySweep(choices, at, c);
    }

    /**
     * The standard one-at-a-time sweep around a baseline (law, options, data filter): the
     * baseline; tied exponents beta = alpha (when the law has free alpha and beta); each other
     * loss of Huber, squared and absolute on the law's residuals; Levenberg-Marquardt with the
     * squared loss; each other start set of the law's grid, the Chinchilla grid (when the law's
     * parameters are Chinchilla's) and a 256-point Latin hypercube; dropping the smallest value of
     * the law's first variable; keeping every row instead of the lowest per group (when the
     * baseline keeps the lowest); and each of {@code dataVariations}, which replace the
     * baseline's conditions.
     */
    public static List<Choice> standardChoices(Law law, FitOptions options, DataFilter baseline,
                                               List<List<RowCondition>> dataVariations) {
        List<Choice> out = new ArrayList<>();
        out.add(new Choice("baseline", "baseline", law, options, baseline));
        int alpha = law.parameterIndex("alpha");
        int beta = law.parameterIndex("beta");
        if (alpha >= 0 && beta >= 0 && isFree(law.parameters().get(alpha)) && isFree(law.parameters().get(beta))) {
            Law tied = law.withParameters(ParameterDeclaration.applyAll(law.parameters(), List.of("beta = alpha"),
                    law.name()));
            out.add(new Choice("form", "beta = alpha (tied)", tied, options, baseline));
        }
        Objective base = options.objective();
        for (Loss loss : List.of(Loss.HUBER, Loss.SQUARED, Loss.ABSOLUTE)) {
            if (loss == base.loss()) {
                continue;
            }
            Objective o = new Objective(loss, base.delta(), base.mean(), base.overestimatePenalty(), base.weightColumn());
            out.add(new Choice("loss", o.describe(), law, options.withObjective(o).withOptimizer(LocalOptimizer.LBFGSB),
                    baseline));
        }
        if (!options.optimizer().equals(LocalOptimizer.BFGS)) {
            out.add(new Choice("optimizer", "bfgs (unconstrained)", law, options.withOptimizer(LocalOptimizer.BFGS),
                    baseline));
        }
        if (!options.optimizer().equals(LocalOptimizer.LEVENBERG_MARQUARDT)) {
            Objective squared = new Objective(Loss.SQUARED, base.delta(), base.mean(), base.overestimatePenalty(),
                    base.weightColumn());
            out.add(new Choice("optimizer", "levenberg-marquardt, squared", law,
                    options.withObjective(squared).withOptimizer(LocalOptimizer.LEVENBERG_MARQUARDT), baseline));
        }
        List<Starts> starts = new ArrayList<>(List.of(Starts.lawGrid()));
        if (chinchillaParameters(law)) {
            starts.add(Starts.chinchilla());
        }
        starts.add(Starts.latinHypercube(256, options.seed()));
        for (Starts s : starts) {
            if (s.kind() != options.starts().kind()) {
                out.add(new Choice("starts", s.describe(), law, options.withStarts(s), baseline));
            }
        }
        String scale = law.variables().get(0);
        out.add(new Choice("data", "drop the smallest " + scale, law, options, baseline.withDropSmallest(scale)));
        if (!baseline.lowestPer().isEmpty()) {
            out.add(new Choice("data", "every row, not the lowest per " + String.join(", ", baseline.lowestPer()),
                    law, options, baseline.withLowestPer(List.of())));
        }
        for (List<RowCondition> v : dataVariations) {
            DataFilter f = baseline.withConditions(v);
            out.add(new Choice("data", f.describe(), law, options, f));
        }
        return out;
    }

    private static boolean isFree(Parameter p) {
        return !p.isFixed() && !p.isTied();
    }

    private static boolean chinchillaParameters(Law law) {
        Set<String> grid = Set.of("E", "A", "B", "alpha", "beta");
        for (Parameter p : law.parameters()) {
            if (isFree(p) && !grid.contains(p.name())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Fits every choice to {@code data} (already loaded and filtered by the caller; each choice's
     * own filter is applied on top) and collects the outcomes in the choices' order.
     */
    public SensitivityResult run(Dataset data, String target, ProgressListener progress) {
        return run(data, target, progress, IN_ORDER);
    }

    /** {@link #run(Dataset, String, ProgressListener)} with the choices fitted by {@code fitter}. */
    public SensitivityResult run(Dataset data, String target, ProgressListener progress, ChoiceFits fitter) {
        long t0 = System.nanoTime();
        List<Fitted> fitted = fitter.fit(choices, data, target, progress);
        if (fitted.size() != choices.size()) {
            throw new IllegalStateException("the choice fitter returned " + fitted.size() + " fits for " + choices.size()
                    + " choices");
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < choices.size(); i++) {
            outcomes.add(outcome(choices.get(i), fitted.get(i)));
        }
        return new SensitivityResult(this, target, outcomes, (System.nanoTime() - t0) / 1e6);
    }

    /**
     * One choice fitted: the rows its filter kept and its fit, or why it could not be fitted (then
     * {@code rows} is 0 and {@code fit} null).
     */
    public record Fitted(int rows, Fit fit, String failure) {
    }

    /**
     * Fits a sweep's choices: one after another here ({@link #IN_ORDER}), or elsewhere
     * (slaw-spark fits each as a Spark task). Each must be {@link #fitChoice}'s, so the sweep
     * cannot depend on where its choices ran.
     */
    @FunctionalInterface
    public interface ChoiceFits {
        /** The fitted choices, in the choices' order. */
        List<Fitted> fit(List<Choice> choices, Dataset data, String target, ProgressListener progress);
    }

    /** The choices fitted one after another, in order. */
    public static final ChoiceFits IN_ORDER = (choices, data, target, progress) -> {
        List<Fitted> out = new ArrayList<>();
        for (int i = 0; i < choices.size(); i++) {
            out.add(fitChoice(choices.get(i), data, target));
            progress.advanced(i + 1, choices.size());
        }
        return out;
    };

    /**
     * Applies the choice's filter to {@code data} and fits its law under its options: a pure
     * function of its arguments, so a choice may be fitted anywhere.
     */
    public static Fitted fitChoice(Choice choice, Dataset data, String target) {
        try {
            Dataset rows = choice.data().apply(data, target);
            Fit fit = Fitter.fit(choice.law(), rows, target, choice.options()
                    .withNotes(List.of("sensitivity choice: " + choice.aspect() + " = " + choice.name())));
            return new Fitted(rows.rowCount(), fit, null);
        } catch (BadInputException | FitFailedException e) {
            // a choice that cannot be fitted is itself a finding of the sweep: keep it with its reason
            return new Fitted(0, null, e.getMessage());
        }
    }

    /** What a fitted choice gives: its prediction at the sweep's point, its allocation at the sweep's compute. */
    public Outcome outcome(Choice choice, Fitted fitted) {
        Fit fit = fitted.fit();
        if (fit == null) {
            return new Outcome(choice, 0, null, fitted.failure(), Double.NaN, null, List.of());
        }
        List<String> notes = new ArrayList<>();
        if (!fit.convergence().converged()) {
            notes.add("did not converge: " + fit.convergence().reason());
        }
        double predicted = at.isEmpty() ? Double.NaN : fit.predict(at);
        Allocation allocation = null;
        List<String> vars = choice.law().variables();
        if (!Double.isNaN(computeFlops) && vars.contains("N") && vars.contains("D")) {
            try {
                allocation = ComputeOptimal.of(LossSurface.of(fit)).at(computeFlops);
                notes.addAll(allocation.warnings());
            } catch (BadInputException e) {
                // a law that does not bound the allocation at this compute: say so beside the fit
                notes.add("no compute-optimal allocation: " + e.getMessage());
            }
        }
        return new Outcome(choice, fitted.rows(), fit, null, predicted, allocation, notes);
    }
}
