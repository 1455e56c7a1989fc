package dev.slaw.law;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.law.expr.Formula;
import dev.slaw.law.expr.Program;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A law written in the law language: every name of the formula is either a data variable or a
 * parameter.
 *
 * @param name       catalogue name, or the formula text for a user formula
 * @param definition the parsed formula
 * @param variables  names of the formula that are data columns
 * @param parameters names of the formula that are parameters, with their declarations
 * @param target     log or plain residuals
 * @param metadata   citation, description, start grid
 */
public record FormulaLaw(String name, Formula definition, List<String> variables, List<Parameter> parameters,
                         Target target, LawMetadata metadata) implements Law {

    public FormulaLaw {
        Objects.requireNonNull(name);
        Objects.requireNonNull(definition);
        variables = List.copyOf(variables);
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(target);
        Objects.requireNonNull(metadata);
        for (String n : definition.names()) {
            boolean isParameter = parameters.stream().anyMatch(p -> p.name().equals(n));
            if (!isParameter && !variables.contains(n)) {
                throw new BadInputException("law " + name + ": '" + n + "' is neither a variable nor a parameter");
            }
        }
    }

    /**
     * A law from a user's formula: names that are columns of the data are variables, the rest
     * are free, unbounded parameters (declare bounds with {@link #withParameters}).
     *
     * @throws BadInputException when a parameter's name differs from a column only in case (a
     *                           typo would otherwise become a fitted constant), when no name is
     *                           a column, or when every name is
     */
    public static FormulaLaw fromFormula(String text, Collection<String> dataColumns) {
        Formula f = Formula.parse(text, dataColumns);
        List<String> vars = new ArrayList<>();
        List<Parameter> params = new ArrayList<>();
        boolean perLevel = false;
        for (String n : f.names()) {
            java.util.Optional<String[]> ix = LevelLaw.indexed(n);
            if (ix.isPresent() && !dataColumns.contains(n)) {
                if (!dataColumns.contains(ix.get()[1])) {
                    throw new BadInputException("formula \"" + text + "\": " + n + " has one value per level of column '"
                            + ix.get()[1] + "', but the data has no such column (columns: "
                            + String.join(", ", dataColumns) + ")");
                }
                perLevel = true;
                params.add(Parameter.free(n));
            } else if (dataColumns.contains(n)) {
                vars.add(n);
            } else {
                for (String c : dataColumns) {
                    if (c.equalsIgnoreCase(n)) {
                        throw new BadInputException("formula \"" + text + "\": '" + n + "' is not a column, but '" + c
                                + "' is (names are case-sensitive): write " + c + ", or name the parameter otherwise");
                    }
                }
                params.add(Parameter.free(n));
            }
        }
        if (params.isEmpty()) {
            throw new BadInputException("formula \"" + text + "\" has no parameters: every name is a data column");
        }
        if (vars.isEmpty() && !perLevel) {
            throw new BadInputException("formula \"" + text + "\" uses no column of the data, so every name in it ("
                    + String.join(", ", f.names()) + ") would be a fitted constant (columns: "
                    + String.join(", ", dataColumns) + ")");
        }
        return new FormulaLaw(text, f, vars, params, Target.LOG, LawMetadata.none());
    }

    @Override
    public String formula() {
        return definition.text();
    }

    /** The text columns of its per-level parameters ({@code family} for {@code u[family]}). */
    @Override
    public List<String> labelColumns() {
        List<String> out = new ArrayList<>();
        for (Parameter p : parameters) {
            LevelLaw.indexed(p.name()).map(ix -> ix[1]).filter(c -> !out.contains(c)).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public LawEvaluator evaluator(Dataset data) {
        if (!labelColumns().isEmpty()) {
            // one value per level exists only once the levels are known: LevelLaw.bind (the fitter does it)
            throw new BadInputException("law " + name + " has parameters per level of " + String.join(", ", labelColumns())
                    + ": fit it to learn its levels before evaluating it");
        }
        return compiled(data);
    }

    /** The evaluator over {@code data}'s columns, every parameter name taken as it is (a bound level's too). */
    LawEvaluator compiled(Dataset data) {
        Map<String, double[]> columns = new LinkedHashMap<>();
        for (String v : variables) {
            if (!data.hasColumn(v)) {
                throw new BadInputException(data.source() + ": law " + name + " needs a column '" + v
                        + "' (columns: " + String.join(", ", data.columnNames()) + ")");
            }
            double[] c = data.column(v);
            for (int i = 0; i < c.length; i++) {
                if (!Double.isFinite(c[i])) {
                    throw new BadInputException(data.source() + ": row " + data.rowNumber(i) + ", column \"" + v
                            + "\": " + c[i] + " is not a finite number");
                }
            }
            columns.put(v, c);
        }
        List<String> names = parameters.stream().map(Parameter::name).toList();
        Program program = definition.compile(columns, names, data.rowCount());
        return new CompiledEvaluator(program, names.size());
    }

    @Override
    public Law withParameters(List<Parameter> newParameters) {
        return new FormulaLaw(name, definition, variables, newParameters, target, metadata);
    }

    @Override
    public Law withTarget(Target newTarget) {
        return new FormulaLaw(name, definition, variables, parameters, newTarget, metadata);
    }

    /** The same law under another name (a user formula saved under a short name). */
    public FormulaLaw withName(String newName) {
        return new FormulaLaw(newName, definition, variables, parameters, target, metadata);
    }

    @Override
    public String toString() {
        return name + ": " + definition.text();
    }

    private static final class CompiledEvaluator implements LawEvaluator {
        private final Program program;
        private final int parameterCount;

        CompiledEvaluator(Program program, int parameterCount) {
            this.program = program;
            this.parameterCount = parameterCount;
        }

        @Override
        public int rows() {
            return program.rows();
        }

        @Override
        public void evaluate(double[] parameters, double[] values, double[][] jacobian) {
            program.run(parameters);
            program.output(0, values);
            if (jacobian != null) {
                for (int j = 0; j < parameterCount; j++) {
                    program.output(1 + j, jacobian[j]);
                }
            }
        }
    }
}
