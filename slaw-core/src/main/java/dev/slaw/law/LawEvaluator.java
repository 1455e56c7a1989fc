package dev.slaw.law;

/**
 * A law bound to the rows of one dataset, ready to be evaluated many times.
 *
 * <p>Keeps scratch buffers, so one instance serves one thread; make another with
 * {@link Law#evaluator} for each worker. Evaluation allocates nothing.
 */
public interface LawEvaluator {
    /** Number of rows this evaluator predicts. */
    int rows();

    /**
     * Predicts every row.
     *
     * @param parameters values of the law's parameters, in {@link Law#parameters()} order
     * @param values     receives the prediction for each row
     * @param jacobian   if not null, receives {@code d value[i] / d parameter[j]} in
     *                   {@code jacobian[j][i]}
     */
    void evaluate(double[] parameters, double[] values, double[][] jacobian);
}
