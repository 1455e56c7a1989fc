package dev.slaw.compare;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** Synthetic curves of each shape, with noise, and the 4-digit-addition fixture (emergent). */
class TrendShapeTest {
    private static final double[] X = LawSamples.logGrid(1e7, 1e11, 12);

    private static TrendShape shape(DoubleUnaryOperator f, double noise, long seed, boolean lowerIsBetter) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] y = new double[X.length];
        for (int i = 0; i < X.length; i++) {
            y[i] = f.applyAsDouble(X[i]) + noise * r.nextGaussian();
        }
        return TrendShape.classify(X, y, lowerIsBetter);
    }

    private static double u(double x) {
        // log scale centred on 1e9, from -2 to 2 decades
        return Math.log10(x) - 9;
    }

    @Test
    void eachShapeIsRecognisedOverManyNoisyDraws() {
        for (long seed = 1; seed <= 20; seed++) {
            // a loss falling as a power law
            assertThat(shape(x -> 2 + 30 * Math.pow(x, -0.2), 0.01, seed, true).shape())
                    .isEqualTo(TrendShape.Shape.MONOTONE);
            // an accuracy falling with scale: inverse scaling
            assertThat(shape(x -> 0.8 - 0.08 * u(x), 0.01, seed, false).shape())
                    .isEqualTo(TrendShape.Shape.INVERSE);
            // an accuracy that falls then recovers: U-shaped (Wei et al. 2022)
            assertThat(shape(x -> 0.5 + 0.06 * u(x) * u(x), 0.01, seed, false).shape())
                    .isEqualTo(TrendShape.Shape.U_SHAPED);
            // a loss that falls then rises: better, then worse (inverted-U in performance)
            assertThat(shape(x -> 3 + 0.1 * u(x) * u(x), 0.01, seed, true).shape())
                    .isEqualTo(TrendShape.Shape.INVERTED_U);
            // an accuracy at chance until 3e9, then climbing sharply: emergent
            assertThat(shape(x -> 0.25 + Math.max(0, 0.5 * (u(x) - 0.5)), 0.01, seed, false).shape())
                    .isEqualTo(TrendShape.Shape.EMERGENT);
            // noise around a constant
            assertThat(shape(x -> 0.5, 0.01, seed, false).shape()).isEqualTo(TrendShape.Shape.FLAT);
        }
    }

    @Test
    void shapesThatChangeInsideTheDataFlagExtrapolation() {
        TrendShape u = shape(x -> 0.5 + 0.06 * u(x) * u(x), 0.0, 1, false);
        assertThat(u.changesInsideData()).isTrue();
        assertThat(u.turn()).isBetween(0.8e9, 1.25e9);
        assertThat(u.warnings("acc", "N")).singleElement().asString().startsWith("extrapolation unreliable: acc across N is U-shaped");
        assertThat(shape(x -> 2 + 30 * Math.pow(x, -0.2), 0.0, 1, true).warnings("loss", "N")).isEmpty();
    }

    @Test
    void manyDistinctScalesFindTheBreakOnAnEvenGrid() {
        // 5,000 distinct scales (a large table of runs): more gaps than BREAK_GAPS
        SplittableRandom r = new SplittableRandom(3);
        double[] x = new double[5_000];
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.pow(10, 7 + 4 * r.nextDouble());
            y[i] = 0.25 + Math.max(0, 0.5 * (u(x[i]) - 0.5)) + 0.01 * r.nextGaussian();
        }
        TrendShape s = TrendShape.classify(x, y, false);
        assertThat(s.shape()).isEqualTo(TrendShape.Shape.EMERGENT);
        // the hinge is fitted to log accuracy, where the rise bends, so the break reads a little early
        assertThat(s.turn()).isBetween(1.5e9, 4e9);
    }

    @Test
    void fourDigitAdditionIsEmergent() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "examples", "fixtures", "bnsl_4digit_addition.csv"));
        double[] x = new double[lines.size() - 1];
        double[] y = new double[x.length];
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            x[i - 1] = Double.parseDouble(f[0]);
            y[i - 1] = Double.parseDouble(f[1]);
        }
        TrendShape s = TrendShape.classify(x, y, TrendShape.lowerIsBetter("test_cross_entropy"));
        assertThat(s.shape()).isEqualTo(TrendShape.Shape.EMERGENT);
        assertThat(s.turn()).isBetween(450.0, 650.0);
        assertThat(s.changesInsideData()).isTrue();
    }

    @Test
    void tooFewScalesLeaveTheShapeUndetermined() {
        TrendShape s = TrendShape.classify(new double[]{1, 2, 3, 1, 2}, new double[]{1, 2, 3, 1, 2}, true);
        assertThat(s.shape()).isEqualTo(TrendShape.Shape.UNDETERMINED);
        assertThat(TrendShape.lowerIsBetter("lambada_acc")).isFalse();
        assertThat(TrendShape.lowerIsBetter("C4 Eval Loss")).isTrue();
    }
}
