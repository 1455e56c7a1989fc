package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.fit.FitReport;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code slaw laws [NAME]}: the catalogue, or one law in full. */
@Command(name = "laws", mixinStandardHelpOptions = true,
        description = "List the built-in laws, or show one: formula, parameters, bounds, start grid, citation.")
public final class LawsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "A law to show in full.")
    String name;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Catalogue catalogue = Catalogue.builtIn();
        if (name == null) {
            int w = catalogue.names().stream().mapToInt(String::length).max().orElse(4) + 2;
            for (Law law : catalogue.laws()) {
                out.printf("%-" + w + "s%s%n", law.name(), law.formula());
            }
            out.println();
            out.println("Show one with: slaw laws NAME. Any formula works where a name does: --law \"E + A*N^-alpha\".");
            return 0;
        }
        Law law = catalogue.find(name).orElseThrow(() -> new BadInputException("unknown law '" + name + "' (known: "
                + String.join(", ", catalogue.names()) + ")"));
        out.println(law.name());
        out.println("  formula:     " + law.formula());
        out.println("  description: " + law.metadata().description());
        out.println("  variables:");
        for (String v : law.variables()) {
            out.println("    " + v + "  " + law.metadata().variables().getOrDefault(v, ""));
        }
        out.println("  parameters:");
        for (String d : FitReport.declarations(law)) {
            out.println("    " + d);
        }
        out.println("  target:      " + law.target().name().toLowerCase(java.util.Locale.ROOT)
                + " (residuals " + (law.target() == dev.slaw.law.Target.LOG ? "log y - log f" : "y - f") + ")");
        Map<String, List<Double>> grid = law.metadata().startGrid();
        List<String> fromData = law.parameters().stream().filter(p -> p.isFree() && !grid.containsKey(p.name()))
                .map(dev.slaw.law.Parameter::name).toList();
        if (!fromData.isEmpty()) {
            out.println("  start grid:");
            for (Map.Entry<String, List<Double>> e : grid.entrySet()) {
                out.println("    " + e.getKey() + " in " + e.getValue().stream().map(dev.slaw.law.Numbers::compact).toList());
            }
            out.println("    " + String.join(", ", fromData) + ": from the bounds and the data (a parameter the law is"
                    + " linear in is solved by least squares at each start)");
        } else if (!grid.isEmpty()) {
            long product = 1;
            out.println("  start grid:");
            for (Map.Entry<String, List<Double>> e : grid.entrySet()) {
                out.println("    " + e.getKey() + " in " + e.getValue().stream().map(dev.slaw.law.Numbers::compact).toList());
                if (law.parameters().stream().anyMatch(p -> p.name().equals(e.getKey()) && p.isFree())) {
                    product *= e.getValue().size();
                }
            }
            out.println("    (" + product + " starts)");
        }
        out.println("  cite:        " + law.metadata().citation());
        return 0;
    }
}
