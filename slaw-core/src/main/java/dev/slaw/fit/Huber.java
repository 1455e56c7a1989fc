package dev.slaw.fit;

/**
 * The Huber loss (Huber 1964), the one definition every objective in slaw uses: quadratic
 * within {@code delta} of zero, linear beyond, so a few bad runs pull a fit less than under
 * squares. Chinchilla's protocol sums it over log residuals with {@code delta = 1e-3}
 * (Hoffmann et al. 2022; Besiroglu et al. 2024).
 *
 * <pre>
 *   rho(r) = r^2 / 2                 for |r| &lt;= delta
 *          = delta (|r| - delta / 2)  otherwise
 *   psi(r) = rho'(r) = r clipped to [-delta, delta]
 * </pre>
 *
 * <p>Written without branches, through {@code c = min(|r|, delta)}: rho = c (|r| - c / 2) and
 * psi = c with the sign of r. Residual signs and sizes are random, so branches would
 * mispredict in the fit's hot loop; the values equal the branching form's.
 */
public final class Huber {
    private Huber() {
    }

    /** The loss of residual {@code r}. */
    public static double rho(double r, double delta) {
        double a = Math.abs(r);
        double c = Math.min(a, delta);
        return c * (a - 0.5 * c);
    }

    /** Its derivative d rho / d r: {@code r} clipped to {@code [-delta, delta]}. */
    public static double psi(double r, double delta) {
        return Math.copySign(Math.min(Math.abs(r), delta), r);
    }
}
