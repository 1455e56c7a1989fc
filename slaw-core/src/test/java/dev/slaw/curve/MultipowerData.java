package dev.slaw.curve;

import dev.slaw.data.Dataset;
import dev.slaw.schedule.Schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loss curves published with the multi-power law (examples/multipower, see
 * examples/PROVENANCE.md), read as the reference code reads them: curves that end at step 24000
 * are cut to steps below 24000.
 */
public final class MultipowerData {
    public static final List<String> FIT = List.of("cosine_24000", "constant_24000", "wsdcon_9");
    public static final List<String> HELD_OUT = List.of("cosine_72000", "constant_72000", "wsd_20000_24000",
            "wsdld_20000_24000", "wsdcon_3", "wsdcon_18");

    private MultipowerData() {
    }

    /** Rows (run, step, loss) of the named curves of one model size ("25" or "100"). */
    public static Dataset curves(String size, List<String> names) {
        List<String> runs = new ArrayList<>();
        List<double[]> stepLoss = new ArrayList<>();
        Path folder = Path.of("..", "examples", "multipower", "csv_" + size);
        for (String name : names) {
            List<String> lines;
            try {
                lines = Files.readAllLines(folder.resolve(name + ".csv"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<double[]> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",");
                rows.add(new double[] {Double.parseDouble(cells[0]), Double.parseDouble(cells[2])});
            }
            boolean endsAt24000 = rows.get(rows.size() - 1)[0] == 24000;
            for (double[] r : rows) {
                if (!endsAt24000 || r[0] < 24000) {
                    runs.add(name);
                    stepLoss.add(r);
                }
            }
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put(CurveLaw.STEP, stepLoss.stream().mapToDouble(r -> r[0]).toArray());
        cols.put(CurveLaw.LOSS, stepLoss.stream().mapToDouble(r -> r[1]).toArray());
        return Dataset.of("multipower/csv_" + size, cols).withLabel(CurveLaw.RUN, runs.toArray(String[]::new));
    }

    public static Map<String, Schedule> schedules(List<String> names) {
        Map<String, Schedule> m = new LinkedHashMap<>();
        for (String n : names) {
            m.put(n, Schedule.fromMultipowerName(n));
        }
        return m;
    }
}
