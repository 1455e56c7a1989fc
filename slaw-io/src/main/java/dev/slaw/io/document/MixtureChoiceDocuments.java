package dev.slaw.io.document;

import dev.slaw.io.json.JsonArray;
import dev.slaw.io.json.JsonObject;
import dev.slaw.mixture.choice.MixtureChoice;
import dev.slaw.mixture.choice.MixtureExtrapolation;
import dev.slaw.mixture.choice.MixtureIntervals;
import dev.slaw.mixture.choice.MixtureOptimum;
import dev.slaw.mixture.choice.MixtureTradeoff;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code slaw mixture optimize}: the chosen mixture as text (sections after the fit report's),
 * JSON, and its proportions as a table; the trade-off front between two targets likewise.
 */
public final class MixtureChoiceDocuments {
    private static final int KEY_WIDTH = 18;

    private MixtureChoiceDocuments() {
    }

    /** Proportions to four decimals, the precision a training recipe is written with. */
    static String share(double p) {
        String s = String.format(Locale.ROOT, "%.4f", p);
        return s.equals("-0.0000") ? "0.0000" : s;
    }

    /** One row per source: optimum, bounds, and the interval when there is one. */
    public static Table csvTable(MixtureChoice c) {
        MixtureOptimum m = c.optimum();
        MixtureIntervals iv = c.intervals();
        List<String> header = new ArrayList<>(List.of("source", "optimum", "lower_bound", "upper_bound"));
        if (iv != null) {
            header.add("interval_low");
            header.add("interval_high");
        }
        MixtureExtrapolation x = c.extrapolation();
        if (x != null) {
            header.add("training_min");
            header.add("training_max");
        }
        List<List<String>> rows = new ArrayList<>();
        double[] lo = m.space().lower();
        double[] hi = m.space().upper();
        for (int i = 0; i < m.space().size(); i++) {
            List<String> row = new ArrayList<>(List.of(m.space().sources().get(i), share(m.proportions()[i]), share(lo[i]),
                    share(hi[i])));
            if (iv != null) {
                row.add(share(iv.lower()[i]));
                row.add(share(iv.upper()[i]));
            }
            if (x != null) {
                row.add(share(x.trainingLowest()[i]));
                row.add(share(x.trainingHighest()[i]));
            }
            rows.add(row);
        }
        return new Table(header, rows);
    }

    /** The optimum as a sectioned report, the last section the warnings of the fits it was drawn from. */
    public static String text(MixtureChoice c, FitWarnings fitWarnings) {
        MixtureOptimum m = c.optimum();
        StringBuilder sb = new StringBuilder("[[Mixture]]\n");
        line(sb, "minimize", c.target());
        if (c.constraint() != null) {
            line(sb, "subject to", c.constraint() + " (at the optimum: " + Formats.significant(m.constraintValue(), 6) + ")");
        }
        String value = Formats.significant(m.value(), 6);
        if (c.intervals() != null) {
            MixtureIntervals iv = c.intervals();
            value += " (" + Formats.percent(iv.level()) + " interval " + Formats.significant(iv.valueLower(), 6) + " to "
                    + Formats.significant(iv.valueUpper(), 6) + ", " + iv.replicates() + " replicates)";
        }
        line(sb, "predicted", value);
        line(sb, "search", c.search());
        line(sb, "starts", m.starts() + ", " + m.reachedBest() + " reached the best, " + m.converged() + " converged, "
                + m.evaluations() + " mixtures evaluated");
        for (String rule : c.rules()) {
            line(sb, "rule", rule);
        }
        sb.append("[[Proportions]]\n");
        for (String l : csvTable(c).text().split("\n")) {
            sb.append("    ").append(l).append('\n');
        }
        MixtureExtrapolation x = c.extrapolation();
        if (x != null) {
            sb.append("[[Training mixtures]]\n");
            line(sb, "nearest", "row " + x.nearestRow() + ", total variation distance "
                    + String.format(Locale.ROOT, "%.4f", x.distance()));
            List<String> outside = x.outsideRange();
            line(sb, "outside range", outside.isEmpty() ? "none" : String.join(", ", outside));
            MixtureExtrapolation.Observed ob = x.observed();
            if (ob != null) {
                line(sb, "best measured", "row " + ob.bestRow() + ", " + Formats.significant(ob.best(), 6));
                line(sb, "bias near it", Formats.significant(ob.nearBias(), 3) + " (mean residual of the " + ob.nearCount()
                        + " nearest, standard error " + Formats.significant(ob.standardError(), 3) + ")");
            }
        }
        if (!c.warnings().isEmpty()) {
            sb.append("[[Warnings]]\n");
            c.warnings().forEach(w -> sb.append("    ").append(w).append('\n'));
        }
        return sb.append(fitWarnings.section()).toString();
    }

    /** The optimum, its intervals, the training mixtures, the search, its warnings and the fits'. */
    public static JsonObject json(MixtureChoice c, FitWarnings fitWarnings) {
        MixtureOptimum m = c.optimum();
        JsonObject o = new JsonObject();
        o.put("target", c.target());
        if (c.constraint() != null) {
            o.put("constraint", c.constraint());
            o.put("constraint_value", m.constraintValue());
        }
        o.put("predicted", m.value());
        o.put("proportions", proportions(m.space().sources(), m.proportions()));
        o.put("lower_bounds", proportions(m.space().sources(), m.space().lower()));
        o.put("upper_bounds", proportions(m.space().sources(), m.space().upper()));
        if (c.intervals() != null) {
            MixtureIntervals iv = c.intervals();
            JsonObject j = o.putObject("intervals");
            j.put("level", iv.level());
            j.put("replicates", iv.replicates());
            j.put("predicted_low", iv.valueLower());
            j.put("predicted_high", iv.valueUpper());
            j.put("low", proportions(m.space().sources(), iv.lower()));
            j.put("high", proportions(m.space().sources(), iv.upper()));
        }
        if (c.extrapolation() != null) {
            MixtureExtrapolation x = c.extrapolation();
            JsonObject j = o.putObject("training_mixtures");
            j.put("nearest_row", x.nearestRow());
            j.put("total_variation_distance", x.distance());
            j.putTexts("outside_range", x.outsideRange());
            if (x.observed() != null) {
                j.put("best_measured", x.observed().best());
                j.put("best_measured_row", x.observed().bestRow());
                j.put("bias_near_optimum", x.observed().nearBias());
                j.put("bias_standard_error", x.observed().standardError());
            }
        }
        JsonObject s = o.putObject("search");
        s.put("method", c.search());
        s.put("starts", m.starts());
        s.put("reached_best", m.reachedBest());
        s.put("converged", m.converged());
        s.put("evaluations", m.evaluations());
        o.putTexts("rules", c.rules());
        o.putTexts("warnings", c.warnings());
        return fitWarnings.putInto(o);
    }

    private static JsonObject proportions(List<String> sources, double[] values) {
        JsonObject o = JsonObject.ofNames();
        for (int i = 0; i < sources.size(); i++) {
            o.put(sources.get(i), values[i]);
        }
        return o;
    }

    /** The front: one row per cap, both targets and the proportions. */
    public static Table tradeoffTable(MixtureTradeoff t, String first, String second) {
        List<String> sources = t.firstAlone().space().sources();
        List<String> header = new ArrayList<>(List.of(first, second));
        header.addAll(sources);
        List<List<String>> rows = new ArrayList<>();
        for (MixtureOptimum p : t.front()) {
            List<String> row = new ArrayList<>(List.of(Formats.significant(p.value(), 6),
                    Formats.significant(p.constraintValue(), 6)));
            for (double r : p.proportions()) {
                row.add(share(r));
            }
            rows.add(row);
        }
        return new Table(header, rows);
    }

    public static String tradeoffText(MixtureTradeoff t, String first, String second, List<String> warnings,
                                      FitWarnings fitWarnings) {
        StringBuilder sb = new StringBuilder("[[Trade-off]]\n");
        line(sb, "minimize", first);
        line(sb, "under caps on", second + ", from its value at the first target's optimum down to its own minimum");
        line(sb, "points", String.valueOf(t.front().size()));
        sb.append("[[Front]]\n");
        for (String l : tradeoffTable(t, first, second).text().split("\n")) {
            sb.append("    ").append(l).append('\n');
        }
        if (!warnings.isEmpty()) {
            sb.append("[[Warnings]]\n");
            warnings.forEach(w -> sb.append("    ").append(w).append('\n'));
        }
        return sb.append(fitWarnings.section()).toString();
    }

    public static JsonObject tradeoffJson(MixtureTradeoff t, String first, String second, List<String> warnings,
                                          FitWarnings fitWarnings) {
        JsonObject o = new JsonObject();
        o.put("first", first);
        o.put("second", second);
        JsonArray front = o.putArray("front");
        List<String> sources = t.firstAlone().space().sources();
        for (MixtureOptimum p : t.front()) {
            JsonObject point = new JsonObject();
            point.put("first_value", p.value());
            point.put("second_value", p.constraintValue());
            point.put("proportions", proportions(sources, p.proportions()));
            front.add(point);
        }
        o.putTexts("warnings", warnings);
        return fitWarnings.putInto(o);
    }

    private static void line(StringBuilder sb, String key, String value) {
        String k = key + ":";
        sb.append("    ").append(k).append(" ".repeat(Math.max(1, KEY_WIDTH - k.length()))).append(value).append('\n');
    }
}
