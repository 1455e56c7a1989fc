package dev.slaw.law;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.law.expr.Formula;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A catalogue law over a data mixture: its formula sums over domains with {@code dot(t, r)}, so
 * it has no fixed list of parameters until {@link #bind} gives {@code r} its proportion columns.
 * Bound, it is an ordinary {@link FormulaLaw} (parameters {@code t_<domain>}, each declared and
 * started as {@code t} is; see {@link MixtureVariables} for the reference domain).
 *
 * @param name      catalogue name
 * @param template  the formula with its {@code dot} forms
 * @param vectors   the mixture variables (bound at fit time)
 * @param scalars   the ordinary variables
 * @param declared  each parameter as declared, a vector parameter standing for its components
 * @param target    log or plain residuals
 * @param metadata  citation, description, start grid (a vector parameter's values start every component)
 */
public record MixtureLaw(String name, String template, List<String> vectors, List<String> scalars,
                         List<Parameter> declared, Target target, LawMetadata metadata) implements Law {

    public MixtureLaw {
        vectors = List.copyOf(vectors);
        scalars = List.copyOf(scalars);
        declared = List.copyOf(declared);
    }

    /** Reads a catalogue entry whose variables include a mixture {@code r[]}. */
    static MixtureLaw of(String name, String formula, Map<String, String> variables, List<String> declarations,
                         Target target, LawMetadata metadata) {
        List<String> vectors = new ArrayList<>();
        List<String> scalars = new ArrayList<>();
        for (String v : variables.keySet()) {
            if (v.endsWith("[]")) {
                vectors.add(v.substring(0, v.length() - 2));
            } else {
                scalars.add(v);
            }
        }
        // the names of the formula, each dot(t, r) read as t * r
        Formula shape = Formula.parse(MixtureVariables.shape(formula));
        List<Parameter> params = new ArrayList<>();
        for (String n : shape.names()) {
            if (!vectors.contains(n) && !scalars.contains(n)) {
                params.add(Parameter.free(n));
            }
        }
        params = ParameterDeclaration.applyAll(params, declarations, name);
        Map<String, String> meanings = new LinkedHashMap<>();
        variables.forEach((k, v) -> meanings.put(k.replace("[]", ""), v));
        return new MixtureLaw(name, formula, vectors, scalars, params, target,
                new LawMetadata(metadata.description(), metadata.citation(), meanings, metadata.startGrid()));
    }

    /**
     * This law over the given proportion columns.
     *
     * @throws BadInputException when a mixture variable of the law is not bound
     */
    public FormulaLaw bind(MixtureVariables mixture) {
        for (String v : vectors) {
            if (!mixture.vectors().containsKey(v)) {
                throw new BadInputException("law " + name + " sums over the mixture " + v
                        + ": bind it to the proportion columns with --mixture " + v + "=COLUMN1,COLUMN2,...");
            }
        }
        List<String> vectorParameters = MixtureVariables.vectorParameters(template);
        String expanded = mixture.expand(template);
        Formula f = Formula.parse(expanded);
        List<String> variables = new ArrayList<>(scalars);
        for (String v : vectors) {
            variables.addAll(mixture.vectors().get(v));
        }
        List<Parameter> params = new ArrayList<>();
        Map<String, List<Double>> starts = new LinkedHashMap<>();
        for (String n : f.names()) {
            if (variables.contains(n)) {
                continue;
            }
            String base = declaredName(n, vectorParameters, mixture);
            Parameter d = declared.stream().filter(p -> p.name().equals(base)).findFirst().orElseThrow(
                    () -> new IllegalStateException("law " + name + ": no declaration for " + n));
            params.add(new Parameter(n, d.lower(), d.upper(), d.transform(), d.fixed(), d.tie()));
            List<Double> s = metadata.startGrid().get(base);
            if (s != null) {
                starts.put(n, s);
            }
        }
        return new FormulaLaw(name, f, variables, params, target,
                new LawMetadata(metadata.description(), metadata.citation(), metadata.variables(), starts));
    }

    /** The vector parameter a component belongs to, or the name itself for a scalar parameter. */
    private String declaredName(String n, List<String> vectorParameters, MixtureVariables mixture) {
        for (String p : vectorParameters) {
            for (String v : vectors) {
                List<String> domains = mixture.domains(v);
                for (int j = 0; j < domains.size(); j++) {
                    if (n.equals(mixture.component(p, v, j))) {
                        return p;
                    }
                }
            }
        }
        return n;
    }

    @Override
    public String formula() {
        return template;
    }

    @Override
    public List<String> variables() {
        List<String> out = new ArrayList<>(scalars);
        out.addAll(vectors);
        return out;
    }

    @Override
    public List<Parameter> parameters() {
        return declared;
    }

    @Override
    public LawEvaluator evaluator(Dataset data) {
        throw new BadInputException("law " + name + " sums over the mixture " + String.join(", ", vectors)
                + ": bind it with slaw mixture fit --mixture " + vectors.get(0) + "=COLUMN1,COLUMN2,...");
    }

    @Override
    public Law withParameters(List<Parameter> parameters) {
        return new MixtureLaw(name, template, vectors, scalars, parameters, target, metadata);
    }

    @Override
    public Law withTarget(Target newTarget) {
        return new MixtureLaw(name, template, vectors, scalars, declared, newTarget, metadata);
    }
}
