package dev.slaw.planning;

import dev.slaw.data.BadInputException;
import dev.slaw.fit.Fit;
import dev.slaw.fit.Predictor;
import dev.slaw.law.Law;
import dev.slaw.law.Parameter;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The loss a law predicts as a function of parameters N and tokens D: what every planner
 * optimises. Built from a {@link Fit}, from a law with parameter values (a bootstrap replicate),
 * or from any {@link Predictor}; other variables of the law (e.g. U, the unique tokens of the
 * data-constrained law) are held at given values.
 *
 * @param lawName        law name, for reports
 * @param law            the law, when known (needed to re-plan under replicates), else null
 * @param parameters     the law's parameter values, when known, else empty
 * @param predictor      the prediction contract
 * @param fixedVariables values of the law's variables other than N and D
 * @param closedForm     Chinchilla's form, when the law is one
 */
public record LossSurface(String lawName, Law law, Map<String, Double> parameters, Predictor predictor,
                          Map<String, Double> fixedVariables, Optional<ChinchillaForm> closedForm) {

    public LossSurface {
        Objects.requireNonNull(lawName, "lawName");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        Objects.requireNonNull(predictor, "predictor");
        fixedVariables = Collections.unmodifiableMap(new LinkedHashMap<>(fixedVariables));
        Objects.requireNonNull(closedForm, "closedForm");
    }

    /** The surface of a fit: its law, its parameter values, its predictions. */
    public static LossSurface of(Fit fit) {
        requireND(fit.law());
        Map<String, Double> values = fit.valueMap();
        return new LossSurface(fit.law().name(), fit.law(), values, fit, Map.of(),
                ChinchillaForm.detect(fit.law(), values));
    }

    /**
     * The surface of a law at given parameter values. A parameter missing from the map may be
     * supplied by its declaration: its fixed value, or the parameter its tie names.
     *
     * @throws BadInputException naming a parameter without a value
     */
    public static LossSurface of(Law law, Map<String, Double> parameters) {
        requireND(law);
        Map<String, Double> values = completeValues(law, parameters);
        return new LossSurface(law.name(), law, values, new LawPredictor(law, values), Map.of(),
                ChinchillaForm.detect(law, values));
    }

    /** The surface of a bare predictor of N and D (numeric planning only, no replicates). */
    public static LossSurface of(Predictor predictor) {
        return new LossSurface("predictor", null, Map.of(), predictor, Map.of(), Optional.empty());
    }

    /** The same law with another parameter set (a bootstrap replicate). */
    public LossSurface withParameters(Map<String, Double> newParameters) {
        if (law == null) {
            throw new IllegalStateException("a surface built from a bare predictor cannot take new parameters");
        }
        LossSurface s = of(law, newParameters);
        return new LossSurface(lawName, law, s.parameters, s.predictor, fixedVariables, s.closedForm);
    }

    /**
     * The same surface with a variable other than N and D held at a value. A law with more
     * variables than N and D has no Chinchilla closed form.
     */
    public LossSurface withFixedVariable(String name, double value) {
        Map<String, Double> f = new LinkedHashMap<>(fixedVariables);
        f.put(name, value);
        return new LossSurface(lawName, law, parameters, predictor, f, closedForm);
    }

    /** L(N, D) with the fixed variables at their values. */
    public double loss(double parameterCount, double tokenCount) {
        if (closedForm.isPresent()) {
            // the law is exactly this form: skip building a one-row dataset per evaluation
            return closedForm.get().loss(parameterCount, tokenCount);
        }
        Map<String, Double> point = new HashMap<>(fixedVariables);
        point.put("N", parameterCount);
        point.put("D", tokenCount);
        return predictor.predict(point);
    }

    /** L at a full point (for laws with variables besides N and D). */
    public double loss(Map<String, Double> point) {
        Map<String, Double> p = new HashMap<>(fixedVariables);
        p.putAll(point);
        return predictor.predict(p);
    }

    /** The law's parameter value by name, or NaN. */
    public double parameter(String name) {
        return parameters.getOrDefault(name, Double.NaN);
    }

    private static void requireND(Law law) {
        if (!law.variables().contains("N") || !law.variables().contains("D")) {
            throw new BadInputException("law " + law.name() + " reads " + String.join(", ", law.variables())
                    + "; planning needs a law in N (parameters) and D (training tokens)");
        }
    }

    /**
     * Every parameter of {@code law} with a value: the one given, else its fixed value, else the
     * value of the parameter it is tied to; the one place a plan at given values completes them.
     *
     * @throws BadInputException naming the first parameter without one, and all the law's
     */
    static Map<String, Double> completeValues(Law law, Map<String, Double> given) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Parameter p : law.parameters()) {
            Double v = given.get(p.name());
            if (v == null && p.isFixed()) {
                v = p.fixed().getAsDouble();
            }
            if (v == null && p.isTied() && given.containsKey(p.tie().strip())) {
                v = given.get(p.tie().strip());
            }
            if (v == null) {
                throw new BadInputException("law " + law.name() + ": no value for parameter " + p.name()
                        + " (a plan at given values needs each of " + String.join(", ", law.parameters().stream()
                        .filter(q -> !q.isFixed() && !q.isTied()).map(Parameter::name).toList())
                        + ": slaw plan --law " + law.name() + " --set NAME=VALUE ..., or plan with a fit)");
            }
            out.put(p.name(), v);
        }
        return out;
    }

    /** A law evaluated at one parameter set, one point at a time. */
    private record LawPredictor(Law law, Map<String, Double> values) implements Predictor {
        @Override
        public double predict(Map<String, Double> point) {
            double[] p = new double[law.parameters().size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = values.get(law.parameters().get(i).name());
            }
            return Predictor.at(law, p, point);
        }
    }
}
