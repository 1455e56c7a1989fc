package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.io.LoadedDataset;
import dev.slaw.law.MixtureVariables;
import dev.slaw.mixture.Proportions;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The proportion columns of a data mixture and their check, shared by the {@code slaw mixture} commands. */
final class MixtureOptions {
    @Option(names = "--mixture", paramLabel = "NAME=COLUMNS",
            description = "A mixture variable and its proportion columns, in order (the last is the reference domain):"
                    + " r=web,code,books, or a pattern r='train_*' (columns in table order).")
    List<String> bindings = new ArrayList<>();

    @Option(names = "--sum-tolerance", paramLabel = "TOL", defaultValue = "0.01",
            description = "Largest |sum - 1| of a row's proportions; rows within it are renormalised to sum to 1"
                    + " (default: ${DEFAULT-VALUE}, what rounding 17 proportions to 3 decimals can add up to).")
    double tolerance;

    /** The bindings with patterns matched against the table's columns (numeric and text). */
    MixtureVariables variables(Dataset d) {
        List<String> all = new ArrayList<>(d.columnNames());
        all.addAll(d.labels().keySet());
        List<String> expanded = new ArrayList<>();
        for (String b : bindings) {
            int eq = b.indexOf('=');
            if (eq < 0 || !b.contains("*")) {
                expanded.add(b);
                continue;
            }
            List<String> matched = new ArrayList<>();
            for (String part : b.substring(eq + 1).split(",")) {
                String p = part.strip();
                if (!p.contains("*")) {
                    matched.add(p);
                    continue;
                }
                String regex = "\\Q" + p.replace("*", "\\E.*\\Q") + "\\E";
                int before = matched.size();
                for (String c : all) {
                    if (c.matches(regex) && !matched.contains(c)) {
                        matched.add(c);
                    }
                }
                if (matched.size() == before) {
                    throw new BadInputException("--mixture " + b + ": no column matches " + p + " (columns: "
                            + String.join(", ", all) + ")");
                }
            }
            expanded.add(b.substring(0, eq + 1) + String.join(",", matched));
        }
        if (expanded.isEmpty()) {
            throw new BadInputException("say which columns are the mixture's proportions: --mixture r=COLUMN1,COLUMN2,...");
        }
        return MixtureVariables.parse(expanded);
    }

    /** A dataset's proportions checked and renormalised, the check's note added. */
    static LoadedDataset checked(LoadedDataset loaded, MixtureVariables mixture, double tolerance) {
        Proportions p = Proportions.check(loaded.dataset(), mixture.columns(), tolerance);
        List<String> notes = new ArrayList<>(loaded.notes());
        if (!p.note().isEmpty()) {
            notes.add(p.note());
        }
        return new LoadedDataset(p.data(), notes, loaded.group(), loaded.recipe(), loaded.sourceRows());
    }

    /** The mixture of a saved fit: every variable, unless --mixture names the columns. */
    MixtureVariables ofLaw(dev.slaw.law.Law law, Dataset d) {
        if (!bindings.isEmpty()) {
            return variables(d);
        }
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("r", law.variables());
        return new MixtureVariables(m);
    }
}
