package dev.slaw.fit;

import dev.slaw.data.Dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Epoch re-extraction of Chinchilla's Figure 4 (examples/chinchilla-epoch, Besiroglu et al.
 * 2024) as the replication uses it: N = Model Size, D = Training FLOP / (6 N), the 5 rows of
 * highest loss dropped. Read with a minimal parser so that the core tests need no slaw-io.
 */
public final class ChinchillaData {
    static final Path FILE = Path.of("..", "examples", "chinchilla-epoch", "svg_extracted_data.csv");

    private ChinchillaData() {
    }

    public static Dataset load() {
        try {
            List<String> lines = Files.readAllLines(FILE);
            List<String> header = Arrays.asList(lines.get(0).split(","));
            int iN = header.indexOf("Model Size");
            int iC = header.indexOf("Training FLOP");
            int iL = header.indexOf("loss");
            List<double[]> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                double n = Double.parseDouble(f[iN]);
                double c = Double.parseDouble(f[iC]);
                rows.add(new double[]{n, c / (6 * n), Double.parseDouble(f[iL]), rows.size() + 2});
            }
            // drop the five highest losses (stable order otherwise)
            List<double[]> byLoss = new ArrayList<>(rows);
            byLoss.sort((a, b) -> Double.compare(b[2], a[2]));
            List<double[]> dropped = byLoss.subList(0, 5);
            rows.removeIf(dropped::contains);
            double[] nn = new double[rows.size()];
            double[] dd = new double[rows.size()];
            double[] ll = new double[rows.size()];
            int[] rowNumbers = new int[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                nn[i] = rows.get(i)[0];
                dd[i] = rows.get(i)[1];
                ll[i] = rows.get(i)[2];
                rowNumbers[i] = (int) rows.get(i)[3];
            }
            Map<String, double[]> cols = new LinkedHashMap<>();
            cols.put("N", nn);
            cols.put("D", dd);
            cols.put("loss", ll);
            return new Dataset(FILE.toString(), cols, Map.of(), rowNumbers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
