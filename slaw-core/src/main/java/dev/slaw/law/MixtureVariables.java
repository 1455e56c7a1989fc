package dev.slaw.law;

import dev.slaw.data.BadInputException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Vector variables of the law language: a name bound to a list of proportion columns (a data
 * mixture), used in a formula as {@code dot(t, r)}, the sum over domains of a vector parameter
 * {@code t} times the proportions {@code r}.
 *
 * <p>The form is expanded into scalar terms before the formula is parsed, so fitting, standard
 * errors, saved fits and predictions see an ordinary formula. Because the proportions sum to 1,
 * one component is redundant: {@code sum_j t_j r_j = t_M + sum_{j<M} (t_j - t_M) r_j}, and the
 * constant {@code t_M} is absorbed by the law's scale (or intercept). The last column is
 * therefore the reference domain: its term is left out, and each fitted {@code t_<domain>}
 * reads as that domain's coefficient minus the reference's. Keeping it would leave the Hessian
 * singular.
 *
 * @param vectors each vector name with its columns, in order (the last is the reference)
 */
public record MixtureVariables(Map<String, List<String>> vectors) {
    private static final Pattern DOT = Pattern.compile("\\bdot\\(\\s*([A-Za-z_]\\w*)\\s*,\\s*([A-Za-z_]\\w*)\\s*\\)");
    /** {@code sumpow(C, r, g)}: the sum over every domain of C_j r_j^g_j; g a vector parameter or a number. */
    private static final Pattern SUMPOW = Pattern.compile(
            "\\bsumpow\\(\\s*([A-Za-z_]\\w*)\\s*,\\s*([A-Za-z_]\\w*)\\s*,\\s*([A-Za-z_]\\w*|[0-9.]+)\\s*\\)");

    public MixtureVariables {
        Map<String, List<String>> m = new LinkedHashMap<>();
        vectors.forEach((k, v) -> m.put(k, List.copyOf(v)));
        vectors = java.util.Collections.unmodifiableMap(m);
        for (Map.Entry<String, List<String>> e : vectors.entrySet()) {
            if (e.getValue().isEmpty()) {
                throw new BadInputException("mixture variable " + e.getKey() + " is bound to no columns: write "
                        + e.getKey() + "=COLUMN1,COLUMN2,...");
            }
            if (e.getValue().size() < 2) {
                throw new BadInputException("mixture variable " + e.getKey() + " is bound to one column ("
                        + e.getValue().get(0) + "): a mixture needs at least two proportion columns");
            }
            if (e.getValue().stream().distinct().count() != e.getValue().size()) {
                throw new BadInputException("mixture variable " + e.getKey() + " names a column twice: "
                        + String.join(", ", e.getValue()));
            }
        }
    }

    /**
     * {@code r=c1,c2,c3} (several allowed), the command-line form.
     *
     * @throws BadInputException for a binding without '=' or with no columns
     */
    public static MixtureVariables parse(List<String> bindings) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (String b : bindings) {
            int eq = b.indexOf('=');
            if (eq <= 0) {
                throw new BadInputException("--mixture " + b + ": expected NAME=COLUMN1,COLUMN2,... (e.g. r=web,code,books)");
            }
            String name = b.substring(0, eq).strip();
            if (!name.matches("[A-Za-z_]\\w*")) {
                throw new BadInputException("--mixture " + b + ": '" + name + "' is not a name");
            }
            List<String> columns = new ArrayList<>();
            for (String c : b.substring(eq + 1).split(",")) {
                if (!c.isBlank()) {
                    columns.add(c.strip());
                }
            }
            if (m.put(name, columns) != null) {
                throw new BadInputException("--mixture: " + name + " is bound twice");
            }
        }
        return new MixtureVariables(m);
    }

    /** Every bound column, in order. */
    public List<String> columns() {
        List<String> out = new ArrayList<>();
        vectors.values().forEach(out::addAll);
        return out;
    }

    /**
     * The short name of each column of a vector: the column with the prefix all its columns share
     * taken off ({@code train_the_pile_arxiv} becomes {@code arxiv}), as a name of the law language.
     */
    public List<String> domains(String vector) {
        List<String> cols = vectors.get(vector);
        String prefix = cols.get(0);
        for (String c : cols) {
            int n = 0;
            while (n < prefix.length() && n < c.length() && prefix.charAt(n) == c.charAt(n)) {
                n++;
            }
            prefix = prefix.substring(0, n);
        }
        // cut at a separator, so that "pubmed_central" and "pubmed_abstracts" keep their word
        int cut = Math.max(prefix.lastIndexOf('_'), Math.max(prefix.lastIndexOf('/'), prefix.lastIndexOf('.')));
        int keep = cut + 1;
        List<String> out = new ArrayList<>();
        for (String c : cols) {
            String s = c.substring(Math.min(keep, c.length())).replaceAll("\\W", "_");
            out.add(s.isEmpty() || !Character.isLetter(s.charAt(0)) && s.charAt(0) != '_' ? "d" + s : s);
        }
        if (out.stream().distinct().count() != out.size()) {
            throw new BadInputException("mixture variable " + vector + ": columns " + String.join(", ", cols)
                    + " do not have distinct names");
        }
        return out;
    }

    /** The name of the component of vector parameter {@code p} for domain {@code j} of {@code vector}. */
    public String component(String p, String vector, int j) {
        return p + "_" + domains(vector).get(j);
    }

    /** The text with each {@code dot(t, r)} read as {@code (t * r)}: its names, before any binding. */
    static String shape(String text) {
        return SUMPOW.matcher(DOT.matcher(text).replaceAll("($1 * $2)")).replaceAll("($1 * $2 ^ $3)");
    }

    /** Whether the text uses {@code dot(p, v)} for some vector v (bound or not). */
    public static boolean usesDot(String text) {
        return DOT.matcher(text).find() || SUMPOW.matcher(text).find();
    }

    /** The vector parameters of a text: the first argument of each {@code dot}. */
    public static List<String> vectorParameters(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = DOT.matcher(text);
        while (m.find()) {
            if (!out.contains(m.group(1))) {
                out.add(m.group(1));
            }
        }
        Matcher s = SUMPOW.matcher(text);
        while (s.find()) {
            for (String p : isName(s.group(3)) ? List.of(s.group(1), s.group(3)) : List.of(s.group(1))) {
                if (!out.contains(p)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private static boolean isName(String s) {
        return Character.isLetter(s.charAt(0)) || s.charAt(0) == '_';
    }

    /** The vector variables of a text: the second argument of each {@code dot}. */
    public static List<String> vectorNames(String text) {
        List<String> out = new ArrayList<>();
        for (Pattern form : List.of(DOT, SUMPOW)) {
            Matcher m = form.matcher(text);
            while (m.find()) {
                if (!out.contains(m.group(2))) {
                    out.add(m.group(2));
                }
            }
        }
        return out;
    }

    /**
     * The text with every {@code dot(p, v)} written out over v's columns but the last.
     *
     * @throws BadInputException when v is not bound
     */
    public String expand(String text) {
        return expandSumpow(expandDot(text));
    }

    private List<String> bound(String text, String v) {
        List<String> cols = vectors.get(v);
        if (cols == null) {
            throw new BadInputException("formula \"" + text + "\" sums over " + v + ", which is bound to no columns: pass --mixture "
                    + v + "=COLUMN1,COLUMN2,...");
        }
        return cols;
    }

    /**
     * Every {@code sumpow(C, v, g)} written out over all of v's columns (a power of the
     * proportions is not linear in them, so no term is redundant). A power of a proportion that
     * may be 0 is written {@code (r > 0) * max(r, 1e-300) ^ g}: the same value, but its
     * derivative in g is 0 at r = 0 rather than 0 * log 0, which is not a number.
     */
    private String expandSumpow(String text) {
        Matcher m = SUMPOW.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String c = m.group(1);
            String v = m.group(2);
            String g = m.group(3);
            List<String> cols = bound(text, v);
            StringBuilder sum = new StringBuilder("(");
            for (int j = 0; j < cols.size(); j++) {
                if (j > 0) {
                    sum.append(" + ");
                }
                String col = cols.get(j);
                sum.append(component(c, v, j)).append(" * ");
                if (!isName(g) && Double.parseDouble(g) == 1) {
                    sum.append(col);
                } else {
                    String power = isName(g) ? component(g, v, j) : g;
                    sum.append("(").append(col).append(" > 0) * max(").append(col).append(", 1e-300) ^ ").append(power);
                }
            }
            sum.append(')');
            m.appendReplacement(out, Matcher.quoteReplacement(sum.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String expandDot(String text) {
        Matcher m = DOT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String p = m.group(1);
            String v = m.group(2);
            List<String> cols = bound(text, v);
            StringBuilder sum = new StringBuilder("(");
            for (int j = 0; j < cols.size() - 1; j++) {
                if (j > 0) {
                    sum.append(" + ");
                }
                sum.append(component(p, v, j)).append(" * ").append(cols.get(j));
            }
            sum.append(')');
            m.appendReplacement(out, Matcher.quoteReplacement(sum.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * A catalogue law (a {@link MixtureLaw} is bound to these columns) or a user formula with
     * {@code dot} forms expanded.
     */
    public Law resolve(String nameOrFormula, Catalogue catalogue, Collection<String> dataColumns) {
        Law l = catalogue.find(nameOrFormula).orElse(null);
        if (l instanceof MixtureLaw mixture) {
            return mixture.bind(this);
        }
        if (l != null) {
            return l;
        }
        if (!usesDot(nameOrFormula)) {
            return catalogue.resolve(nameOrFormula, dataColumns);
        }
        FormulaLaw f = FormulaLaw.fromFormula(expand(nameOrFormula), dataColumns);
        // every proportion column is a variable, the reference one too: predictions check the whole mixture
        List<String> variables = new ArrayList<>(f.variables());
        for (String c : columns()) {
            if (!variables.contains(c)) {
                variables.add(c);
            }
        }
        return new FormulaLaw(nameOrFormula, f.definition(), variables, f.parameters(), f.target(), f.metadata());
    }
}
