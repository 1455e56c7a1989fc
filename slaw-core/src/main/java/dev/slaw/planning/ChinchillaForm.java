package dev.slaw.planning;

import dev.slaw.law.Law;
import dev.slaw.law.Numbers;
import dev.slaw.law.expr.Expression;
import dev.slaw.law.expr.Formula;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chinchilla's parametric loss L(N, D) = E + A / N^alpha + B / D^beta (Hoffmann et al. 2022,
 * eq. 2), with its closed-form compute-optimal allocation under C = 6 N D (their eq. 4):
 *
 * <pre>
 *   G     = (alpha A / (beta B))^(1 / (alpha + beta))
 *   N_opt = G (C/6)^a,        a = beta  / (alpha + beta)
 *   D_opt = (C/6)^b / G,      b = alpha / (alpha + beta)
 * </pre>
 *
 * which follows from setting the derivative of L(N, C / (6 N)) in N to zero.
 *
 * @param e     irreducible loss E
 * @param a     the parameter term's coefficient A
 * @param b     the data term's coefficient B
 * @param alpha the parameter exponent
 * @param beta  the data exponent
 */
public record ChinchillaForm(double e, double a, double b, double alpha, double beta) {
    /** The formula texts recognised as this form (after parsing, so spacing does not matter). */
    private static final List<Expression> SHAPES = List.of(
            Formula.parse("E + A / N^alpha + B / D^beta").expression(),
            Formula.parse("E + A * N^-alpha + B * D^-beta").expression(),
            Formula.parse("E + A * N^(-alpha) + B * D^(-beta)").expression());

    public ChinchillaForm {
        if (!(a > 0 && b > 0 && alpha > 0 && beta > 0) || !Double.isFinite(e)) {
            throw new IllegalArgumentException("a Chinchilla law needs A, B, alpha, beta > 0 and a finite E; got E = "
                    + e + ", A = " + a + ", B = " + b + ", alpha = " + alpha + ", beta = " + beta);
        }
    }

    /**
     * The form of a law with these parameter values, when the law is Chinchilla's: catalogue
     * name {@code chinchilla} or {@code chinchilla-tied}, or a formula of exactly that shape in
     * parameters E, A, B, alpha, beta and variables N, D.
     */
    public static Optional<ChinchillaForm> detect(Law law, Map<String, Double> parameters) {
        boolean named = law.name().equals("chinchilla") || law.name().equals("chinchilla-tied");
        boolean shaped = false;
        if (!named) {
            try {
                Expression ex = Formula.parse(law.formula()).expression();
                shaped = SHAPES.contains(ex) && law.variables().containsAll(List.of("N", "D"))
                        && law.variables().size() == 2;
            } catch (RuntimeException notALawFormula) {
                shaped = false;
            }
        }
        if (!named && !shaped) {
            return Optional.empty();
        }
        Double e = parameters.get("E");
        Double a = parameters.get("A");
        Double b = parameters.get("B");
        Double alpha = parameters.get("alpha");
        Double beta = parameters.get("beta");
        if (beta == null && law.name().equals("chinchilla-tied")) {
            beta = alpha;
        }
        if (e == null || a == null || b == null || alpha == null || beta == null || !(a > 0 && b > 0 && alpha > 0
                && beta > 0)) {
            return Optional.empty();
        }
        return Optional.of(new ChinchillaForm(e, a, b, alpha, beta));
    }

    /** The constant G = (alpha A / (beta B))^(1 / (alpha + beta)). */
    public double g() {
        return Math.pow(alpha * a / (beta * b), 1 / (alpha + beta));
    }

    /** Exponent a = beta / (alpha + beta) of N_opt = G (C/6)^a. */
    public double parameterExponent() {
        return beta / (alpha + beta);
    }

    /** Exponent b = alpha / (alpha + beta) of D_opt = (C/6)^b / G. */
    public double tokenExponent() {
        return alpha / (alpha + beta);
    }

    /** L(N, D). */
    public double loss(double parameterCount, double tokenCount) {
        return e + a / Math.pow(parameterCount, alpha) + b / Math.pow(tokenCount, beta);
    }

    /** N_opt = G (C/6)^(beta / (alpha + beta)). */
    public double optimalParameters(double computeFlops) {
        return g() * Math.pow(computeFlops / 6, parameterExponent());
    }

    /** D_opt = (C/6)^(alpha / (alpha + beta)) / G. */
    public double optimalTokens(double computeFlops) {
        return Math.pow(computeFlops / 6, tokenExponent()) / g();
    }

    /**
     * The N that is compute-optimal when training on D tokens: the frontier point with
     * D_opt = D, i.e. C/6 = (G D)^((alpha + beta) / alpha) and so N = G (G D)^(beta / alpha).
     * Muennighoff et al. 2023 use it as U_N, the parameters that U_D unique tokens can use.
     */
    public double parametersForTokens(double tokenCount) {
        double g = g();
        return g * Math.pow(g * tokenCount, beta / alpha);
    }

    /** The compute-optimal allocation for a budget under C = 6 N D, in closed form. */
    public Allocation computeOptimal(double computeFlops) {
        double n = optimalParameters(computeFlops);
        double d = optimalTokens(computeFlops);
        return Allocation.of(computeFlops, n, d, loss(n, d), Allocation.Method.CLOSED_FORM);
    }

    @Override
    public String toString() {
        return "L(N,D) = " + Numbers.compact(e) + " + " + Numbers.compact(a) + " / N^" + Numbers.compact(alpha) + " + "
                + Numbers.compact(b) + " / D^" + Numbers.compact(beta);
    }
}
