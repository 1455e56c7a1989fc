package dev.slaw.compare;

import dev.slaw.data.Dataset;
import dev.slaw.fit.Provenance;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A saved fit's rows found again by the fingerprint its provenance records, and only by it. */
class FittedRowsTest {
    private static final List<String> USED = List.of("x", "loss");

    private static Dataset table() {
        Map<String, double[]> columns = new LinkedHashMap<>();
        columns.put("params", new double[]{1e7, 1e8, 1e9, 1e7, 1e8, 1e9, 1e10});
        columns.put("loss", new double[]{4.0, 3.5, 3.1, 4.1, 3.6, 3.2, Double.NaN});
        columns.put("seed", new double[]{1, 1, 1, 2, 2, 2, 2});
        return Dataset.of("t.csv", columns).withLabel("data", new String[]{"a", "a", "a", "b", "b", "b", "b"});
    }

    private static Provenance madeOn(Dataset rows) {
        return new Provenance("t.csv", rows.fingerprint(USED), USED, List.of(), "", "", "", 0, 1, "", "", "", 0,
                Map.of(), Map.of(), null);
    }

    @Test
    void findsTheRowsOfOneRecipeAndTheColumnTheFitRead() {
        Dataset t = table();
        Dataset asX = t.withColumn("x", t.column("params"));
        // the fit of data=b: its complete rows (the NaN row was dropped before the fit)
        Dataset b = asX.select(new int[]{3, 4, 5});
        FittedRows.Mapped found = FittedRows.findMapping(t, madeOn(b), "x").orElseThrow();
        assertThat(found.column()).isEqualTo("params");
        assertThat(found.rows().column("loss")).containsExactly(4.1, 3.6, 3.2);
        assertThat(FittedRows.find(asX, madeOn(b))).hasValueSatisfying(r -> assertThat(r.rowCount()).isEqualTo(3));
    }

    @Test
    void findsNothingWhenTheDataChanged() {
        Dataset t = table();
        Dataset asX = t.withColumn("x", t.column("params"));
        Dataset changed = asX.withColumn("loss", new double[]{4.0, 3.5, 3.1, 4.1, 3.6, 3.3, 3.0});
        Provenance p = madeOn(changed.select(new int[]{3, 4, 5}));
        assertThat(FittedRows.find(asX, p)).isEmpty();
        assertThat(FittedRows.findMapping(t, p, "x")).isEmpty();
    }
}
