package dev.slaw.law;

import dev.slaw.data.BadInputException;
import dev.slaw.law.expr.Formula;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in laws. Each is a resource file in the law language plus metadata, so adding a
 * law is adding a file (and its name to {@code index}). A built-in law the language cannot write
 * ({@link DataFilteringLaw}) is a Java class listed after the files; kernel laws bound to data
 * (those that need a learning-rate schedule) register themselves with {@link #withKernel}.
 *
 * <p>File format, one {@code key: value} per line ({@code #} starts a comment):
 * {@code name}, {@code formula}, {@code description}, {@code variables} ({@code N = meaning, ...}),
 * {@code param} (a {@link ParameterDeclaration}, one per line), {@code target} (log or plain),
 * {@code start} ({@code alpha = 0, 0.5, 1} or {@code A = exp(0, 5, 10)}), {@code cite}.
 */
public final class Catalogue {
    private static final String ROOT = "/dev/slaw/laws/";
    private static final Catalogue BUILT_IN = load();

    /** The laws by name, in catalogue order; each built-in law is read on first use. */
    private final Map<String, Entry> laws;

    private Catalogue(Map<String, Entry> laws) {
        this.laws = Collections.unmodifiableMap(new LinkedHashMap<>(laws));
    }

    /**
     * A law, or the name of its resource file to read when first asked for: a command uses one
     * law, and reading all fourteen files cost 30 ms of every start-up.
     */
    private static final class Entry {
        private final String resource;
        private Law law;

        Entry(String resource, Law law) {
            this.resource = resource;
            this.law = law;
        }

        synchronized Law get() {
            if (law == null) {
                law = read(resource, String.join("\n", lines(ROOT + resource + ".law")));
            }
            return law;
        }
    }

    /** The catalogue shipped with slaw. */
    public static Catalogue builtIn() {
        return BUILT_IN;
    }

    /** This catalogue plus a law (a kernel law or a user's named formula). */
    public Catalogue withKernel(Law law) {
        Map<String, Entry> m = new LinkedHashMap<>(laws);
        m.put(law.name(), new Entry(null, law));
        return new Catalogue(m);
    }

    public List<String> names() {
        return List.copyOf(laws.keySet());
    }

    public Collection<Law> laws() {
        List<Law> out = new ArrayList<>(laws.size());
        for (Entry e : laws.values()) {
            out.add(e.get());
        }
        return Collections.unmodifiableList(out);
    }

    public Optional<Law> find(String name) {
        Entry e = laws.get(name);
        return e == null ? Optional.empty() : Optional.of(e.get());
    }

    /**
     * A law by catalogue name, or else the text read as a formula over the given data columns.
     *
     * @throws BadInputException for an unknown name that is not a formula either
     */
    public Law resolve(String nameOrFormula, Collection<String> dataColumns) {
        Entry entry = laws.get(nameOrFormula);
        if (entry != null) {
            return entry.get();
        }
        if (nameOrFormula.matches("[A-Za-z][\\w.-]*") && !laws.containsKey(nameOrFormula)) {
            throw new BadInputException("unknown law '" + nameOrFormula + "' (known: " + String.join(", ", names())
                    + "; or give a formula such as \"E + A*N^-alpha\")");
        }
        return FormulaLaw.fromFormula(nameOrFormula, dataColumns);
    }

    private static Catalogue load() {
        Map<String, Entry> m = new LinkedHashMap<>();
        for (String name : lines(ROOT + "index")) {
            m.put(name, new Entry(name, null));
        }
        // laws the law language cannot write (a product over a data-dependent number of epochs)
        m.put(DataFilteringLaw.NAME, new Entry(null, DataFilteringLaw.standard()));
        return new Catalogue(m);
    }

    /** Reads a law file's text (a law without a mixture variable). */
    public static FormulaLaw parse(String source, String text) {
        if (read(source, text) instanceof FormulaLaw f) {
            return f;
        }
        throw new BadInputException(source + ": a law over a mixture (a variable r[]) is not a plain formula law");
    }

    /** Reads a law file's text: a {@link MixtureLaw} when a variable is a mixture ({@code r[] = ...}). */
    public static Law read(String source, String text) {
        String name = null;
        String formula = null;
        String description = "";
        String cite = "";
        Target target = Target.LOG;
        Map<String, String> variables = new LinkedHashMap<>();
        List<String> params = new ArrayList<>();
        Map<String, List<Double>> starts = new LinkedHashMap<>();
        int lineNo = 0;
        for (String raw : text.split("\n")) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new BadInputException(source + ": line " + lineNo + ": expected 'key: value'");
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "name" -> name = value;
                case "formula" -> formula = value;
                case "description" -> description = value;
                case "cite" -> cite = value;
                case "target" -> target = switch (value) {
                    case "log" -> Target.LOG;
                    case "plain" -> Target.PLAIN;
                    default -> throw new BadInputException(source + ": line " + lineNo
                            + ": target must be log or plain, not '" + value + "'");
                };
                case "variables" -> {
                    for (String part : value.split(",\\s*(?=[A-Za-z_][\\w.]*(\\[\\])?\\s*=)")) {
                        int eq = part.indexOf('=');
                        variables.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
                    }
                }
                case "param" -> params.add(value);
                case "start" -> {
                    int eq = value.indexOf('=');
                    if (eq < 0) {
                        throw new BadInputException(source + ": line " + lineNo + ": expected 'start: NAME = values'");
                    }
                    starts.put(value.substring(0, eq).strip(), startValues(value.substring(eq + 1).strip(),
                            source + ": line " + lineNo));
                }
                default -> throw new BadInputException(source + ": line " + lineNo + ": unknown key '" + key + "'");
            }
        }
        if (name == null || formula == null) {
            throw new BadInputException(source + ": a law file needs 'name' and 'formula'");
        }
        if (variables.keySet().stream().anyMatch(v -> v.endsWith("[]"))) {
            return MixtureLaw.of(name, formula, variables, params, target, new LawMetadata(description, cite, variables, starts));
        }
        Formula f = Formula.parse(formula);
        List<Parameter> declared = new ArrayList<>();
        for (String n : f.names()) {
            if (!variables.containsKey(n)) {
                declared.add(Parameter.free(n));
            }
        }
        declared = ParameterDeclaration.applyAll(declared, params, name);
        return new FormulaLaw(name, f, List.copyOf(variables.keySet()), declared, target,
                new LawMetadata(description, cite, variables, starts));
    }

    /** {@code 0, 0.5, 1} or {@code exp(0, 5, 10)} (values given by their logarithms). */
    static List<Double> startValues(String text, String where) {
        boolean exp = text.startsWith("exp(") && text.endsWith(")");
        String body = exp ? text.substring(4, text.length() - 1) : text;
        List<Double> out = new ArrayList<>();
        for (String s : body.split(",")) {
            try {
                double v = Double.parseDouble(s.strip());
                out.add(exp ? Math.exp(v) : v);
            } catch (NumberFormatException e) {
                throw new BadInputException(where + ": '" + s.strip() + "' is not a number");
            }
        }
        return out;
    }

    private static List<String> lines(String resource) {
        InputStream in = Catalogue.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing resource " + resource);
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> out = new ArrayList<>();
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(line);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
