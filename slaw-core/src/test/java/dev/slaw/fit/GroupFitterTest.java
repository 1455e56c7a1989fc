package dev.slaw.fit;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import dev.slaw.law.ParameterDeclaration;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Grouped fits on noiseless synthetic ladders: two families with a common irreducible loss E and
 * exponent alpha and their own coefficient A ({@code L = E + A / N^alpha}). Tolerance: 1e-4
 * relative on recovered parameters (noiseless data, tightened stopping rules).
 */
class GroupFitterTest {
    private static final Law POWER_OFFSET = Catalogue.builtIn().find("power-offset").orElseThrow();
    private static final FitOptions OPTIONS = FitOptions.defaults().withThreads(1).withTolerances(1e-15, 1e-10);

    /** Rows of two families: {@code small} with A = 300, {@code large} with A = 900; E = 1.5, alpha = 0.3. */
    private static Dataset ladder(List<String> groups) {
        List<Double> x = new ArrayList<>();
        List<Double> loss = new ArrayList<>();
        for (String family : List.of("small", "large")) {
            double a = family.equals("small") ? 300 : 900;
            for (int i = 0; i < 8; i++) {
                double n = 1e6 * Math.pow(10, i * 0.5);
                x.add(n);
                loss.add(1.5 + a / Math.pow(n, 0.3));
                groups.add(family);
            }
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("x", x.stream().mapToDouble(Double::doubleValue).toArray());
        cols.put("loss", loss.stream().mapToDouble(Double::doubleValue).toArray());
        return Dataset.of("ladder", cols);
    }

    @Test
    void eachGroupsFitIsTheFitOfItsRowsAlone() {
        List<String> groups = new ArrayList<>();
        Dataset data = ladder(groups);
        GroupedFit grouped = GroupFitter.fitSeparately(POWER_OFFSET, data, "family", groups.toArray(new String[0]),
                "loss", OPTIONS);
        assertThat(grouped.groups()).containsExactly("large", "small");
        int[] small = java.util.stream.IntStream.range(0, 8).toArray();
        Fit alone = Fitter.fit(POWER_OFFSET, data.select(small), "loss", OPTIONS);
        assertThat(grouped.fit("small").values()).containsExactly(alone.values());
        assertThat(grouped.fit("small").provenance().fingerprint()).isEqualTo(alone.provenance().fingerprint());
        assertThat(grouped.fit("large").value("A")).isCloseTo(900, within(900 * 1e-4));
        assertThat(grouped.fit("small").provenance().notes()).contains("group family=small: 8 of 16 rows");
    }

    @Test
    void sharedParametersTakeOneValueAndTheOthersOnePerGroup() {
        List<String> groups = new ArrayList<>();
        Dataset data = ladder(groups);
        GroupedFit grouped = GroupFitter.fitShared(POWER_OFFSET, data, "family", groups.toArray(new String[0]),
                "loss", OPTIONS, List.of("E", "alpha"));
        Fit small = grouped.fit("small");
        Fit large = grouped.fit("large");
        assertThat(small.value("E")).isEqualTo(large.value("E")).isCloseTo(1.5, within(1.5e-4));
        assertThat(small.value("alpha")).isEqualTo(large.value("alpha")).isCloseTo(0.3, within(0.3e-4));
        assertThat(small.value("A")).isCloseTo(300, within(300 * 1e-4));
        assertThat(large.value("A")).isCloseTo(900, within(900 * 1e-4));
        // the joint law has one E and alpha and an A per group
        assertThat(grouped.joint().freeParameterNames()).containsExactlyInAnyOrder("E", "A_large", "A_small", "alpha");
        // a group's fit predicts with its own coefficient
        assertThat(grouped.predictor("large").predict(Map.of("x", 1e8)))
                .isCloseTo(1.5 + 900 / Math.pow(1e8, 0.3), within(1e-6));
    }

    @Test
    void theJointFitHasStandardErrorsForItsSharedParametersWhenTheDataIdentifyThem() {
        List<String> groups = new ArrayList<>();
        Dataset data = ladder(groups);
        // a little deterministic noise so that residuals, and hence standard errors, are not zero
        double[] loss = data.column("loss");
        for (int i = 0; i < loss.length; i++) {
            loss[i] *= 1 + 0.01 * Math.sin(7.0 * i);
        }
        Dataset noisy = data.withColumn("loss", loss);
        GroupedFit grouped = GroupFitter.fitShared(POWER_OFFSET, noisy, "family", groups.toArray(new String[0]),
                "loss", OPTIONS.withObjective(Objective.of(Loss.SQUARED)), List.of("alpha"));
        FittedParameter alphaSmall = grouped.fit("small").parameter("alpha").orElseThrow();
        FittedParameter alphaLarge = grouped.fit("large").parameter("alpha").orElseThrow();
        assertThat(alphaSmall.standardError()).isPositive().isEqualTo(alphaLarge.standardError());
        assertThat(grouped.fit("small").covariance()).hasNumberOfRows(3);
    }

    @Test
    void aGroupWithTooFewRowsIsBadInputNamingTheGroupAndTheCounts() {
        List<String> groups = new ArrayList<>();
        Dataset data = ladder(groups);
        boolean[] keep = new boolean[16];
        for (int i = 0; i < 16; i++) {
            keep[i] = i < 8 || i < 10;
        }
        Dataset fewLarge = data.filter(keep);
        String[] g = groups.subList(0, 10).toArray(new String[0]);
        assertThatThrownBy(() -> GroupFitter.fitSeparately(POWER_OFFSET, fewLarge, "family", g, "loss", OPTIONS))
                .isInstanceOf(BadInputException.class)
                .hasMessage("group family=large has 2 rows, but law power-offset needs at least 3 per group "
                        + "(3 free parameters); drop the group with --where or --only, or share parameters with --shared");
        // sharing E and alpha leaves one parameter per group: two rows are enough
        GroupedFit shared = GroupFitter.fitShared(POWER_OFFSET, fewLarge, "family", g, "loss", OPTIONS,
                List.of("E", "alpha"));
        assertThat(shared.fit("large").value("A")).isCloseTo(900, within(900 * 1e-3));
    }

    @Test
    void sharingEveryParameterOrAnUnknownOneIsBadInput() {
        List<String> groups = new ArrayList<>();
        Dataset data = ladder(groups);
        String[] g = groups.toArray(new String[0]);
        assertThatThrownBy(() -> GroupFitter.fitShared(POWER_OFFSET, data, "family", g, "loss", OPTIONS,
                List.of("E", "A", "alpha"))).isInstanceOf(BadInputException.class).hasMessageContaining("pooled fit");
        assertThatThrownBy(() -> GroupFitter.fitShared(POWER_OFFSET, data, "family", g, "loss", OPTIONS,
                List.of("gamma"))).isInstanceOf(BadInputException.class)
                .hasMessage("--shared gamma: law power-offset has no parameter 'gamma' (parameters: E, A, alpha)");
    }

    @Test
    void aTieHoldsWithinEachGroup() {
        Law tied = POWER_OFFSET.withParameters(ParameterDeclaration.applyAll(POWER_OFFSET.parameters(),
                List.of("E = alpha * 5"), "power-offset"));
        List<String> groups = new ArrayList<>();
        Dataset data = ladder(groups);
        GroupedFit grouped = GroupFitter.fitShared(tied, data, "family", groups.toArray(new String[0]),
                "loss", OPTIONS, List.of("A"));
        for (Fit f : grouped.fits().values()) {
            assertThat(f.value("E")).isCloseTo(5 * f.value("alpha"), within(1e-12));
        }
    }

    @Test
    void aGroupThatIsNotThereIsBadInputNamingTheGroups() {
        List<String> groups = new ArrayList<>();
        Dataset data = ladder(groups);
        GroupedFit grouped = GroupFitter.fitSeparately(POWER_OFFSET, data, "family", groups.toArray(new String[0]),
                "loss", OPTIONS);
        assertThatThrownBy(() -> grouped.fit("medium")).isInstanceOf(BadInputException.class)
                .hasMessage("no group family=medium in this grouped fit (groups: large, small)");
    }
}
