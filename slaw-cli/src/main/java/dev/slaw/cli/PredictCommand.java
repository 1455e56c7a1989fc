package dev.slaw.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.io.DatasetLoader;
import dev.slaw.io.LoadedDataset;
import dev.slaw.io.Recipe;
import dev.slaw.io.fit.FitJson;
import dev.slaw.io.table.NumberParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code slaw predict FIT.json N=70e9 D=1.4e12} or {@code --at points.csv}. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict with a saved fit at given points.",
        footer = {"", "Examples:", "  slaw predict fit.json N=70e9 D=1.4e12", "  slaw predict fit.json --at points.csv --json"})
public final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FIT", description = "A fit saved by slaw fit --out.")
    Path fitFile;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "VAR=VALUE",
            description = "One point: a value for each variable of the law (12M, 1.4B, 2T accepted).")
    List<String> assignments = new ArrayList<>();

    @Option(names = "--at", paramLabel = "FILE", description = "A table of points with a column per variable.")
    Path points;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        Fit fit = FitJson.load(fitFile);
        List<String> vars = fit.law().variables();
        Dataset at;
        if (points != null) {
            if (!assignments.isEmpty()) {
                throw new BadInputException("give either VAR=VALUE or --at FILE, not both");
            }
            LoadedDataset loaded = DatasetLoader.load(points, Recipe.DEFAULT).requireComplete(vars);
            at = loaded.dataset();
        } else {
            Map<String, double[]> cols = new LinkedHashMap<>();
            for (String a : assignments) {
                int eq = a.indexOf('=');
                if (eq <= 0) {
                    throw new BadInputException("\"" + a + "\": expected VAR=VALUE, e.g. N=70e9");
                }
                String name = a.substring(0, eq).strip();
                if (!vars.contains(name)) {
                    throw new BadInputException("\"" + a + "\": law " + fit.law().name() + " has no variable '" + name
                            + "' (variables: " + String.join(", ", vars) + ")");
                }
                NumberParser parser = new NumberParser();
                if (parser.parse(a.substring(eq + 1).strip()) != NumberParser.NUMBER
                        || !Double.isFinite(parser.value())) {
                    throw new BadInputException("\"" + a + "\": '" + a.substring(eq + 1).strip()
                            + "' is not a finite number");
                }
                double v = parser.value();
                cols.put(name, new double[]{v});
            }
            for (String v : vars) {
                if (!cols.containsKey(v)) {
                    throw new BadInputException("prediction needs a value for " + v + ", e.g. " + v + "=1e9 (law "
                            + fit.law().name() + " reads " + String.join(", ", vars) + ")");
                }
            }
            at = Dataset.of("command line", cols);
        }
        double[] y = fit.predict(at);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper m = new ObjectMapper();
            ArrayNode arr = m.createArrayNode();
            for (int i = 0; i < y.length; i++) {
                ObjectNode o = arr.addObject();
                for (String v : vars) {
                    o.put(v, at.column(v)[i]);
                }
                o.put(fit.target(), y[i]);
            }
            out.println(arr.toPrettyString());
        } else {
            StringBuilder head = new StringBuilder();
            for (String v : vars) {
                head.append(String.format(Locale.ROOT, "%14s", v));
            }
            head.append(String.format(Locale.ROOT, "%14s", fit.target()));
            out.println(head);
            for (int i = 0; i < y.length; i++) {
                StringBuilder row = new StringBuilder();
                for (String v : vars) {
                    row.append(String.format(Locale.ROOT, "%14.4g", at.column(v)[i]));
                }
                row.append(String.format(Locale.ROOT, "%14.6f", y[i]));
                out.println(row);
            }
        }
        return 0;
    }
}
