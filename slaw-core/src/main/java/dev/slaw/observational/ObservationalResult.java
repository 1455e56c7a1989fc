package dev.slaw.observational;

import dev.slaw.fit.Fit;

import java.util.List;

/**
 * What an observational scaling run found.
 *
 * @param source          the table
 * @param settings        the choices it ran with
 * @param predictors      the benchmarks the components are made of (every one but the target)
 * @param components      the capability components, fitted on the models at or below the cutoff
 * @param imputation      how the gaps were filled
 * @param link            the sigmoid link from the components to the target, fitted on the
 *                        models at or below the cutoff
 * @param computeOnly     the baseline: the same sigmoid in log10 compute alone (its variable
 *                        named PC1), fitted on the same models
 * @param fittedModels    how many models the link was fitted on
 * @param fittedError     the link's mean squared error over them
 * @param heldOut         the held-out models, in the table's order
 * @param withoutCompute  models left out because their compute is unknown
 * @param droppedNoTarget models left out because they have no score on the target
 * @param efficiencies    per family with two or more models of known compute, its lines
 * @param singleFamilies  families with fewer than two such models (no line)
 * @param notes           doubts about the table, to show beside the result
 */
public record ObservationalResult(String source, ObservationalSettings settings, List<String> predictors,
                                  Components components, LowRankImputer.Filled imputation, Fit link, Fit computeOnly,
                                  int fittedModels, double fittedError, List<HeldOutModel> heldOut,
                                  int withoutCompute, int droppedNoTarget, List<FamilyEfficiency> efficiencies,
                                  List<String> singleFamilies, List<String> notes) {

    public ObservationalResult {
        predictors = List.copyOf(predictors);
        heldOut = List.copyOf(heldOut);
        efficiencies = List.copyOf(efficiencies);
        singleFamilies = List.copyOf(singleFamilies);
        notes = List.copyOf(notes);
    }

    /** The paper's metric: mean squared error of the held-out models' predicted scores. */
    public double heldOutMeanSquaredError() {
        return heldOut.stream().mapToDouble(h -> h.error() * h.error()).average().orElse(Double.NaN);
    }

    /** The baseline's mean squared error over the same held-out models. */
    public double computeOnlyMeanSquaredError() {
        return heldOut.stream().mapToDouble(h -> h.computeOnlyError() * h.computeOnlyError()).average()
                .orElse(Double.NaN);
    }

    public double heldOutMeanAbsoluteError() {
        return heldOut.stream().mapToDouble(h -> Math.abs(h.error())).average().orElse(Double.NaN);
    }
}
