package dev.slaw.io.fit;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.GroupFitter;
import dev.slaw.fit.GroupedFit;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A grouped fit survives a trip through JSON; a reader of one fit names the groups instead. */
class GroupedFitJsonTest {
    private static final Law POWER_OFFSET = Catalogue.builtIn().find("power-offset").orElseThrow();

    private static Dataset ladder() {
        double[] x = new double[12];
        double[] y = new double[12];
        for (int i = 0; i < 12; i++) {
            x[i] = 1e6 * Math.pow(10, (i % 6) * 0.5);
            y[i] = (1.5 + (i < 6 ? 300 : 900) / Math.pow(x[i], 0.3)) * (1 + 0.01 * Math.sin(3.0 * i));
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("x", x);
        cols.put("loss", y);
        return Dataset.of("ladder", cols);
    }

    private static final String[] GROUPS = {"a", "a", "a", "a", "a", "a", "b", "b", "b", "b", "b", "b"};

    @Test
    void aSharedFitReadsBackWithItsGroupsJointFitAndCovariance() {
        FitOptions options = FitOptions.defaults().withThreads(1);
        GroupedFit grouped = GroupFitter.fitShared(POWER_OFFSET, ladder(), "family", GROUPS, "loss", options,
                List.of("alpha"));
        GroupedFit back = GroupedFitJson.read(GroupedFitJson.write(grouped), "test");
        assertThat(back.groupColumn()).isEqualTo("family");
        assertThat(back.shared()).containsExactly("alpha");
        assertThat(back.groups()).containsExactly("a", "b");
        for (String g : back.groups()) {
            Fit f = back.fit(g);
            assertThat(f.values()).containsExactly(grouped.fit(g).values());
            assertThat(f.provenance().fingerprint()).isEqualTo(grouped.fit(g).provenance().fingerprint());
            assertThat(f.covariance()).isDeepEqualTo(grouped.fit(g).covariance());
            assertThat(f.law().name()).isEqualTo("power-offset");
        }
        assertThat(back.joint().values()).containsExactly(grouped.joint().values());
        assertThat(back.joint().law().formula()).isEqualTo(grouped.joint().law().formula());
        assertThat(GroupedFitJson.write(back)).isEqualTo(GroupedFitJson.write(grouped));
    }

    @Test
    void readingAGroupedFileAsOneFitNamesTheGroups() {
        GroupedFit grouped = GroupFitter.fitSeparately(POWER_OFFSET, ladder(), "family", GROUPS, "loss",
                FitOptions.defaults().withThreads(1));
        String json = GroupedFitJson.write(grouped);
        assertThat(GroupedFitJson.isGrouped(json)).isTrue();
        assertThat(GroupedFitJson.isGrouped(FitJson.write(grouped.fit("a")))).isFalse();
        assertThat(GroupedFitJson.read(json, "g.json").joint()).isNull();
        assertThatThrownBy(() -> FitJson.read(json, "g.json")).isInstanceOf(BadInputException.class)
                .hasMessage("g.json: a grouped fit (one fit per family); this command takes one fit: choose a group with "
                        + "family=VALUE where the command accepts it (groups: a, b)");
        // one fit still reads as one fit
        assertThat(FitJson.read(FitJson.write(grouped.fit("b")), "b.json").values())
                .containsExactly(grouped.fit("b").values());
    }
}
