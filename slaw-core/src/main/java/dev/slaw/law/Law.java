package dev.slaw.law;

import dev.slaw.data.Dataset;

import java.util.List;

/**
 * A scaling law: a function of data variables with named parameters.
 *
 * <p>Most laws are formulas in the law language ({@link FormulaLaw}); laws that need a sum over a
 * learning-rate schedule are Java kernels behind this same interface.
 */
public interface Law {
    /** Catalogue name, or the formula itself for a user formula. */
    String name();

    /** The formula as a reader would write it, e.g. {@code L = E + A / N^alpha + B / D^beta}. */
    String formula();

    /** Data variables the law reads, in order. */
    List<String> variables();

    /** Text columns the law reads besides its variables (a curve law's run label); none for most laws. */
    default List<String> labelColumns() {
        return List.of();
    }

    /**
     * Variables that may hold one value in every row without leaving a term undetermined: they set
     * where the law changes form, not a term's scale (a data pool's size, against which the samples
     * seen count epochs). None for most laws.
     */
    default List<String> settingVariables() {
        return List.of();
    }

    /** Declared parameters (with their default bounds, transform, fixed values and ties). */
    List<Parameter> parameters();

    /** Whether residuals are taken on log targets. */
    Target target();

    /** Citation, description and default start grid. */
    LawMetadata metadata();

    /**
     * Binds the law to a dataset's columns.
     *
     * @throws IllegalArgumentException naming the missing column, or a row whose value the law
     *                                  cannot use
     */
    LawEvaluator evaluator(Dataset data);

    /** The same law with other parameter declarations (bounds, fixed values, ties). */
    Law withParameters(List<Parameter> parameters);

    /** The same law fitted on another kind of target. */
    Law withTarget(Target target);

    /** Index of a parameter by name, or -1. */
    default int parameterIndex(String name) {
        List<Parameter> ps = parameters();
        for (int i = 0; i < ps.size(); i++) {
            if (ps.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
