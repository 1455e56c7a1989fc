package dev.slaw.uncertainty;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The moving-block resample of a loss curve's rows: every run rebuilt to its own length from its own rows. */
class BlockResamplingTest {

    /** Runs of the given lengths over consecutive row numbers. */
    private static int[][] runs(int... lengths) {
        int[][] runs = new int[lengths.length][];
        int row = 0;
        for (int r = 0; r < lengths.length; r++) {
            runs[r] = new int[lengths[r]];
            for (int k = 0; k < lengths[r]; k++) {
                runs[r][k] = row++;
            }
        }
        return runs;
    }

    @Property(tries = 200, seed = "5")
    void everyRunKeepsItsLengthAndDrawsOnlyItsOwnRows(@ForAll @IntRange(min = 1, max = 60) int first,
                                                     @ForAll @IntRange(min = 1, max = 60) int second,
                                                     @ForAll @IntRange(min = 1, max = 80) int block,
                                                     @ForAll @LongRange(min = 0, max = 1000) long seed) {
        int[][] runs = runs(first, second);
        double[] counts = new double[first + second];
        Bootstrap.blockMultiplicities(runs, block, new SplittableRandom(seed), counts);
        for (int[] rows : runs) {
            double total = 0;
            for (int row : rows) {
                total += counts[row];
            }
            assertThat(total).isEqualTo(rows.length);
        }
    }

    @Test
    void blocksAreConsecutiveRows() {
        // one run of 100 rows in blocks of 10: ten blocks, so the rows drawn form runs of consecutive numbers
        int[][] runs = runs(100);
        double[] counts = new double[100];
        Bootstrap.blockMultiplicities(runs, 10, new SplittableRandom(3), counts);
        int distinct = 0;
        for (double c : counts) {
            distinct += c > 0 ? 1 : 0;
        }
        assertThat(distinct).isGreaterThanOrEqualTo(10).isLessThan(100);
        assertThat(Bootstrap.blocksPerResample(runs(100, 95, 5), 10)).isEqualTo(10 + 10 + 1);
    }

    @Test
    void blocksNeedARunColumnAndALengthAndSplitStreams() {
        BootstrapOptions options = BootstrapOptions.defaults();
        assertThatThrownBy(() -> options.withBlocks("run", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> options.withBlocks(null, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> options.withBlocks("run", 5).withSampler(Sampler.NUMPY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(options.withBlocks("run", 5).withRows().blockRows()).isZero();
    }
}
