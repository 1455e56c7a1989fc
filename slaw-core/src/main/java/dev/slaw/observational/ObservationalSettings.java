package dev.slaw.observational;

import dev.slaw.data.BadInputException;

/**
 * The choices of an observational scaling run, the authors' by default.
 *
 * @param target         the benchmark to predict (left out of the components)
 * @param cutoff         models with compute above this (in the table's unit) are held out, and
 *                       models without compute are left out
 * @param components     how many capability components (the authors: 3)
 * @param imputationRank the rank of the imputation's reconstruction (the authors: 1)
 * @param threads        worker threads of the sigmoid link's fit
 */
public record ObservationalSettings(String target, double cutoff, int components, int imputationRank, int threads) {
    /** The authors' cutoff: Llama-2 7B's 84e21 FLOPs, in the table's unit of 1e21. */
    public static final double PAPER_CUTOFF = 84;
    public static final int PAPER_COMPONENTS = 3;
    public static final int PAPER_IMPUTATION_RANK = 1;

    public ObservationalSettings {
        if (components < 1) {
            throw new BadInputException("--components must be at least 1, got " + components);
        }
        if (imputationRank < 1) {
            throw new BadInputException("the imputation rank must be at least 1, got " + imputationRank);
        }
        if (!Double.isFinite(cutoff)) {
            throw new BadInputException("--cutoff must be a finite number, got " + cutoff);
        }
        if (threads < 1) {
            throw new BadInputException("--threads must be at least 1, got " + threads);
        }
    }

    public static ObservationalSettings paper(String target, int threads) {
        return new ObservationalSettings(target, PAPER_CUTOFF, PAPER_COMPONENTS, PAPER_IMPUTATION_RANK, threads);
    }
}
