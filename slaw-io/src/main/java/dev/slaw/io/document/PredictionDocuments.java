package dev.slaw.io.document;

import dev.slaw.data.Dataset;
import dev.slaw.io.json.JsonArray;
import dev.slaw.io.json.JsonObject;
import dev.slaw.law.Numbers;
import dev.slaw.uncertainty.BootstrapResult;
import dev.slaw.uncertainty.IntervalPrediction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Predictions as documents ({@code slaw predict}): a fit's point predictions, and a bootstrap's
 * predictions with confidence and prediction intervals. Each point is keyed by the law's
 * variables as the user named them.
 */
public final class PredictionDocuments {
    private PredictionDocuments() {
    }

    /** One object per point: its variables and the predicted target. */
    public static JsonArray json(List<String> variables, Dataset at, String target, double[] predicted) {
        JsonArray arr = new JsonArray();
        for (int i = 0; i < predicted.length; i++) {
            JsonObject o = JsonObject.ofNames();
            for (String v : variables) {
                o.put(v, at.value(v, i));
            }
            arr.add(o.put(target, predicted[i]));
        }
        return arr;
    }

    /**
     * The points and predictions as aligned text: a line of names, then a line per point, each
     * variable to four significant digits and the prediction to six decimals, 14 characters wide.
     * The lines are made as the face writes them, so two million points never make one string
     * (and {@link Decimals} spares {@link java.util.Formatter}'s cost per cell).
     */
    public static Stream<String> textLines(List<String> variables, Dataset at, String target, double[] predicted) {
        StringBuilder head = new StringBuilder();
        for (String v : variables) {
            head.append(" ".repeat(Math.max(0, 14 - v.length()))).append(v);
        }
        head.append(' ').append(" ".repeat(Math.max(0, 14 - target.length()))).append(target);
        Stream<String> rows = IntStream.range(0, predicted.length).mapToObj(i -> {
            StringBuilder row = new StringBuilder(15 * (variables.size() + 1));
            for (String v : variables) {
                Decimals.general(row, at.value(v, i), 14, 4);
            }
            row.append(' ');
            Decimals.fixed(row, predicted[i], 14, 6);
            return row.toString();
        });
        return Stream.concat(Stream.of(head.toString()), rows);
    }

    /** The points and predictions as CSV cells, all digits. */
    public static Table csvTable(List<String> variables, Dataset at, String target, double[] predicted) {
        List<String> header = new ArrayList<>(variables);
        header.add(target);
        List<List<String>> rows = new ArrayList<>(predicted.length);
        for (int i = 0; i < predicted.length; i++) {
            List<String> row = new ArrayList<>(header.size());
            for (String v : variables) {
                row.add(Double.toString(at.value(v, i)));
            }
            row.add(Double.toString(predicted[i]));
            rows.add(row);
        }
        return new Table(header, rows);
    }

    /** One object per point: its variables, the estimate and median, both intervals and their level. */
    public static JsonArray json(List<IntervalPrediction> predictions) {
        JsonArray arr = new JsonArray();
        for (IntervalPrediction p : predictions) {
            JsonObject o = JsonObject.ofNames();
            p.point().forEach(o::put);
            o.put("estimate", p.estimate());
            o.put("median", p.median());
            o.put("confidence_lower", p.confidence().lower());
            o.put("confidence_upper", p.confidence().upper());
            o.put("prediction_lower", p.prediction().lower());
            o.put("prediction_upper", p.prediction().upper());
            o.put("level", p.confidence().level());
            arr.add(o);
        }
        return arr;
    }

    /** The predictions with intervals as CSV cells, all digits, under the JSON's names. */
    public static Table csvTable(List<String> variables, List<IntervalPrediction> predictions) {
        List<String> header = new ArrayList<>(variables);
        header.addAll(List.of("estimate", "median", "confidence_lower", "confidence_upper",
                "prediction_lower", "prediction_upper", "level"));
        List<List<String>> rows = new ArrayList<>();
        for (IntervalPrediction p : predictions) {
            List<String> row = new ArrayList<>();
            variables.forEach(v -> row.add(Double.toString(p.point().get(v))));
            for (double x : new double[]{p.estimate(), p.median(), p.confidence().lower(), p.confidence().upper(),
                    p.prediction().lower(), p.prediction().upper(), p.confidence().level()}) {
                row.add(Double.toString(x));
            }
            rows.add(row);
        }
        return new Table(header, rows);
    }

    /** The predictions with intervals as an aligned table, and how many replicates gave them. */
    public static String text(List<String> variables, List<IntervalPrediction> predictions, BootstrapResult boot) {
        List<String> header = new ArrayList<>(variables);
        String pct = Numbers.compact(100 * predictions.get(0).confidence().level()) + "%";
        header.addAll(List.of(boot.pointEstimate().target(), "median", pct + " confidence", pct + " prediction"));
        List<List<String>> rows = new ArrayList<>();
        for (IntervalPrediction p : predictions) {
            List<String> row = new ArrayList<>();
            for (String v : variables) {
                row.add(String.format(Locale.ROOT, "%.4g", p.point().get(v)));
            }
            row.add(String.format(Locale.ROOT, "%.6f", p.estimate()));
            row.add(String.format(Locale.ROOT, "%.6f", p.median()));
            row.add(String.format(Locale.ROOT, "%.6f - %.6f", p.confidence().lower(), p.confidence().upper()));
            row.add(String.format(Locale.ROOT, "%.6f - %.6f", p.prediction().lower(), p.prediction().upper()));
            rows.add(row);
        }
        return new Table(header, rows).text() + "from " + boot.successful() + " bootstrap replicates ("
                + boot.failures().size() + " failed)\n";
    }
}
