package dev.slaw.uncertainty;

import dev.slaw.fit.Fit;
import dev.slaw.fit.FittedParameter;
import dev.slaw.law.Numbers;
import dev.slaw.law.Parameter;
import dev.slaw.law.Transform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each bootstrap replicate's fit begins: the point estimate, plus (when {@code axes}) a
 * small grid along each free parameter's axis: that parameter moved down and up by one step,
 * the others held at the point estimate, 1 + 2k starts for k free parameters. A step is a
 * factor e^{@code logStep} for parameters optimised in log space (A, B, E of Chinchilla) and
 * {@code linearStep} for the others (the exponents), clamped into the bounds.
 *
 * <p>A resample moves the optimum only a little, so the point estimate is the natural start;
 * the axis points guard against a replicate whose optimum has moved into another basin (the
 * weakly determined B of Chinchilla), at a cost of 2k more local fits.
 *
 * @param axes       add the 2k axis points
 * @param logStep    step in log units for log-space parameters
 * @param linearStep step for the other parameters
 */
public record ReplicateStarts(boolean axes, double logStep, double linearStep) {

    public ReplicateStarts {
        if (!(logStep > 0) || !(linearStep > 0)) {
            throw new IllegalArgumentException("start steps must be positive, got " + logStep + " and " + linearStep);
        }
    }

    /** The point estimate and steps of a factor e (log-space) and 0.1 (others) along each axis. */
    public static ReplicateStarts pointAndAxes() {
        return new ReplicateStarts(true, 1.0, 0.1);
    }

    /** The point estimate alone. */
    public static ReplicateStarts pointOnly() {
        return new ReplicateStarts(false, 1.0, 0.1);
    }

    public ReplicateStarts withAxes(boolean a) {
        return new ReplicateStarts(a, logStep, linearStep);
    }

    public ReplicateStarts withSteps(double log, double linear) {
        return new ReplicateStarts(axes, log, linear);
    }

    /** The start points, parameter name to value (free parameters only). */
    public List<Map<String, Double>> points(Fit pointEstimate) {
        Map<String, Double> centre = new LinkedHashMap<>();
        List<Parameter> declared = pointEstimate.law().parameters();
        List<Parameter> free = new ArrayList<>();
        for (FittedParameter p : pointEstimate.parameters()) {
            if (p.state() == FittedParameter.State.FREE) {
                centre.put(p.name(), p.value());
                free.add(declared.get(pointEstimate.law().parameterIndex(p.name())));
            }
        }
        List<Map<String, Double>> out = new ArrayList<>();
        out.add(centre);
        if (!axes) {
            return out;
        }
        for (Parameter p : free) {
            for (int sign = -1; sign <= 1; sign += 2) {
                double v = centre.get(p.name());
                double moved = p.transform() == Transform.LOG ? v * Math.exp(sign * logStep) : v + sign * linearStep;
                moved = Math.max(p.lower(), Math.min(p.upper(), moved));
                Map<String, Double> point = new LinkedHashMap<>(centre);
                point.put(p.name(), moved);
                out.add(point);
            }
        }
        return out;
    }

    /** For reports, e.g. "point estimate + 10 axis points (x e^1 for log-space, +-0.1 otherwise)". */
    public String describe(int freeParameters) {
        if (!axes) {
            return "the point estimate";
        }
        return "the point estimate + " + (2 * freeParameters) + " axis points (x e^+-" + Numbers.compact(logStep)
                + " for log-space parameters, +-" + Numbers.compact(linearStep) + " for the others)";
    }
}
