package dev.slaw.io.document;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Predicted loss curves as text, CSV and JSON: ranked by final loss, every point, text quoted. */
class CurveDocumentsTest {
    private static Map<String, double[][]> curves() {
        Map<String, double[][]> curves = new LinkedHashMap<>();
        // asked for first, ends higher: ranked second
        curves.put("cosine", new double[][] {{100, 200}, {3e-4, 3e-5}, {3.5, 3.31}});
        curves.put("wsd \"fast\"", new double[][] {{100, 200}, {3e-4, 3e-5}, {3.5, 3.29}});
        return curves;
    }

    @Test
    void theRankingPutsTheLowestFinalLossFirst() {
        assertThat(CurveDocuments.rankingText(curves()).lines().toList()).containsExactly(
                "rank final loss at step  schedule",
                "1    3.29000    200      wsd \"fast\"",
                "2    3.31000    200      cosine");
    }

    @Test
    void theCsvHasAHeaderAndEveryPointWithTheScheduleQuoted() {
        List<String> lines = CurveDocuments.csvLines(curves()).toList();
        assertThat(lines).hasSize(5).startsWith("schedule,step,lr,loss", "\"cosine\",100,3.0E-4,3.5");
        assertThat(lines.get(4)).isEqualTo("\"wsd \"\"fast\"\"\",200,3.0E-5,3.29");
    }
}
