package dev.slaw.io;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LadderFolderTest {
    @Test
    void theMovingAverageAveragesWhatThereIsAtTheStartAfterTheSkippedRows() {
        double[] v = {100, 1, 2, 3, 4};
        assertThat(LadderFolder.movingAverage(v, 1, 2)).containsExactly(1, 1.5, 2.5, 3.5);
        assertThat(LadderFolder.movingAverage(v, 0, 1)).containsExactly(v);
        assertThat(LadderFolder.movingAverage(v, 5, 3)).isEmpty();
    }

    @Test
    void theLastMeanTakesTheLastKOrAll() {
        assertThat(LadderFolder.lastMean(new double[]{1, 2, 3, 4}, 2)).isEqualTo(3.5);
        assertThat(LadderFolder.lastMean(new double[]{1, 2}, 5)).isEqualTo(1.5);
    }
}
