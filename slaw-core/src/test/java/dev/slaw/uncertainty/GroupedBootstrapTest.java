package dev.slaw.uncertainty;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.GroupFitter;
import dev.slaw.fit.GroupedFit;
import dev.slaw.fit.Loss;
import dev.slaw.fit.Objective;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The joint fit's bootstrap resamples within groups: every replicate keeps each group's size. */
class GroupedBootstrapTest {
    private static final Law POWER_OFFSET = Catalogue.builtIn().find("power-offset").orElseThrow();

    @Test
    void everyResampleKeepsEachGroupsSizeAndDrawsOnlyItsRows() {
        List<int[]> groups = List.of(new int[]{0, 1, 2}, new int[]{3, 4, 5, 6, 7, 8, 9});
        double[] counts = new double[10];
        SplittableRandom random = new SplittableRandom(5);
        for (int r = 0; r < 200; r++) {
            GroupedBootstrap.multiplicities(groups, random, counts);
            assertThat(counts[0] + counts[1] + counts[2]).isEqualTo(3);
            double rest = 0;
            for (int i = 3; i < 10; i++) {
                rest += counts[i];
            }
            assertThat(rest).isEqualTo(7);
        }
    }

    @Test
    void theJointFitsIntervalsDoNotDependOnTheThreadCount() {
        String[] family = families(8, 8);
        Dataset data = ladder(family, 1.5);
        FitOptions options = FitOptions.defaults().withThreads(1).withObjective(Objective.of(Loss.SQUARED));
        GroupedFit grouped = GroupFitter.fitShared(POWER_OFFSET, data, "family", family, "loss", options,
                List.of("E", "alpha"));
        Dataset joint = GroupFitter.jointData(POWER_OFFSET, data, "family", family, List.of("E", "alpha"));
        Map<String, int[]> strata = GroupFitter.rowsByGroup(data, "family", family);
        BootstrapOptions boot = BootstrapOptions.defaults().withReplicates(40).withSeed(3);
        BootstrapResult one = GroupedBootstrap.run(grouped, joint, strata, options, boot.withThreads(1),
                ProgressListener.NONE);
        BootstrapResult two = GroupedBootstrap.run(grouped, joint, strata, options, boot.withThreads(2),
                ProgressListener.NONE);
        assertThat(one.successful()).isEqualTo(40);
        // checked as the ungrouped bootstrap checks it: no replicate fits all the data better
        assertThat(one.missedOptimum()).isNull();
        assertThat(one.replicateValues()).isDeepEqualTo(two.replicateValues());
        ParameterSummary e = one.parameters().stream().filter(s -> s.name().equals("E")).findFirst().orElseThrow();
        assertThat(e.interval().lower()).isLessThan(grouped.fit("small").value("E"));
        assertThat(e.interval().upper()).isGreaterThan(grouped.fit("small").value("E"));
        assertThatThrownBy(() -> GroupedBootstrap.run(grouped, joint, strata, options,
                boot.withSampler(Sampler.NUMPY), ProgressListener.NONE)).isInstanceOf(BadInputException.class);
    }

    @Test
    void aResampleThatCannotDetermineAGroupsOwnParametersIsAFailedReplicate() {
        // group "small" has 3 rows and 2 parameters of its own (E and A; alpha is shared): a
        // resample drawing fewer than 2 of its rows cannot determine them
        int rows = 11;
        String[] family = families(3, 8);
        Dataset data = ladder(family, 2.0);
        FitOptions options = FitOptions.defaults().withThreads(1).withObjective(Objective.of(Loss.SQUARED));
        GroupedFit grouped = GroupFitter.fitShared(POWER_OFFSET, data, "family", family, "loss", options,
                List.of("alpha"));
        Dataset joint = GroupFitter.jointData(POWER_OFFSET, data, "family", family, List.of("alpha"));
        Map<String, int[]> strata = GroupFitter.rowsByGroup(data, "family", family);
        BootstrapOptions boot = BootstrapOptions.defaults().withReplicates(60).withSeed(11).withThreads(2);
        BootstrapResult result = GroupedBootstrap.run(grouped, joint, strata, options, boot, ProgressListener.NONE);

        // the same draws, replayed: which resamples hold fewer than 2 distinct rows of "small"
        SplittableRandom root = new SplittableRandom(11);
        double[] counts = new double[rows];
        List<Integer> expected = new java.util.ArrayList<>();
        for (int r = 0; r < 60; r++) {
            GroupedBootstrap.multiplicities(List.copyOf(strata.values()), root.split(), counts);
            int distinct = 0;
            for (int row : strata.get("small")) {
                distinct += counts[row] > 0 ? 1 : 0;
            }
            if (distinct < 2) {
                expected.add(r);
            }
        }
        assertThat(expected).isNotEmpty();
        assertThat(result.failures()).extracting(ReplicateFailure::replicate).containsExactlyElementsOf(expected);
        assertThat(result.failures()).allSatisfy(f -> assertThat(f.reason())
                .startsWith("the resample of group small has 1 distinct rows, fewer than the 2 free parameters"));
        assertThat(result.successful()).isEqualTo(60 - expected.size());
    }

    /** {@code small} rows of family "small", then {@code large} of "large". */
    private static String[] families(int small, int large) {
        String[] family = new String[small + large];
        for (int i = 0; i < family.length; i++) {
            family[i] = i < small ? "small" : "large";
        }
        return family;
    }

    /**
     * Two families on one ladder of x (half decades from 1e6 within each family), loss
     * E + A / x^0.3 with A 300 (small) or 900 (large) and E as given for "small" (1.5 for
     * "large"), times 1 % of deterministic noise.
     */
    private static Dataset ladder(String[] family, double smallE) {
        double[] x = new double[family.length];
        double[] y = new double[family.length];
        int inFamily = 0;
        for (int i = 0; i < family.length; i++) {
            boolean small = family[i].equals("small");
            inFamily = i > 0 && family[i].equals(family[i - 1]) ? inFamily + 1 : 0;
            x[i] = 1e6 * Math.pow(10, inFamily * 0.5);
            y[i] = ((small ? smallE : 1.5) + (small ? 300 : 900) / Math.pow(x[i], 0.3)) * (1 + 0.01 * Math.sin(7.0 * i));
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("x", x);
        cols.put("loss", y);
        return Dataset.of("ladder", cols);
    }
}
