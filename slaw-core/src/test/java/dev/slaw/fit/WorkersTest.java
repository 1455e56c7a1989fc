package dev.slaw.fit;

import dev.slaw.data.BadInputException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one worker pool: every task once, results by index, a worker's failure rethrown as it was. */
class WorkersTest {

    @Property(tries = 60, seed = "13")
    void everyTaskRunsOnceWithItsOwnThreadsStateAndTheResultsDoNotDependOnTheThreadCount(
            @ForAll @IntRange(min = 0, max = 200) int count, @ForAll @IntRange(min = 1, max = 8) int threads) {
        int[] runs = new int[count];
        long[] results = new long[count];
        AtomicInteger states = new AtomicInteger();
        Workers.forEachIndex(count, threads, "test-", () -> new long[]{states.incrementAndGet()}, (own, i) -> {
            synchronized (runs) {
                runs[i]++;
            }
            results[i] = (long) i * i;
        });
        for (int i = 0; i < count; i++) {
            assertThat(runs[i]).isEqualTo(1);
            assertThat(results[i]).isEqualTo((long) i * i);
        }
        // one state per thread used, never more threads than tasks
        assertThat(states.get()).isBetween(1, Math.max(1, Math.min(threads, count)));
    }

    @Test
    void aWorkersBadInputOrErrorReachesTheCallerAsItWas() {
        assertThatThrownBy(() -> Workers.forEachIndex(10, 3, "test-", () -> null, (own, i) -> {
            if (i == 7) {
                throw new BadInputException("row 7 is bad");
            }
        })).isInstanceOf(BadInputException.class).hasMessage("row 7 is bad");
        assertThatThrownBy(() -> Workers.forEachIndex(10, 3, "test-", () -> null, (own, i) -> {
            if (i == 4) {
                throw new StackOverflowError("deep");
            }
        })).isInstanceOf(StackOverflowError.class);
    }
}
