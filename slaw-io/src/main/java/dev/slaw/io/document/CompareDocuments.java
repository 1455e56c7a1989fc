package dev.slaw.io.document;

import dev.slaw.compare.LawSamples;
import dev.slaw.compare.Ranking;
import dev.slaw.compare.RecipeComparison;
import dev.slaw.compare.TrendShape;
import dev.slaw.io.json.JsonArray;
import dev.slaw.io.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code slaw compare} as documents: the verdict, the gap and multiplier table, the crossover, shapes, ranking. */
public final class CompareDocuments {
    private CompareDocuments() {
    }

    /**
     * What the numbers are about.
     *
     * @param column        the column naming the recipes
     * @param axis          the law's variable compared along
     * @param axisTitle     the axis as the report names it (accelerator-hours under --throughput)
     * @param target        the metric
     * @param lowerIsBetter whether lower is better
     * @param level         the intervals' coverage
     * @param shared        parameters the recipes' laws share (one joint fit), or empty
     * @param noShape       recipes whose trend shape could not be read, each with the reason (a saved fit
     *                      whose rows were not found)
     */
    public record Context(String column, String axis, String axisTitle, String target, boolean lowerIsBetter,
                          double level, List<String> shared, Map<String, String> noShape) {
        public Context {
            shared = List.copyOf(shared);
            noShape = Map.copyOf(noShape);
        }
    }

    /** The comparison as text: verdict first, then the tables. */
    public static String text(Context c, Map<String, LawSamples> laws, Map<String, TrendShape> shapes,
                              RecipeComparison comparison, Ranking ranking, List<String> warnings) {
        StringBuilder out = new StringBuilder();
        int replicates = laws.values().stream().mapToInt(l -> l.replicates().length).min().orElse(0);
        out.append("compare ").append(c.target()).append(" along ").append(c.axisTitle()).append(": one law per ")
                .append(c.column()).append(c.shared().isEmpty() ? ", " + replicates + " bootstrap replicates each; "
                        : " sharing " + String.join(", ", c.shared()) + " (one joint fit), " + replicates
                        + " joint bootstrap replicates; ")
                .append(c.lowerIsBetter() ? "lower" : "higher").append(" is better\n");
        if (comparison != null) {
            out.append("verdict: ").append(verdict(c, comparison, shapes)).append("\n\n");
        }
        List<List<String>> shapeRows = new ArrayList<>();
        shapes.forEach((g, s) -> shapeRows.add(List.of(g, s.shape().word(), s.description())));
        if (!shapeRows.isEmpty()) {
            out.append("trend of ").append(c.target()).append(" across ").append(c.axisTitle()).append(" in each recipe's data\n");
            out.append(new Table(List.of(c.column(), "shape", "why"), shapeRows).text()).append('\n');
        }
        laws.keySet().stream().filter(c.noShape()::containsKey).forEach(g -> out.append("trend shape of ").append(g)
                .append(" not read: ").append(c.noShape().get(g)).append('\n'));
        if (laws.keySet().stream().anyMatch(c.noShape()::containsKey)) {
            out.append('\n');
        }
        if (comparison != null) {
            String a = comparison.first();
            String b = comparison.second();
            String pct = Formats.percent(c.level());
            out.append("gap ").append(b).append(" - ").append(a).append(" and compute multiplier (").append(b)
                    .append("'s ").append(c.axisTitle()).append(" to match ").append(a).append(", over ").append(a)
                    .append("'s), ").append(pct).append(" intervals\n");
            List<List<String>> rows = new ArrayList<>();
            for (int i = 0; i < comparison.gaps().size(); i++) {
                RecipeComparison.Gap g = comparison.gaps().get(i);
                RecipeComparison.Multiplier m = comparison.multipliers().get(i);
                rows.add(List.of(x(g.scale()), n(g.firstValue()), n(g.secondValue()), n(g.gap()),
                        interval(g.lower(), g.upper()), share(g.secondBetterShare()), times(m.value()),
                        interval(times(m.lower()), times(m.upper()), m.lower())));
            }
            out.append(new Table(List.of(c.axisTitle(), a, b, "gap", "interval", "P(" + b + " better)", "multiplier",
                    "interval"), rows).text()).append('\n');
            out.append(crossoverLine(c, comparison)).append('\n');
        }
        if (ranking != null) {
            out.append('\n').append(rankingText(c, ranking));
        }
        if (!warnings.isEmpty()) {
            out.append("\nwarnings:\n");
            warnings.forEach(w -> out.append("  ").append(w).append('\n'));
        }
        return out.toString();
    }

    /** One sentence: who is better at the target, by how much compute, where they cross, and how sure. */
    public static String verdict(Context c, RecipeComparison r, Map<String, TrendShape> shapes) {
        StringBuilder s = new StringBuilder();
        String pct = Formats.percent(c.level());
        boolean intervals = r.replicates() > 0;
        if (!r.gaps().isEmpty()) {
            RecipeComparison.Gap g = r.gaps().get(r.gaps().size() - 1);
            RecipeComparison.Multiplier m = r.multipliers().get(r.multipliers().size() - 1);
            boolean secondBetter = c.lowerIsBetter() ? g.gap() < 0 : g.gap() > 0;
            String better = secondBetter ? r.second() : r.first();
            String worse = secondBetter ? r.first() : r.second();
            String where = "at " + c.axisTitle() + " = " + x(g.scale());
            if (intervals && !g.decided()) {
                s.append(cap(where)).append(" the data cannot tell ").append(r.first()).append(" from ")
                        .append(r.second()).append(": the gap ").append(r.second()).append(" - ").append(r.first())
                        .append(" is ").append(n(g.gap())).append(" (").append(pct).append(" interval ")
                        .append(interval(g.lower(), g.upper())).append(", ").append(r.second()).append(" better in ")
                        .append(share(g.secondBetterShare())).append(" of replicates)");
            } else {
                s.append(cap(where)).append(", ").append(better).append(" is better than ").append(worse).append(" by ")
                        .append(n(Math.abs(g.gap())));
                if (intervals) {
                    s.append(" (").append(pct).append(" interval of ").append(r.second()).append(" - ")
                            .append(r.first()).append(": ").append(interval(g.lower(), g.upper())).append(")");
                }
            }
            s.append("; ").append(r.second()).append(' ');
            if (Double.isInfinite(m.value())) {
                s.append("never reaches ").append(r.first()).append("'s value there on the axis sampled");
            } else {
                s.append("needs ").append(times(m.value())).append(" ").append(r.first()).append("'s ")
                        .append(c.axisTitle()).append(" to match it");
                if (intervals) {
                    s.append(" (").append(interval(times(m.lower()), times(m.upper()), m.lower())).append(")");
                }
            }
            s.append(". ");
        }
        s.append(cap(crossoverLine(c, r)));
        List<String> changing = new ArrayList<>();
        shapes.forEach((g, t) -> {
            if (t.changesInsideData()) {
                changing.add(g + " is " + t.shape().word());
            }
        });
        if (!changing.isEmpty()) {
            s.append(" Extrapolation unreliable: ").append(String.join(", ", changing)).append(" inside the data.");
        }
        return s.toString();
    }

    private static String crossoverLine(Context c, RecipeComparison r) {
        RecipeComparison.Crossover x = r.crossover();
        String span = "[" + x(r.lo()) + ", " + x(r.hi()) + "]";
        if (x.points().isEmpty()) {
            if (x.probability() >= 0.5) {
                // "no crossover (probability of one: 96%)" reads as a contradiction: say which of the two is settled
                return "the point laws do not cross in " + span + ", but " + share(x.probability())
                        + " of the bootstrap replicate pairs do: whether they cross there is not settled.";
            }
            return "no crossover in " + span + (Double.isNaN(x.probability()) ? "" : " (bootstrap probability of one there: "
                    + share(x.probability()) + ")") + ".";
        }
        String p = Double.isNaN(x.probability()) ? "" : "; bootstrap probability of a crossover in " + span + ": "
                + share(x.probability());
        StringBuilder s = new StringBuilder("the laws cross at " + c.axisTitle() + " = " + x(x.first()));
        if (!Double.isNaN(x.lower())) {
            s.append(" (").append(Formats.percent(r.level())).append(" interval ").append(x(x.lower())).append(" to ").append(x(x.upper()))
                    .append(")");
        }
        s.append(", above which ").append(x.overtaker()).append(" is better");
        if (x.points().size() > 1) {
            s.append(" (").append(x.points().size()).append(" crossings in the range)");
        }
        return s + p + ".";
    }

    private static String rankingText(Context c, Ranking r) {
        StringBuilder s = new StringBuilder();
        s.append("ranking: fits below the largest scale, scored against the recipes observed at it\n");
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < r.recipes().size(); i++) {
            rows.add(List.of(r.recipes().get(i), n(r.predicted()[i]), n(r.observed()[i])));
        }
        s.append(new Table(List.of(c.column(), "predicted", "observed"), rows).text());
        s.append("pairwise decisions right: ").append(share(r.correct())).append(" of ").append(r.pairs())
                .append(" pairs");
        if (!Double.isNaN(r.lower())) {
            s.append(" (").append(Formats.percent(c.level())).append(" interval ")
                    .append(share(r.lower())).append(" to ").append(share(r.upper())).append(")");
        }
        return s.append('\n').toString();
    }

    /** The comparison as JSON. */
    public static JsonObject json(Context c, Map<String, LawSamples> laws, Map<String, TrendShape> shapes,
                                  RecipeComparison r, Ranking ranking, List<String> warnings) {
        JsonObject root = new JsonObject();
        root.put("column", c.column());
        root.put("axis", c.axis());
        root.put("axis_title", c.axisTitle());
        root.put("target", c.target());
        root.putTexts("shared", c.shared());
        root.put("lower_is_better", c.lowerIsBetter());
        root.put("level", c.level());
        JsonArray s = root.putArray("shapes");
        shapes.forEach((g, t) -> s.addObject().put("recipe", g).put("shape", t.shape().word())
                .put("changes_inside_data", t.changesInsideData()).putValue("turn", t.turn())
                .put("description", t.description()));
        laws.keySet().stream().filter(c.noShape()::containsKey).forEach(g -> s.addObject().put("recipe", g)
                .put("shape", (String) null).put("not_read", c.noShape().get(g)));
        if (r != null) {
            root.put("verdict", verdict(c, r, shapes));
            root.put("first", r.first());
            root.put("second", r.second());
            root.put("replicates", r.replicates());
            JsonArray gaps = root.putArray("gaps");
            for (int i = 0; i < r.gaps().size(); i++) {
                RecipeComparison.Gap g = r.gaps().get(i);
                RecipeComparison.Multiplier m = r.multipliers().get(i);
                gaps.addObject().put("scale", g.scale()).put("first", g.firstValue()).put("second", g.secondValue())
                        .put("gap", g.gap()).put("gap_lower", g.lower()).put("gap_upper", g.upper())
                        .put("second_better_share", g.secondBetterShare()).put("multiplier", m.value())
                        .put("multiplier_lower", m.lower()).put("multiplier_upper", m.upper());
            }
            JsonObject x = root.putObject("crossover");
            x.put("range_low", r.lo()).put("range_high", r.hi());
            JsonArray pts = x.putArray("points");
            r.crossover().points().forEach(pts::add);
            x.put("lower", r.crossover().lower()).put("upper", r.crossover().upper())
                    .put("probability", r.crossover().probability());
            if (r.crossover().overtaker() != null) {
                x.put("overtaker", r.crossover().overtaker());
            }
        }
        if (ranking != null) {
            JsonObject k = root.putObject("ranking");
            JsonArray rows = k.putArray("recipes");
            for (int i = 0; i < ranking.recipes().size(); i++) {
                rows.addObject().put("recipe", ranking.recipes().get(i)).put("predicted", ranking.predicted()[i])
                        .put("observed", ranking.observed()[i]);
            }
            k.put("pairs", ranking.pairs()).put("correct", ranking.correct()).put("lower", ranking.lower())
                    .put("upper", ranking.upper());
        }
        root.putTexts("warnings", warnings);
        return root;
    }

    /** A scale to three significant digits, as people write them: {@code 1e17}, {@code 7.69e9}. */
    private static String x(double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        return dev.slaw.law.Numbers.compact(Double.parseDouble(String.format(Locale.ROOT, "%.3g", v)));
    }

    private static String n(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return Formats.significant(v, 4);
    }

    private static String interval(double lo, double hi) {
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            return "-";
        }
        return n(lo) + " to " + n(hi);
    }

    private static String interval(String lo, String hi, double lower) {
        return Double.isNaN(lower) ? "-" : lo + " to " + hi;
    }

    private static String times(double m) {
        if (Double.isNaN(m)) {
            return "-";
        }
        if (Double.isInfinite(m)) {
            return "never";
        }
        if (m == 0) {
            return "0x";
        }
        return Formats.significant(m, 3) + "x";
    }

    private static String share(double p) {
        return Double.isNaN(p) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * p);
    }

    private static String cap(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
