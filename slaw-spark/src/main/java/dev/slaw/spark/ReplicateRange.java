package dev.slaw.spark;

import dev.slaw.uncertainty.Bootstrap;
import dev.slaw.uncertainty.ReplicateFailure;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What one Spark task sends back: the outcome of a range of bootstrap replicates, as plain
 * serializable arrays ({@link Bootstrap.Replicates} is a core value and stays free of Java
 * serialization).
 *
 * @param numbers      the replicates that reached an optimum
 * @param values       their parameters, in the law's order
 * @param failed       the replicates that did not
 * @param reasons      why, as the fitter said it
 * @param notConverged how many of {@code numbers} stopped without converging
 */
record ReplicateRange(int[] numbers, double[][] values, int[] failed, String[] reasons, int notConverged)
        implements Serializable {

    static ReplicateRange of(Bootstrap.Replicates r) {
        int[] failed = new int[r.failures().size()];
        String[] reasons = new String[failed.length];
        for (int k = 0; k < failed.length; k++) {
            failed[k] = r.failures().get(k).replicate();
            reasons[k] = r.failures().get(k).reason();
        }
        return new ReplicateRange(r.numbers(), r.values(), failed, reasons, r.notConverged());
    }

    Bootstrap.Replicates replicates() {
        List<ReplicateFailure> failures = new ArrayList<>();
        for (int k = 0; k < failed.length; k++) {
            failures.add(new ReplicateFailure(failed[k], reasons[k]));
        }
        return new Bootstrap.Replicates(values, numbers, failures, notConverged);
    }
}
