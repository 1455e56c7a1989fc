package dev.slaw.cli;

import dev.slaw.curve.CurveLaw;
import dev.slaw.curve.CurveProtocol;
import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.uncertainty.BootstrapOptions;
import dev.slaw.uncertainty.ReplicateStarts;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * What {@code curve bootstrap} and {@code curve validate} share: the curve files and the options
 * of {@code curve fit}, read into rows, a law and the protocol that fits and refits them; the
 * replicates; the moving blocks of steps a replicate resamples within each run
 * ({@code --block-rows}) and the seed of the draws.
 *
 * <p>Why blocks: the steps of one run are autocorrelated (a misfit lasts for thousands of
 * steps), so resampling single rows treats them as independent and understates the spread,
 * and resampling whole runs leaves three runs to draw from. A block keeps neighbouring steps
 * together, and every run keeps its length and its schedule in every resample.
 */
final class CurveResampling implements CheckedOptions {
    @Parameters(arity = "1..*", paramLabel = "CURVE.csv",
            description = "Curve files with columns step and loss (one run each, named after the file), or with a run"
                    + " column.")
    List<Path> files;

    @Mixin
    CurveCommand.LawOptions options;

    @Mixin
    ResamplingOptions resampling = new ResamplingOptions(200, 2);

    @Option(names = "--block-rows", paramLabel = "N",
            description = "Rows (logged steps) per resampled block within a run (default: the square root of the rows"
                    + " per run, rounded up).")
    Integer blockRows;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the resamples (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public void check() {
        if (blockRows != null && blockRows < 1) {
            throw new BadInputException("--block-rows must be at least 1, got " + blockRows);
        }
    }

    /**
     * The curve files as rows at or after {@code --first-step}, with the law over every run's
     * schedule and the protocol that fits them.
     */
    Curves read() {
        CurveProtocol protocol = CurveProtocol.parse(options.protocol);
        if (options.firstStep < 0) {
            throw new BadInputException("--first-step: must be >= 0, got " + options.firstStep);
        }
        Dataset all = CurveFiles.read(files);
        CurveLaw law = options.law(all);
        FitOptions base = FitOptions.defaults().withSeed(seed);
        Dataset rows = all;
        if (options.firstStep > 0) {
            // the rows are left out before fitting, so that the bootstrap resamples only fitted rows
            double[] steps = all.column(law.stepColumn());
            boolean[] keep = new boolean[steps.length];
            int dropped = 0;
            for (int i = 0; i < steps.length; i++) {
                keep[i] = steps[i] >= options.firstStep;
                dropped += keep[i] ? 0 : 1;
            }
            rows = all.filter(keep);
            if (rows.rowCount() == 0) {
                throw new BadInputException(all.source() + ": no rows at or after step " + options.firstStep
                        + " (--first-step)");
            }
            base = base.withNotes(List.of(dropped + " rows before step " + options.firstStep + " left out"));
        }
        rows = inStepOrder(rows, law);
        int runs = new LinkedHashSet<>(List.of(rows.label(law.runColumn()).orElseThrow())).size();
        // the square root, not the cube root that suits weak dependence: a curve's misfit lasts for
        // thousands of steps, and on the multi-power runs the spread stops growing only near it (docs/curves.md)
        int block = blockRows != null ? blockRows : (int) Math.ceil(Math.sqrt((double) rows.rowCount() / runs));
        return new Curves(law, rows, protocol, base, block, resampling);
    }

    /**
     * The rows of each run together and in step order, runs in order of first appearance: a
     * block of consecutive rows is then a stretch of consecutive steps, whatever the files' order.
     */
    private static Dataset inStepOrder(Dataset rows, CurveLaw law) {
        String[] run = rows.label(law.runColumn()).orElseThrow();
        double[] step = rows.column(law.stepColumn());
        Map<String, Integer> firstSeen = new HashMap<>();
        for (String r : run) {
            firstSeen.putIfAbsent(r, firstSeen.size());
        }
        int[] order = IntStream.range(0, run.length).boxed()
                .sorted(Comparator.<Integer>comparingInt(i -> firstSeen.get(run[i])).thenComparingDouble(i -> step[i]))
                .mapToInt(Integer::intValue).toArray();
        return rows.select(order);
    }

    /**
     * Curve rows ready to be fitted and resampled.
     *
     * @param law       the law over every run's schedule
     * @param rows      the rows fitted (at or after the first step)
     * @param protocol  the fitting protocol
     * @param base      the fit options the protocol starts from (seed, notes)
     * @param blockRows rows per resampled block
     * @param resampling replicates and interval level
     */
    record Curves(CurveLaw law, Dataset rows, CurveProtocol protocol, FitOptions base, int blockRows,
                  ResamplingOptions resampling) {
        /** The protocol's fit of {@code training} (a subset of {@link #rows}). */
        Fit fit(Dataset training) {
            return protocol.fit(law, training, CurveLaw.LOSS, 0, base);
        }

        /** How each replicate is refitted: the protocol's optimiser, from the point estimate. */
        FitOptions refitOptions() {
            return protocol.options(base);
        }

        /** The bootstrap: moving blocks within each run, replicates started at the point estimate. */
        BootstrapOptions bootstrap() {
            return BootstrapOptions.defaults().withReplicates(resampling.replicates()).withSeed(base.seed())
                    .withLevel(resampling.level()).withStarts(ReplicateStarts.pointOnly())
                    .withBlocks(law.runColumn(), blockRows);
        }
    }
}
