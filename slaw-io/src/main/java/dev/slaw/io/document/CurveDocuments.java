package dev.slaw.io.document;

import dev.slaw.curve.CurveLaw;
import dev.slaw.curve.CurveMetrics;
import dev.slaw.data.Dataset;
import dev.slaw.io.json.JsonArray;
import dev.slaw.io.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Loss curves ({@code slaw curve fit} and {@code slaw curve predict}) as documents. A predicted
 * curve is given as three arrays of the same length, {@code {steps, learning rates, losses}},
 * keyed by its schedule's text in the order the schedules were asked for.
 */
public final class CurveDocuments {
    private CurveDocuments() {
    }

    /** The schedules ranked by final loss, lowest first: rank, final loss, its step, schedule. */
    public static String rankingText(Map<String, double[][]> curves) {
        List<Map.Entry<String, double[][]>> ranked = new ArrayList<>(curves.entrySet());
        ranked.sort((a, b) -> Double.compare(last(a.getValue()[2]), last(b.getValue()[2])));
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-4s %-10s %-8s %s%n", "rank", "final loss", "at step", "schedule"));
        int rank = 1;
        for (Map.Entry<String, double[][]> e : ranked) {
            out.append(String.format(Locale.ROOT, "%-4d %-10.5f %-8d %s%n", rank++, last(e.getValue()[2]),
                    (long) last(e.getValue()[0]), e.getKey()));
        }
        return out.toString();
    }

    /** The curves as JSON: the law, its parameters, and per schedule its final loss and points. */
    public static JsonObject json(CurveLaw law, double[] values, Map<String, double[][]> curves) {
        JsonObject root = new JsonObject();
        root.put("law", law.name());
        JsonObject ps = JsonObject.ofNames();
        for (int j = 0; j < values.length; j++) {
            ps.put(law.parameters().get(j).name(), values[j]);
        }
        root.put("parameters", ps);
        JsonArray list = root.putArray("curves");
        curves.forEach((schedule, c) -> {
            JsonObject curve = list.addObject();
            curve.put("schedule", schedule);
            curve.put("final_loss", last(c[2]));
            JsonArray points = curve.putArray("points");
            for (int k = 0; k < c[0].length; k++) {
                points.addObject().put("step", (long) c[0][k]).put("lr", c[1][k]).put("loss", c[2][k]);
            }
        });
        return root;
    }

    /**
     * The curves as CSV lines (without line breaks): a header {@code schedule,step,lr,loss}, then a
     * line per point, numbers as {@link Double#toString} writes them. The lines are made as the face
     * writes them, so an every-step curve of millions of steps is never one string.
     */
    public static Stream<String> csvLines(Map<String, double[][]> curves) {
        Stream<String> points = curves.entrySet().stream().flatMap(e -> {
            String quoted = "\"" + e.getKey().replace("\"", "\"\"") + "\",";
            double[][] c = e.getValue();
            return IntStream.range(0, c[0].length).mapToObj(i -> new StringBuilder(quoted.length() + 48)
                    .append(quoted).append((long) c[0][i]).append(',').append(c[1][i]).append(',')
                    .append(c[2][i]).toString());
        });
        return Stream.concat(Stream.of("schedule,step,lr,loss"), points);
    }

    /** The section of a curve fit's report on how well the fit follows each run. */
    public static String runsText(CurveLaw law, double[] values, Dataset rows) {
        StringBuilder b = new StringBuilder("[[Runs]]\n");
        CurveMetrics.byRun(law, values, rows, CurveLaw.LOSS)
                .forEach((run, m) -> b.append("    ").append(run).append(": ").append(m).append('\n'));
        return b.toString();
    }

    private static double last(double[] a) {
        return a[a.length - 1];
    }
}
