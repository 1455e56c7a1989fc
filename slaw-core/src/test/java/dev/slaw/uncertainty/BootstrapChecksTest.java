package dev.slaw.uncertainty;

import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.Fitter;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** What a bootstrap refuses to count as a replicate. */
class BootstrapChecksTest {

    /** The 1B and 3B final C4 losses of the OLMo ladder (examples/olmo-ladder): ten rows. */
    private static Dataset largestOlmoRuns() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "examples", "olmo-ladder", "final_c4_losses.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        List<double[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            double n = Double.parseDouble(f[header.indexOf("N")]);
            if (n >= 1e9) {
                rows.add(new double[]{n, Double.parseDouble(f[header.indexOf("D")]),
                        Double.parseDouble(f[header.indexOf("loss")])});
            }
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        String[] names = {"N", "D", "loss"};
        for (int c = 0; c < names.length; c++) {
            double[] v = new double[rows.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = rows.get(i)[c];
            }
            cols.put(names[c], v);
        }
        return Dataset.of("final_c4_losses.csv", cols);
    }

    @Test
    void aResampleWithFewerDistinctRowsThanFreeParametersIsAFailedReplicate() throws IOException {
        Dataset data = largestOlmoRuns();
        assertThat(data.rowCount()).isEqualTo(10);
        Law law = Catalogue.builtIn().find("chinchilla").orElseThrow();
        Fit fit = Fitter.fit(law, data, "loss", FitOptions.defaults());
        BootstrapOptions options = BootstrapOptions.defaults().withReplicates(400).withSeed(7);
        BootstrapResult b = Bootstrap.run(fit, data, FitOptions.defaults(), options, ProgressListener.NONE);

        // replay the same resamples: replicate i draws from the i-th stream split off the seed
        SplittableRandom root = new SplittableRandom(7);
        int[][] units = Bootstrap.units(data, options);
        double[] counts = new double[10];
        List<Integer> tooFew = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Bootstrap.multiplicities(units, root.split(), counts);
            int distinct = 0;
            for (double c : counts) {
                distinct += c > 0 ? 1 : 0;
            }
            if (distinct < 5) {
                tooFew.add(i);
            }
        }
        // about 1.8 % of 10-of-10 draws hit at most 4 rows
        assertThat(tooFew).hasSizeBetween(2, 20);
        List<ReplicateFailure> distinctFailures = b.failures().stream()
                .filter(f -> f.reason().contains("distinct rows, fewer than the 5 free parameters")).toList();
        assertThat(distinctFailures).extracting(ReplicateFailure::replicate).containsExactlyElementsOf(tooFew);
        assertThat(b.successful() + b.failures().size()).isEqualTo(400);
        assertThat(b.warnings()).anySatisfy(w -> assertThat(w).contains("replicates failed"));
    }
}
