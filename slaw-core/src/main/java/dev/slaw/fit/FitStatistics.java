package dev.slaw.fit;

/**
 * How well the fitted law follows the data it was fitted on.
 *
 * @param rows                rows used
 * @param freeParameters      parameters fitted
 * @param rmsResidual         root mean square residual on the fitted scale (log residuals for log targets)
 * @param maxRelativeError    largest |prediction - y| / |y|
 * @param meanRelativeError   mean |prediction - y| / |y|
 * @param rSquared            1 - SS_res / SS_tot on the fitted scale
 * @param aic                 Akaike information criterion from the mean squared residual (Gaussian)
 * @param bic                 Bayesian information criterion, likewise
 */
public record FitStatistics(int rows, int freeParameters, double rmsResidual, double maxRelativeError,
                            double meanRelativeError, double rSquared, double aic, double bic) {
}
