package dev.slaw.report.plots;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlotSampleTest {

    @Property(tries = 200)
    void keepsTheRowsThatMatterAndDrawsNoMoreThanTheLimitBesides(@ForAll @IntRange(min = 0, max = 20_000) int rows,
                                                                 @ForAll @IntRange(min = 1, max = 5_000) int limit,
                                                                 @ForAll @Size(max = 40) List<@IntRange(max = 19_999) Integer> asked) {
        int[] kept = asked.stream().mapToInt(Integer::intValue).filter(r -> r < rows).toArray();
        PlotSample sample = PlotSample.of(rows, limit, kept);
        long distinctKept = java.util.Arrays.stream(kept).distinct().count();
        assertThat(sample.total()).isEqualTo(rows);
        assertThat(sample.count()).isEqualTo(rows <= limit ? rows : (int) Math.max(limit, distinctKept));
        for (int row : kept) {
            assertThat(sample.shows(row)).isTrue();
        }
        int[] all = java.util.stream.IntStream.range(0, rows).toArray();
        assertThat(sample.shown(all)).hasSize(sample.count()).isSorted();
        assertThat(sample.isComplete()).isEqualTo(sample.count() == rows);
        // the same table gives the same picture
        assertThat(PlotSample.of(rows, limit, kept).shown(all)).isEqualTo(sample.shown(all));
    }

    @Test
    void extremesAreTheRowsOfEachColumnsSmallestAndLargestFiniteValue() {
        double[] x = {3, Double.NaN, -1, 7, 7};
        double[] y = {0, 5, Double.POSITIVE_INFINITY, 2, -4};
        assertThat(PlotSample.extremes(new int[]{0, 1, 2, 3, 4}, x, y)).containsExactly(2, 3, 4, 1);
        assertThat(PlotSample.extremes(new int[]{0, 1}, x)).containsExactly(0, 0);
        assertThat(PlotSample.extremes(new int[]{1}, x)).isEmpty();
    }

    @Test
    void theSampleIsSpreadOverTheTableAndItsCaptionSaysWhatIsShown() {
        PlotSample sample = PlotSample.of(2_000_000, PlotSample.LIMIT, new int[]{1_999_999});
        int[] shown = sample.shown(java.util.stream.IntStream.range(0, 2_000_000).toArray());
        assertThat(shown).hasSize(PlotSample.LIMIT).contains(1_999_999);
        // an even draw: about a quarter of the rows in each quarter of the table
        for (int q = 0; q < 4; q++) {
            int from = q * 500_000;
            long inQuarter = java.util.Arrays.stream(shown).filter(r -> r >= from && r < from + 500_000).count();
            assertThat(inQuarter).isBetween(850L, 1150L);
        }
        assertThat(sample.caption("rows")).isEqualTo("Showing 4,000 of 2,000,000 rows (the extremes of each plotted"
                + " variable and an even random draw of the rest).");
        assertThat(PlotSample.of(10, PlotSample.LIMIT, new int[0]).caption("rows")).isEmpty();
    }
}
