package dev.slaw.observational;

/**
 * A model above the cutoff (or without compute), its score predicted from its capabilities.
 *
 * @param model     its name
 * @param family    its family
 * @param compute   its compute (NaN when unknown)
 * @param observed  its score on the target benchmark
 * @param predicted the sigmoid link at its capability components
 * @param computeOnly the baseline: the same sigmoid fitted in log10 compute alone
 */
public record HeldOutModel(String model, String family, double compute, double observed, double predicted,
                           double computeOnly) {
    public double error() {
        return predicted - observed;
    }

    public double computeOnlyError() {
        return computeOnly - observed;
    }
}
