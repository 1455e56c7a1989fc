package dev.slaw.planning;

import dev.slaw.data.BadInputException;
import dev.slaw.law.Numbers;
import dev.slaw.law.expr.Formula;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Training compute as a function of parameters N and tokens D, in FLOPs.
 *
 * <p>The default is Kaplan et al. 2020's C = 6 N D (forward and backward pass, attention
 * ignored). Any formula of the law language over N, D and named constants may replace it, e.g.
 * {@code 6*N*D + 6*n_layers*ctx*d_model*D} with the constants {@code n_layers}, {@code ctx} and
 * {@code d_model} bound to numbers. Training compute must grow with D at fixed N, so that the
 * tokens a budget buys are found by a one-dimensional root find.
 *
 * @param formula   the formula text, over N, D and the constants
 * @param constants values of every other name the formula uses
 */
public record FlopModel(String formula, Map<String, Double> constants) {
    /** The standard {@code 6*N*D}. */
    public static final FlopModel STANDARD = new FlopModel("6*N*D", Map.of());

    public FlopModel {
        Objects.requireNonNull(formula, "formula");
        constants = Collections.unmodifiableMap(new LinkedHashMap<>(constants));
        Formula f = Formula.parse(formula);
        for (String name : f.names()) {
            if (!name.equals("N") && !name.equals("D") && !constants.containsKey(name)) {
                throw new BadInputException("FLOP model \"" + formula + "\": '" + name
                        + "' is neither N, D nor a given constant (bind it, e.g. " + name + "=2048)");
            }
        }
        if (!f.names().contains("D")) {
            throw new BadInputException("FLOP model \"" + formula + "\" does not use D, the training tokens");
        }
    }

    /** A FLOP model from a formula over N, D and the given constants. */
    public static FlopModel of(String formula, Map<String, Double> constants) {
        return new FlopModel(formula, constants);
    }

    public FlopModel withConstant(String name, double value) {
        Map<String, Double> c = new LinkedHashMap<>(constants);
        c.put(name, value);
        return new FlopModel(formula, c);
    }

    /** Whether this is C = 6 N D, for which the Chinchilla closed form holds. */
    public boolean isStandard() {
        String compact = formula.replaceAll("\\s+", "");
        return compact.equals("6*N*D") || compact.equals("6*D*N") || compact.equals("N*D*6");
    }

    /** Training FLOPs of N parameters on D tokens. */
    public double flops(double parameterCount, double tokenCount) {
        if (isStandard()) {
            return 6 * parameterCount * tokenCount;
        }
        Map<String, double[]> columns = new HashMap<>();
        constants.forEach((k, v) -> columns.put(k, new double[]{v}));
        columns.put("N", new double[]{parameterCount});
        columns.put("D", new double[]{tokenCount});
        return Formula.parse(formula).evaluate(columns)[0];
    }

    /**
     * The tokens D that a budget buys for a model of N parameters: the root of C(N, D) = budget,
     * found in log D (exact for 6 N D). NaN when the budget cannot pay for even one token.
     */
    public double tokensFor(double parameterCount, double budget) {
        if (isStandard()) {
            return budget / (6 * parameterCount);
        }
        Formula f = Formula.parse(formula);
        Map<String, double[]> columns = new HashMap<>();
        constants.forEach((k, v) -> columns.put(k, new double[]{v}));
        columns.put("N", new double[]{parameterCount});
        double[] d = new double[1];
        columns.put("D", d);
        java.util.function.DoubleUnaryOperator excess = logD -> {
            d[0] = Math.exp(logD);
            return Math.log(f.evaluate(columns)[0]) - Math.log(budget);
        };
        double lo = 0;
        if (excess.applyAsDouble(lo) > 0) {
            return Double.NaN;
        }
        double hi = Math.log(budget);
        while (excess.applyAsDouble(hi) < 0) {
            hi += 10;
            if (hi > 500) {
                throw new BadInputException("FLOP model \"" + formula + "\" never reaches " + Numbers.compact(budget)
                        + " FLOPs for N = " + Numbers.compact(parameterCount) + ": it must grow with D");
            }
        }
        return Math.exp(OneDimension.root(excess, lo, hi));
    }

    @Override
    public String toString() {
        if (constants.isEmpty()) {
            return formula;
        }
        StringBuilder sb = new StringBuilder(formula).append(" with ");
        int i = 0;
        for (Map.Entry<String, Double> e : constants.entrySet()) {
            sb.append(i++ == 0 ? "" : ", ").append(e.getKey()).append(" = ").append(Numbers.compact(e.getValue()));
        }
        return sb.toString();
    }
}
