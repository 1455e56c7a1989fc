package dev.slaw.discover;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.law.Catalogue;
import dev.slaw.law.FormulaLaw;
import dev.slaw.law.Law;
import dev.slaw.law.LevelLaw;
import dev.slaw.law.MixtureLaw;
import dev.slaw.law.expr.Formula;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The candidate laws of a search, from simple to complex up to a parameter budget. Every
 * candidate is written as a law file's text (formula, parameter declarations, start grids of
 * the parameters the law is not linear in) and read by {@link Catalogue#parse}, so it is an
 * ordinary law that the fitter's data-aware starts solve for its linear parameters.
 *
 * <p>Per variable x (scaled by a power of ten near its geometric mean, so that exponents and
 * scales start near 1 whatever the units): a power {@code A*x^-a}, a power with an offset
 * {@code A*(x + c)^-a}, a logarithm {@code A*log(x)}, an exponential saturation
 * {@code A*exp(-k*x)}, a broken power law {@code A*x^-a*(1 + x/d)^-c}. Terms combine
 * additively, with or without an irreducible term E; beside them a product over variables
 * ({@code A*N^-a*D^-b}, the interaction), additive powers plus such a product, one exponent shared
 * by every variable, an exponent that moves with another variable ({@code N^-(a + c log D)}),
 * a log-quadratic surface (the log transform of the target: log y quadratic in log x), and for a
 * target between 0 and 1 a logit-linear one (the logit transform). The catalogue's laws whose
 * variables are among the searched ones come first. A candidate's canonical form names its
 * function set; equal forms are fitted once (the first, hence simplest, kept).
 */
public final class Grammar {
    /** The per-variable term kinds, simplest first. */
    private static final String KINDS = "PLOXB";

    private Grammar() {
    }

    /**
     * The candidates for {@code target} over {@code variables}: the catalogue's that fit, then
     * the grammar's by parameter count, equivalent forms once.
     *
     * @throws BadInputException when a variable is missing or not positive, or the target is missing
     */
    public static List<Candidate> enumerate(Dataset data, String target, List<String> variables, int maxParameters) {
        if (!data.hasColumn(target)) {
            throw new BadInputException(data.source() + ": no target column '" + target + "' (columns: "
                    + String.join(", ", data.columnNames()) + ")");
        }
        for (String v : variables) {
            if (!data.hasColumn(v)) {
                throw new BadInputException(data.source() + ": no column '" + v + "' to search over (columns: "
                        + String.join(", ", data.columnNames()) + ")");
            }
            if (!v.matches("[A-Za-z_]\\w*")) {
                throw new BadInputException("variable '" + v + "' is not a name the law language reads: rename it with --map");
            }
            for (double x : data.column(v)) {
                if (!(x > 0) || !Double.isFinite(x)) {
                    throw new BadInputException(data.source() + ": column '" + v + "' has a value " + x
                            + "; the search's terms (powers, logarithms) need positive variables");
                }
            }
        }
        if (maxParameters < 1) {
            throw new BadInputException("--max-params must be at least 1, got " + maxParameters);
        }
        Shape shape = new Shape(data, target, variables);
        List<Draft> drafts = new ArrayList<>();
        shape.grammar(drafts, maxParameters);
        drafts.sort(Comparator.comparingInt(Draft::parameters)); // stable: generation order within a count
        List<Candidate> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Candidate c : catalogue(variables, maxParameters, shape)) {
            if (seen.add(c.canonical())) {
                out.add(c);
            }
        }
        for (Draft d : drafts) {
            if (seen.add(d.key)) {
                out.add(d.candidate(shape));
            }
        }
        return out;
    }

    /**
     * Catalogue laws of a training hyperparameter (learning rate, batch size, AdamW timescale),
     * made for {@code slaw plan --hyperparameters}, not to model a loss or an accuracy: a winner
     * must not be named after a quantity it does not predict. Their plain-power and product forms
     * are searched all the same, as the catalogue's power law and the grammar's product.
     */
    static final Set<String> HYPERPARAMETER_LAWS = Set.of("deepseek-lr", "deepseek-batch", "step-law-lr",
            "step-law-batch", "zhang-cbs", "kaplan-bcrit", "power-lines-tau");

    /** The catalogue's plain formula laws over the searched variables (a one-variable law's x bound to the only one). */
    static List<Candidate> catalogue(List<String> variables, int maxParameters, Shape shape) {
        List<Candidate> out = new ArrayList<>();
        for (Law law : Catalogue.builtIn().laws()) {
            if (!(law instanceof FormulaLaw f) || law instanceof LevelLaw || law instanceof MixtureLaw
                    || !law.labelColumns().isEmpty() || HYPERPARAMETER_LAWS.contains(law.name())) {
                continue;
            }
            FormulaLaw bound = f;
            if (!variables.containsAll(f.variables())) {
                if (!(f.variables().equals(List.of("x")) && variables.size() == 1)) {
                    continue;
                }
                String v = variables.get(0);
                Map<String, Formula> rename = Map.of("x", Formula.parse(v));
                bound = new FormulaLaw(f.name(), f.definition().withNamesReplaced(rename), List.of(v), f.parameters(),
                        f.target(), f.metadata());
            }
            int free = (int) bound.parameters().stream().filter(p -> !p.isFixed() && !p.isTied()).count();
            if (free > maxParameters) {
                continue;
            }
            out.add(new Candidate(bound, "catalogue", true, free, shape.catalogueKey(bound)));
        }
        return out;
    }

    /** A grammar candidate before parsing: formula, declarations, start grids, canonical form. */
    record Draft(String family, String formula, List<String> params, List<String> starts, int parameters, String key) {
        Candidate candidate(Shape shape) {
            String formula = shape.resolve(this.formula);
            List<String> params = this.params.stream().map(shape::resolve).toList();
            List<String> starts = this.starts.stream().map(shape::resolve).toList();
            StringBuilder text = new StringBuilder();
            text.append("name: ").append(formula).append('\n');
            text.append("formula: ").append(formula).append('\n');
            text.append("variables: ");
            text.append(String.join(", ", shape.variables.stream().map(v -> v + " = " + v).toList())).append('\n');
            params.forEach(p -> text.append("param: ").append(p).append('\n'));
            starts.forEach(s -> text.append("start: ").append(s).append('\n'));
            text.append("target: ").append(shape.positive ? "log" : "plain").append('\n');
            FormulaLaw law = Catalogue.parse("candidate " + formula, text.toString());
            // a variable the formula leaves out is no variable of the law
            Set<String> used = law.definition().names();
            List<String> vars = shape.variables.stream().filter(used::contains).toList();
            law = new FormulaLaw(law.name(), law.definition(), vars, law.parameters(), law.target(), law.metadata());
            return new Candidate(law, family, false, parameters, key);
        }
    }

    /** One variable's term: text without its sign, declarations, start grids, parameters, form. */
    private record Term(String text, List<String> params, List<String> starts, int count, String key) {
    }

    /** What the data say about the terms: each variable's scaling, direction, quartiles; the target's range. */
    static final class Shape {
        final List<String> variables;
        final String[] scaled;
        final boolean[] increasing;
        final double[][] quartiles;
        final boolean positive;
        final boolean unitInterval;

        Shape(Dataset data, String target, List<String> variables) {
            this.variables = List.copyOf(variables);
            int n = variables.size();
            scaled = new String[n];
            increasing = new boolean[n];
            quartiles = new double[n][];
            double[] y = data.column(target);
            positive = Arrays.stream(y).allMatch(v -> v > 0);
            unitInterval = Arrays.stream(y).allMatch(v -> v > 0 && v < 1);
            for (int i = 0; i < n; i++) {
                double[] x = data.column(variables.get(i));
                double meanLog = Arrays.stream(x).map(Math::log10).average().orElse(0);
                int e = (int) Math.round(meanLog);
                double ref = Math.pow(10, e);
                // a placeholder until the text is done, so a parameter named like a variable (C) can be renamed
                scaled[i] = e == 0 ? slot(i) : "(" + slot(i) + "/" + power(e) + ")";
                increasing[i] = slope(x, y) > 0;
                double[] sorted = Arrays.stream(x).map(v -> v / ref).sorted().toArray();
                quartiles[i] = new double[]{quantile(sorted, 0.25), quantile(sorted, 0.5), quantile(sorted, 0.75)};
            }
        }

        private static String slot(int i) {
            return "\u00a7" + i + "\u00a7";
        }

        /** The text with a parameter named like a variable renamed (C to C_), then the variables in their slots. */
        String resolve(String text) {
            String out = text;
            for (String v : variables) {
                out = out.replaceAll("(?<![\\w\u00a7])" + java.util.regex.Pattern.quote(v) + "(?![\\w\u00a7])", v + "_");
            }
            for (int i = 0; i < variables.size(); i++) {
                out = out.replace(slot(i), variables.get(i));
            }
            return out;
        }

        private static String power(int e) {
            return Math.abs(e) <= 2 ? format(Math.pow(10, e)) : "1e" + e;
        }

        /** The least-squares slope of y on log x: its sign says whether the target rises with x. */
        private static double slope(double[] x, double[] y) {
            double mx = 0;
            double my = 0;
            for (int i = 0; i < x.length; i++) {
                mx += Math.log(x[i]) / x.length;
                my += y[i] / x.length;
            }
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += (Math.log(x[i]) - mx) * (y[i] - my);
            }
            return s;
        }

        private static double quantile(double[] sorted, double q) {
            double pos = q * (sorted.length - 1);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(lo + 1, sorted.length - 1);
            return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
        }

        private String tag(int i) {
            return variables.get(i);
        }

        /** Variable i's term of a kind (P power, L logarithm, O offset power, X saturation, B broken power). */
        Term term(char kind, int i) {
            String x = scaled[i];
            int k = i + 1;
            String v = tag(i);
            return switch (kind) {
                case 'P' -> new Term("A" + k + "*" + x + "^-a" + k, List.of("A" + k + " > 0", "a" + k + " in [0, 3]"),
                        List.of("a" + k + " = 0.2, 0.6"), 2, "P(" + v + ")");
                case 'L' -> new Term("A" + k + "*log(" + bare(x) + ")", List.of(), List.of(), 1, "L(" + v + ")");
                case 'O' -> new Term("A" + k + "*(" + x + " + c" + k + ")^-a" + k,
                        List.of("A" + k + " > 0", "a" + k + " in [0, 3]", "c" + k + " > 0"),
                        List.of("a" + k + " = 0.3, 1", "c" + k + " = " + format(quartiles[i][0]) + ", " + format(quartiles[i][2])),
                        3, "O(" + v + ")");
                case 'X' -> new Term("A" + k + "*exp(-k" + k + "*" + x + ")", List.of("A" + k + " > 0", "k" + k + " > 0"),
                        List.of("k" + k + " = " + format(0.5 / quartiles[i][2]) + ", " + format(1 / quartiles[i][1]) + ", "
                                + format(2 / quartiles[i][0])), 2, "X(" + v + ")");
                case 'B' -> new Term("A" + k + "*" + x + "^-a" + k + "*(1 + " + x + "/d" + k + ")^-c" + k,
                        List.of("A" + k + " > 0", "a" + k + " in [0, 3]", "d" + k + " > 0", "c" + k + " in [-2, 3]"),
                        List.of("a" + k + " = 0.2, 0.6", "d" + k + " = " + format(quartiles[i][0]) + ", " + format(quartiles[i][2]),
                                "c" + k + " = -0.3, 0.3"), 4, "B(" + v + ")");
                default -> throw new IllegalArgumentException("term kind " + kind);
            };
        }

        /** Every grammar draft up to {@code max} parameters, in generation order. */
        void grammar(List<Draft> out, int max) {
            int n = variables.size();
            String eDecl = positive ? "E > 0" : "E free";
            // additive: each variable none or one term kind, with or without E
            int combos = (int) Math.pow(KINDS.length() + 1, n);
            for (int withE = 0; withE < 2; withE++) {
                for (int c = 1; c < combos; c++) {
                    int code = c;
                    List<Term> terms = new ArrayList<>();
                    List<Integer> who = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        int kind = code % (KINDS.length() + 1);
                        code /= KINDS.length() + 1;
                        if (kind > 0) {
                            terms.add(term(KINDS.charAt(kind - 1), i));
                            who.add(i);
                        }
                    }
                    boolean e = withE == 1;
                    boolean needsE = terms.stream().anyMatch(t -> t.key.startsWith("L"))
                            || who.stream().anyMatch(i -> increasing[i]);
                    if (!e && (needsE || !positive)) {
                        continue;
                    }
                    StringBuilder f = new StringBuilder(e ? "E" : "");
                    List<String> params = new ArrayList<>(e ? List.of(eDecl) : List.of());
                    List<String> starts = new ArrayList<>();
                    List<String> keys = new ArrayList<>();
                    int count = e ? 1 : 0;
                    for (int t = 0; t < terms.size(); t++) {
                        Term term = terms.get(t);
                        boolean minus = increasing[who.get(t)] && !term.key.startsWith("L");
                        f.append(f.length() == 0 ? (minus ? "-" : "") : (minus ? " - " : " + ")).append(term.text);
                        params.addAll(term.params);
                        starts.addAll(term.starts);
                        keys.add(term.key);
                        count += term.count;
                    }
                    if (count <= max) {
                        out.add(new Draft("additive", f.toString(), params, starts, count, key(e, keys)));
                    }
                }
            }
            // products of powers over a set of variables (the interaction N^a D^b), with or without E
            for (int mask = 1; mask < (1 << n); mask++) {
                List<Integer> set = members(mask, n);
                for (int withE = 0; withE < 2; withE++) {
                    boolean e = withE == 1;
                    if (!e && !positive) {
                        continue;
                    }
                    StringBuilder f = new StringBuilder();
                    List<String> params = new ArrayList<>();
                    List<String> starts = new ArrayList<>();
                    boolean minus = e && increasing[set.get(0)];
                    f.append(e ? "E" + (minus ? " - " : " + ") : "").append("C");
                    params.add(e ? eDecl : "C > 0");
                    if (e) {
                        params.add("C > 0");
                    }
                    for (int i : set) {
                        f.append("*").append(scaled[i]).append("^-b").append(i + 1);
                        params.add("b" + (i + 1) + " in [-3, 3]");
                        starts.add("b" + (i + 1) + " = " + (increasing[i] && !e ? "-0.3" : "0.3") + ", " + (increasing[i] && !e ? "-0.1" : "0.8"));
                    }
                    int count = (e ? 2 : 1) + set.size();
                    if (count <= max) {
                        out.add(new Draft("product", f.toString(), params, starts, count, key(e, List.of(product(set)))));
                    }
                }
            }
            if (n >= 2) {
                // additive powers plus their product (an interaction term)
                for (int mask = 3; mask < (1 << n); mask++) {
                    List<Integer> set = members(mask, n);
                    if (set.size() < 2) {
                        continue;
                    }
                    StringBuilder f = new StringBuilder("E");
                    List<String> params = new ArrayList<>(List.of(eDecl));
                    List<String> starts = new ArrayList<>();
                    List<String> keys = new ArrayList<>();
                    int count = 1;
                    for (int i = 0; i < n; i++) {
                        Term t = term('P', i);
                        f.append(increasing[i] ? " - " : " + ").append(t.text);
                        params.addAll(t.params);
                        starts.addAll(t.starts);
                        keys.add(t.key);
                        count += 2;
                    }
                    f.append(" + C");
                    params.add("C free");
                    for (int i : set) {
                        f.append("*").append(scaled[i]).append("^-b").append(i + 1);
                        params.add("b" + (i + 1) + " in [-3, 3]");
                        starts.add("b" + (i + 1) + " = 0.3");
                    }
                    count += 1 + set.size();
                    keys.add(product(set));
                    if (count <= max) {
                        out.add(new Draft("additive with interaction", f.toString(), params, starts, count, key(true, keys)));
                    }
                }
                // one exponent shared by every variable of a set
                for (int mask = 3; mask < (1 << n); mask++) {
                    List<Integer> set = members(mask, n);
                    if (set.size() < 2 || set.stream().anyMatch(i -> increasing[i] != increasing[set.get(0)])) {
                        continue;
                    }
                    for (int withE = 0; withE < 2; withE++) {
                        boolean e = withE == 1;
                        if (!e && (!positive || increasing[set.get(0)])) {
                            continue;
                        }
                        StringBuilder f = new StringBuilder(e ? "E" : "");
                        List<String> params = new ArrayList<>(e ? List.of(eDecl) : List.of());
                        params.add("a in [0, 3]");
                        for (int i : set) {
                            String sign = increasing[i] ? "-" : "+";
                            f.append(f.length() == 0 ? "" : " " + sign + " ").append("A").append(i + 1).append("*")
                                    .append(scaled[i]).append("^-a");
                            params.add("A" + (i + 1) + " > 0");
                        }
                        int count = (e ? 1 : 0) + 1 + set.size();
                        if (count <= max) {
                            out.add(new Draft("shared exponent", f.toString(), params, List.of("a = 0.2, 0.6"), count,
                                    key(e, List.of("S(" + names(set) + ")"))));
                        }
                    }
                }
                // an exponent that moves with another variable: N^-(a + g*log D)
                for (int u = 0; u < n; u++) {
                    for (int w = 0; w < n; w++) {
                        if (u == w) {
                            continue;
                        }
                        for (int withW = 0; withW < 2; withW++) {
                            StringBuilder f = new StringBuilder("E");
                            List<String> params = new ArrayList<>(List.of(eDecl, "A" + (u + 1) + " > 0", "a" + (u + 1) + " in [0, 3]",
                                    "g free"));
                            List<String> starts = new ArrayList<>(List.of("a" + (u + 1) + " = 0.2, 0.6", "g = -0.05, 0.05"));
                            f.append(increasing[u] ? " - " : " + ").append("A").append(u + 1).append("*").append(scaled[u])
                                    .append("^-(a").append(u + 1).append(" + g*log(").append(bare(scaled[w])).append("))");
                            List<String> keys = new ArrayList<>(List.of("V(" + tag(u) + "|" + tag(w) + ")"));
                            int count = 4;
                            if (withW == 1) {
                                Term t = term('P', w);
                                f.append(increasing[w] ? " - " : " + ").append(t.text);
                                params.addAll(t.params);
                                starts.addAll(t.starts);
                                keys.add(t.key);
                                count += 2;
                            }
                            if (count <= max) {
                                out.add(new Draft("varying exponent", f.toString(), params, starts, count, key(true, keys)));
                            }
                        }
                    }
                }
            }
            // the log transform: log y quadratic in the logs of the variables (pairwise products; a square for one variable)
            if (positive) {
                for (int withE = 0; withE < 2; withE++) {
                    boolean e = withE == 1;
                    StringBuilder inner = new StringBuilder();
                    List<String> params = new ArrayList<>(e ? List.of(eDecl, "C > 0") : List.of("C > 0"));
                    List<String> starts = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        inner.append(" - b").append(i + 1).append("*log(").append(bare(scaled[i])).append(")");
                        params.add("b" + (i + 1) + " free");
                        starts.add("b" + (i + 1) + " = " + (increasing[i] && !e ? "-0.3" : "0.3"));
                    }
                    int count = (e ? 2 : 1) + n;
                    if (n == 1) {
                        inner.append(" - q*log(").append(bare(scaled[0])).append(")^2");
                        count++;
                    } else {
                        for (int i = 0; i < n; i++) {
                            for (int j = i + 1; j < n; j++) {
                                inner.append(" - q").append(i + 1).append(j + 1).append("*log(").append(bare(scaled[i]))
                                        .append(")*log(").append(bare(scaled[j])).append(")");
                                count++;
                            }
                        }
                    }
                    params.addAll(quadraticNames(n).stream().map(q -> q + " free").toList());
                    starts.addAll(quadraticNames(n).stream().map(q -> q + " = -0.01, 0.01").toList());
                    String body = "C*exp(" + inner.substring(3).replaceFirst("^", "-") + ")";
                    boolean minus = e && increasing[0];
                    String f = e ? "E" + (minus ? " - " : " + ") + body : body;
                    if (count <= max) {
                        out.add(new Draft("log transform", f, params, starts, count, key(e, List.of("Q(" + names(all(n)) + ")"))));
                    }
                }
            }
            // the logit transform, for a target between 0 and 1: logit-linear in the logs, with and without a floor and ceiling
            if (unitInterval) {
                for (int bounded = 0; bounded < 2; bounded++) {
                    StringBuilder inner = new StringBuilder("h");
                    List<String> params = new ArrayList<>(List.of("h free"));
                    List<String> starts = new ArrayList<>(List.of("h = -1, 1"));
                    for (int i = 0; i < n; i++) {
                        inner.append(" + w").append(i + 1).append("*log(").append(bare(scaled[i])).append(")");
                        params.add("w" + (i + 1) + " free");
                        starts.add("w" + (i + 1) + " = " + (increasing[i] ? "0.3, 1" : "-0.3, -1"));
                    }
                    String s = "1/(1 + exp(-(" + inner + ")))";
                    int count = 1 + n;
                    String f = s;
                    if (bounded == 1) {
                        f = "lo + (hi - lo)/(1 + exp(-(" + inner + ")))";
                        params.add("lo in [0, 1]");
                        params.add("hi in [0, 1]");
                        count += 2;
                    }
                    if (count <= max) {
                        out.add(new Draft("logit", f, params, starts, count, (bounded == 1 ? "G4(" : "G(") + names(all(n)) + ")"));
                    }
                }
            }
        }

        private List<String> quadraticNames(int n) {
            List<String> out = new ArrayList<>();
            if (n == 1) {
                out.add("q");
            }
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    out.add("q" + (i + 1) + (j + 1));
                }
            }
            return out;
        }

        private static List<Integer> all(int n) {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(i);
            }
            return out;
        }

        private static List<Integer> members(int mask, int n) {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if ((mask & (1 << i)) != 0) {
                    out.add(i);
                }
            }
            return out;
        }

        private String names(List<Integer> set) {
            return String.join(",", set.stream().map(this::tag).toList());
        }

        /** A product of powers: over one variable, the power term itself. */
        private String product(List<Integer> set) {
            return set.size() == 1 ? "P(" + tag(set.get(0)) + ")" : "M(" + names(set) + ")";
        }

        /** The canonical form: the terms sorted, E in front when there is one. */
        static String key(boolean e, List<String> terms) {
            List<String> sorted = new ArrayList<>(terms);
            sorted.sort(null);
            return (e ? "E+" : "") + String.join("+", sorted);
        }

        /** The canonical form of a catalogue law the grammar also writes, else its own name. */
        String catalogueKey(FormulaLaw law) {
            List<String> v = law.variables();
            return switch (law.name()) {
                case "power" -> "P(" + v.get(0) + ")";
                case "power-offset" -> key(true, List.of("P(" + v.get(0) + ")"));
                case "chinchilla" -> key(true, List.of("P(N)", "P(D)"));
                // overtrain is E + a' N^-2eta + b' D^-2eta written in D/N and 6ND: chinchilla-tied again
                case "chinchilla-tied", "overtrain" -> key(true, List.of("S(" + names(all(variables.size()).stream()
                        .filter(i -> variables.get(i).equals("N") || variables.get(i).equals("D")).toList()) + ")"));
                default -> "catalogue:" + law.name();
            };
        }
    }

    /** A scaled variable without its parentheses, inside a function's own. */
    private static String bare(String x) {
        return x.startsWith("(") ? x.substring(1, x.length() - 1) : x;
    }

    static String format(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
