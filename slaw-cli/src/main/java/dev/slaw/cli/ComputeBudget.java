package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * {@code --compute}: training compute budgets in FLOPs, written as people write them (5.88e23,
 * 1.2e24), each positive. {@code plan} takes several, comma-separated; the other commands one.
 */
final class ComputeBudget implements CheckedOptions {
    /** Chinchilla's budget (Hoffmann et al. 2022, Gopher's compute), where a command reports at one by default. */
    static final String CHINCHILLA = "5.88e23";

    @Option(names = "--compute", paramLabel = "FLOPS", split = ",",
            description = "Compute budget in FLOPs at which to report or plan N_opt, D_opt and D/N, e.g. 5.88e23"
                    + " (plan: several, comma-separated; sensitivity and plan isoflop: default " + CHINCHILLA + ").")
    List<String> budgets = new ArrayList<>();

    /** Whether the command plans for several budgets. */
    private final boolean several;

    private ComputeBudget(List<String> budgets, boolean several) {
        this.budgets = new ArrayList<>(budgets);
        this.several = several;
    }

    /** One optional budget. */
    static ComputeBudget optional() {
        return new ComputeBudget(List.of(), false);
    }

    /** One budget, {@code defaultBudget} when none is given. */
    static ComputeBudget orElse(String defaultBudget) {
        return new ComputeBudget(List.of(defaultBudget), false);
    }

    /** Any number of budgets. */
    static ComputeBudget several() {
        return new ComputeBudget(List.of(), true);
    }

    /** The budgets in FLOPs, in the order given. */
    List<Double> flops() {
        List<Double> flops = new ArrayList<>();
        for (String b : budgets) {
            double c = Assignments.number(b, "--compute");
            if (!(c > 0)) {
                throw new BadInputException("--compute must be a positive number of FLOPs, got " + b.strip());
            }
            flops.add(c);
        }
        return flops;
    }

    /** The one budget, if any. */
    OptionalDouble one() {
        List<Double> flops = flops();
        return flops.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(flops.get(0));
    }

    @Override
    public void check() {
        if (!several && budgets.size() > 1) {
            throw new BadInputException("--compute takes one budget here, got " + String.join(",", budgets));
        }
        flops();
    }
}
