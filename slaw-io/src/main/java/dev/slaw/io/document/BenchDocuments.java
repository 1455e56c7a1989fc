package dev.slaw.io.document;

import dev.slaw.io.json.JsonArray;
import dev.slaw.io.json.JsonObject;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The timings of {@code slaw bench}, as documents. */
public final class BenchDocuments {
    private BenchDocuments() {
    }

    /**
     * Timed runs of one benchmark.
     *
     * @param benchmark its name ({@code chinchilla}, {@code bootstrap}, ...)
     * @param each      what one timed run does, for the text ({@code full fit}, {@code plot})
     * @param setup     what ran, as the text says it
     * @param figures   the same figures by name, for the JSON (counts, objective, protocol)
     * @param millis    the wall time of each timed run, in milliseconds
     */
    public record Timing(String benchmark, String each, List<String> setup, JsonObject figures, double[] millis) {
        public Timing {
            setup = List.copyOf(setup);
            millis = millis.clone();
            Arrays.sort(millis);
        }
    }

    /** What ran, then the fastest, median and slowest run. */
    public static String text(Timing t) {
        StringBuilder out = new StringBuilder();
        t.setup().forEach(line -> out.append(line).append('\n'));
        double[] ms = t.millis();
        out.append(String.format(Locale.ROOT, "  time per %s: min %.0f ms, median %.0f ms, max %.0f ms over %d runs%n",
                t.each(), ms[0], ms[ms.length / 2], ms[ms.length - 1], ms.length));
        return out.toString();
    }

    /** The benchmark, its figures, and the fastest, median and slowest run with every run's time. */
    public static JsonObject json(Timing t) {
        double[] ms = t.millis();
        JsonObject o = new JsonObject().put("benchmark", t.benchmark()).put("figures", t.figures());
        o.put("runs", ms.length).put("min_ms", ms[0]).put("median_ms", ms[ms.length / 2]).put("max_ms", ms[ms.length - 1]);
        JsonArray each = o.putArray("times_ms");
        for (double m : ms) {
            each.add(m);
        }
        return o;
    }
}
