package dev.slaw.cli;

import dev.slaw.fit.Fit;
import dev.slaw.fit.FitDifference;
import dev.slaw.io.document.Table;
import dev.slaw.io.fit.FitJson;
import dev.slaw.io.json.JsonArray;
import dev.slaw.io.json.JsonObject;
import dev.slaw.law.Numbers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code slaw fits diff A.json B.json}: what differs between two saved fits (law, data
 * fingerprint, every choice, versions, fitted values), as a table of name, A and B. A
 * reproduction check: exits 0 whether or not they differ.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Show what differs between two saved fits: law, data, every choice, versions, values.")
final class FitsDiffCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "A", description = "A fit saved with --out.")
    Path first;

    @Parameters(index = "1", paramLabel = "B", description = "Another fit saved with --out.")
    Path second;

    @Mixin
    JsonOutput output = new JsonOutput();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Fit a = FitJson.load(first);
        Fit b = FitJson.load(second);
        List<FitDifference> differences = FitDifference.between(a, b);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            JsonObject root = new JsonObject();
            root.put("a", first.toString());
            root.put("b", second.toString());
            JsonArray rows = root.putArray("differences");
            for (FitDifference d : differences) {
                rows.addObject().put("name", d.name()).putValue("a", d.a()).putValue("b", d.b());
            }
            out.println(root);
        } else if (differences.isEmpty()) {
            out.println(first + " and " + second + " agree in law, data, every choice, versions and values");
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (FitDifference d : differences) {
                String[] shown = shown(d);
                rows.add(List.of(d.name(), shown[0], shown[1]));
            }
            out.print(new Table(List.of("", first.toString(), second.toString()), rows).text());
        }
        out.flush();
        return 0;
    }

    /** Both values as text, with more digits where six do not tell two numbers apart. */
    private static String[] shown(FitDifference d) {
        String a = text(d.a(), false);
        String b = text(d.b(), false);
        if (a.equals(b)) {
            a = text(d.a(), true);
            b = text(d.b(), true);
        }
        return new String[]{a, b};
    }

    private static String text(Object v, boolean exact) {
        if (v == null) {
            return "-";
        }
        if (v instanceof Double x) {
            return exact ? Double.toString(x) : Numbers.compact(x);
        }
        if (v instanceof List<?> list) {
            return list.isEmpty() ? "(none)" : String.join("; ", list.stream().map(String::valueOf).toList());
        }
        return v.toString();
    }
}
