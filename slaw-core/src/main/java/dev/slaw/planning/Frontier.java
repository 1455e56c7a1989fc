package dev.slaw.planning;

import dev.slaw.data.BadInputException;

import java.util.List;
import java.util.Objects;

/**
 * The compute-optimal frontier: N_opt(C), D_opt(C), tokens per parameter and predicted loss
 * over a range of budgets.
 *
 * @param lawName   the law planned with
 * @param flopModel the FLOP model, as text
 * @param rows      one allocation per budget, in the order given
 */
public record Frontier(String lawName, String flopModel, List<Allocation> rows) {
    public Frontier {
        Objects.requireNonNull(lawName);
        Objects.requireNonNull(flopModel);
        rows = List.copyOf(rows);
    }

    public Frontier withRows(List<Allocation> newRows) {
        return new Frontier(lawName, flopModel, newRows);
    }

    /**
     * {@code count} budgets spaced evenly in log C from {@code from} to {@code to} inclusive
     * (e.g. 1e20, 1e21, ..., 1e26 for 1e20, 1e26, 7).
     */
    public static double[] logSpacedBudgets(double from, double to, int count) {
        if (!(from > 0) || !(to >= from) || count < 1 || (count == 1 && to != from)) {
            throw new BadInputException("budgets: need 0 < FROM <= TO and COUNT >= 1 (COUNT >= 2 when FROM < TO), got "
                    + from + ":" + to + ":" + count);
        }
        double[] out = new double[count];
        double lf = Math.log10(from);
        double lt = Math.log10(to);
        for (int i = 0; i < count; i++) {
            out[i] = count == 1 ? from : Math.pow(10, lf + (lt - lf) * i / (count - 1));
        }
        out[0] = from;
        out[count - 1] = to;
        return out;
    }
}
