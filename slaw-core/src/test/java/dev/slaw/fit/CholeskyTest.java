package dev.slaw.fit;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The written-out Cholesky factor and solve that the preconditioner and variable projection share. */
class CholeskyTest {
    @Property(tries = 200, seed = "1995") // fixed, so a failure reproduces
    void solvesEveryPositiveDefiniteSystem(@ForAll @IntRange(min = 1, max = 8) int k,
                                           @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] m = new double[k][k];
        for (double[] row : m) {
            for (int j = 0; j < k; j++) {
                row[j] = random.nextDouble(-1, 1);
            }
        }
        // A = M M' + I is symmetric positive definite, with a condition number of at most 1 + k
        double[][] a = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                for (int l = 0; l < k; l++) {
                    a[i][j] += m[i][l] * m[j][l];
                }
            }
            a[i][i] += 1;
        }
        double[] b = new double[k];
        for (int i = 0; i < k; i++) {
            b[i] = random.nextDouble(-10, 10);
        }
        double[] x = Cholesky.solve(Cholesky.factor(a), b);
        for (int i = 0; i < k; i++) {
            double ax = 0;
            for (int j = 0; j < k; j++) {
                ax += a[i][j] * x[j];
            }
            assertThat(ax).isCloseTo(b[i], org.assertj.core.data.Offset.offset(1e-9 * (1 + Math.abs(b[i]))));
        }
    }

    @Test
    void aMatrixThatIsNotPositiveDefiniteHasNoFactor() {
        assertThat(Cholesky.factor(new double[][]{{1, 0}, {2, 1}})).isNull(); // [[1, 2], [2, 1]] is indefinite
        assertThat(Cholesky.factor(new double[][]{{Double.NaN}})).isNull();
        assertThat(Cholesky.factor(new double[][]{{0}})).isNull();
    }
}
