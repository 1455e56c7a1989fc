package dev.slaw.io.document;

import dev.slaw.io.json.JsonArray;
import dev.slaw.io.json.JsonObject;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import dev.slaw.law.Numbers;
import dev.slaw.law.Parameter;
import dev.slaw.law.ParameterDeclaration;
import dev.slaw.law.Target;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The catalogue of laws and one law in full, as documents ({@code slaw laws [NAME]}). */
public final class LawDocuments {
    private LawDocuments() {
    }

    /** Every law, one line each: name and formula, then how to see one. */
    public static String text(Catalogue catalogue) {
        int w = catalogue.names().stream().mapToInt(String::length).max().orElse(4) + 2;
        StringBuilder out = new StringBuilder();
        for (Law law : catalogue.laws()) {
            out.append(String.format(Locale.ROOT, "%-" + w + "s%s%n", law.name(), law.formula()));
            if (!law.metadata().citation().isBlank()) {
                // where the law comes from, so a listing is enough to tell two similar laws apart
                out.append(" ".repeat(w)).append("cite: ").append(law.metadata().citation()).append('\n');
            }
        }
        out.append('\n');
        out.append("Show one with: slaw laws NAME. Any formula works where a name does: --law \"E + A*N^-alpha\".\n");
        return out.toString();
    }

    /** Every law with its formula, under {@code laws}. */
    public static JsonObject json(Catalogue catalogue) {
        JsonObject root = new JsonObject();
        JsonArray laws = root.putArray("laws");
        for (Law law : catalogue.laws()) {
            laws.addObject().put("name", law.name()).put("formula", law.formula())
                    .put("cite", law.metadata().citation());
        }
        return root;
    }

    /** One law in full: formula, variables, parameter declarations, target, start grid, citation. */
    public static String text(Law law) {
        StringBuilder out = new StringBuilder();
        out.append(law.name()).append('\n');
        out.append("  formula:     ").append(law.formula()).append('\n');
        out.append("  description: ").append(law.metadata().description()).append('\n');
        out.append("  variables:\n");
        for (String v : law.variables()) {
            out.append("    ").append(v).append("  ").append(law.metadata().variables().getOrDefault(v, "")).append('\n');
        }
        out.append("  parameters:\n");
        for (String d : declarations(law)) {
            out.append("    ").append(d).append('\n');
        }
        out.append("  target:      ").append(law.target().name().toLowerCase(Locale.ROOT))
                .append(" (residuals ").append(law.target() == Target.LOG ? "log y - log f" : "y - f").append(")\n");
        Map<String, List<Double>> grid = law.metadata().startGrid();
        List<String> fromData = fromData(law);
        if (!fromData.isEmpty()) {
            out.append("  start grid:\n");
            grid.forEach((k, v) -> out.append("    ").append(k).append(" in ").append(v.stream().map(Numbers::compact)
                    .toList()).append('\n'));
            out.append("    ").append(String.join(", ", fromData)).append(": from the bounds and the data (a parameter the"
                    + " law is linear in is solved by least squares at each start)\n");
        } else if (!grid.isEmpty()) {
            out.append("  start grid:\n");
            grid.forEach((k, v) -> out.append("    ").append(k).append(" in ").append(v.stream().map(Numbers::compact)
                    .toList()).append('\n'));
            out.append("    (").append(gridStarts(law)).append(" starts)\n");
        }
        out.append("  cite:        ").append(law.metadata().citation()).append('\n');
        return out.toString();
    }

    /** One law in full; the start grid's values by parameter name, and the parameters whose starts come from the data. */
    public static JsonObject json(Law law) {
        JsonObject o = new JsonObject();
        o.put("name", law.name());
        o.put("formula", law.formula());
        o.put("description", law.metadata().description());
        JsonObject vars = JsonObject.ofNames();
        law.variables().forEach(v -> vars.put(v, law.metadata().variables().getOrDefault(v, "")));
        o.put("variables", vars);
        o.putTexts("declarations", declarations(law));
        o.put("target", law.target().name().toLowerCase(Locale.ROOT));
        JsonObject grid = JsonObject.ofNames();
        law.metadata().startGrid().forEach((k, v) -> {
            JsonArray values = new JsonArray();
            v.forEach(values::add);
            grid.put(k, values);
        });
        o.put("start_grid", grid);
        o.putTexts("starts_from_data", fromData(law));
        o.put("citation", law.metadata().citation());
        return o;
    }

    /** Free parameters the catalogue's grid leaves out: their starts come from the bounds and the data. */
    private static List<String> fromData(Law law) {
        Map<String, List<Double>> grid = law.metadata().startGrid();
        return law.parameters().stream().filter(p -> p.isFree() && !grid.containsKey(p.name())).map(Parameter::name)
                .toList();
    }

    /** How many starts the grid makes: the product of the free parameters' value counts. */
    private static long gridStarts(Law law) {
        long product = 1;
        for (Map.Entry<String, List<Double>> e : law.metadata().startGrid().entrySet()) {
            if (law.parameters().stream().anyMatch(p -> p.name().equals(e.getKey()) && p.isFree())) {
                product *= e.getValue().size();
            }
        }
        return product;
    }

    /** The bounds and state of each parameter as declarations ({@code alpha in [0, 3]}, {@code beta = alpha}). */
    private static List<String> declarations(Law law) {
        return law.parameters().stream().map(ParameterDeclaration::describe).toList();
    }
}
