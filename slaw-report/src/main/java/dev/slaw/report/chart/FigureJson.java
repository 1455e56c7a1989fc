package dev.slaw.report.chart;

import dev.slaw.io.json.JsonArray;
import dev.slaw.io.json.JsonObject;

import java.awt.Color;
import java.util.Locale;
import java.util.Map;

/**
 * A figure's numbers as JSON ({@code --plot FILE.json}): each panel's title, axes, series and
 * bands, the same values the PNG and SVG draw, for a page or a notebook to draw them its own
 * way. Colours are the renderer's, so a redrawn picture keeps the command's colours.
 */
public final class FigureJson {

    private FigureJson() {
    }

    public static String of(Figure figure) {
        JsonObject o = new JsonObject();
        JsonArray panels = o.putArray("panels");
        for (Chart c : figure.panels()) {
            JsonObject p = panels.addObject();
            p.put("title", c.title());
            p.put("x", axis(c.x()));
            p.put("y", axis(c.y()));
            if (!c.categories().isEmpty()) {
                JsonObject cats = JsonObject.ofNames();
                p.put("categories", cats);
                c.categories().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .forEach(e -> cats.put(String.valueOf(e.getKey()), e.getValue()));
            }
            JsonArray series = p.putArray("series");
            for (Series s : c.series()) {
                series.addObject().put("label", s.label()).put("mark", s.mark().name().toLowerCase(Locale.ROOT))
                        .put("colour", hex(s.colour())).put("in_legend", s.inLegend())
                        .put("x", numbers(s.x())).put("y", numbers(s.y()));
            }
            JsonArray bands = p.putArray("bands");
            for (Band b : c.bands()) {
                bands.addObject().put("label", b.label()).put("colour", hex(b.colour()))
                        .put("x", numbers(b.x())).put("lower", numbers(b.lower())).put("upper", numbers(b.upper()));
            }
        }
        return o.toString();
    }

    private static JsonObject axis(Axis a) {
        return new JsonObject().put("title", a.title()).put("scale", a.scale().name().toLowerCase(Locale.ROOT))
                .put("min", a.min()).put("max", a.max());
    }

    private static JsonArray numbers(double[] values) {
        JsonArray a = new JsonArray();
        for (double v : values) {
            a.add(v);
        }
        return a;
    }

    private static String hex(int index) {
        Color c = ChartRenderer.colour(index);
        return String.format(Locale.ROOT, "#%06x", c.getRGB() & 0xFFFFFF);
    }
}
