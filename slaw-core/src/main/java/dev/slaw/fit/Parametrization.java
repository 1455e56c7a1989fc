package dev.slaw.fit;

import dev.slaw.data.BadInputException;
import dev.slaw.law.Parameter;
import dev.slaw.law.Transform;
import dev.slaw.law.expr.Formula;
import dev.slaw.law.expr.Program;
import dev.slaw.optim.Bounds;

import java.util.List;
import java.util.Map;

/**
 * The map between the optimiser's coordinates (free parameters, positive ones as logarithms)
 * and a law's full parameter vector (free, fixed and tied values).
 *
 * <p>Holds scratch buffers: one instance per thread ({@link #copy}).
 */
final class Parametrization {
    private final List<Parameter> parameters;
    private final int[] free;
    private final int[] tied;
    private final Program[] ties;
    private final double[] tieDerivative;

    Parametrization(List<Parameter> parameters) {
        this.parameters = List.copyOf(parameters);
        List<String> names = parameters.stream().map(Parameter::name).toList();
        int nf = 0;
        int nt = 0;
        for (Parameter p : parameters) {
            if (p.isFree()) {
                nf++;
            } else if (p.isTied()) {
                nt++;
            }
        }
        free = new int[nf];
        tied = new int[nt];
        ties = new Program[nt];
        nf = 0;
        nt = 0;
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            if (p.isFree()) {
                free[nf++] = i;
            } else if (p.isTied()) {
                Formula f = Formula.parse(p.tie());
                for (String n : f.names()) {
                    int k = names.indexOf(n);
                    if (k < 0) {
                        throw new BadInputException("tie " + p.name() + " = " + p.tie() + ": '" + n
                                + "' is not a parameter (parameters: " + String.join(", ", names) + ")");
                    }
                    if (parameters.get(k).isTied()) {
                        throw new BadInputException("tie " + p.name() + " = " + p.tie() + ": '" + n
                                + "' is itself tied; tie to free or fixed parameters");
                    }
                }
                tied[nt] = i;
                ties[nt] = f.compile(Map.of(), names, 1);
                nt++;
            }
        }
        tieDerivative = new double[1];
    }

    Parametrization copy() {
        return new Parametrization(parameters);
    }

    List<Parameter> parameters() {
        return parameters;
    }

    int freeCount() {
        return free.length;
    }

    /** Index in the law's parameter list of free slot {@code s}. */
    int freeParameter(int s) {
        return free[s];
    }

    Bounds bounds() {
        double[] lo = new double[free.length];
        double[] hi = new double[free.length];
        for (int s = 0; s < free.length; s++) {
            Parameter p = parameters.get(free[s]);
            if (p.transform() == Transform.LOG) {
                lo[s] = p.lower() > 0 ? Math.log(p.lower()) : Double.NEGATIVE_INFINITY;
                hi[s] = Math.log(p.upper());
            } else {
                lo[s] = p.lower();
                hi[s] = p.upper();
            }
        }
        return new Bounds(lo, hi);
    }

    /** Full parameter values from optimiser coordinates. */
    void toParameters(double[] u, double[] p) {
        for (int i = 0; i < p.length; i++) {
            Parameter d = parameters.get(i);
            if (d.isFixed()) {
                p[i] = d.fixed().getAsDouble();
            }
        }
        for (int s = 0; s < free.length; s++) {
            p[free[s]] = parameters.get(free[s]).transform().fromOptimizer(u[s]);
        }
        for (int t = 0; t < tied.length; t++) {
            ties[t].run(p);
            ties[t].output(0, tieDerivative);
            p[tied[t]] = tieDerivative[0];
        }
    }

    double[] toParameters(double[] u) {
        double[] p = new double[parameters.size()];
        toParameters(u, p);
        return p;
    }

    /** Optimiser coordinates of full parameter values (free ones only). */
    double[] toOptimizer(double[] p) {
        double[] u = new double[free.length];
        for (int s = 0; s < free.length; s++) {
            u[s] = parameters.get(free[s]).transform().toOptimizer(p[free[s]]);
        }
        return u;
    }

    /**
     * The gradient in optimiser coordinates from the gradient over full parameters (chain rule
     * through ties and transforms). {@code p} must be {@link #toParameters} of {@code u}.
     */
    void chain(double[] u, double[] p, double[] gradientP, double[] gradientU) {
        for (int t = 0; t < tied.length; t++) {
            double g = gradientP[tied[t]];
            if (g == 0) {
                continue;
            }
            ties[t].run(p);
            for (int s = 0; s < free.length; s++) {
                ties[t].output(1 + free[s], tieDerivative);
                gradientP[free[s]] += g * tieDerivative[0];
            }
        }
        for (int s = 0; s < free.length; s++) {
            gradientU[s] = gradientP[free[s]] * parameters.get(free[s]).transform().derivative(u[s]);
        }
    }

    /**
     * Without ties, {@link #chain} multiplies each free slot's gradient by d p / d u of its own
     * parameter alone: those factors at {@code u}, to reuse over the rows of a Jacobian; null
     * when some parameter is tied.
     */
    double[] slotDerivatives(double[] u) {
        if (tied.length > 0) {
            return null;
        }
        double[] out = new double[free.length];
        for (int s = 0; s < free.length; s++) {
            out[s] = parameters.get(free[s]).transform().derivative(u[s]);
        }
        return out;
    }

    /** d p_i / d u_s for every parameter i and free slot s (for covariances of tied values). */
    double[][] parameterJacobian(double[] u) {
        double[] p = toParameters(u);
        double[][] out = new double[parameters.size()][free.length];
        for (int s = 0; s < free.length; s++) {
            out[free[s]][s] = parameters.get(free[s]).transform().derivative(u[s]);
        }
        for (int t = 0; t < tied.length; t++) {
            ties[t].run(p);
            for (int s = 0; s < free.length; s++) {
                ties[t].output(1 + free[s], tieDerivative);
                out[tied[t]][s] = tieDerivative[0] * out[free[s]][s];
            }
        }
        return out;
    }
}
