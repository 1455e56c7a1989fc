package dev.slaw.io.fit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slaw.data.BadInputException;
import dev.slaw.fit.Convergence;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitStatistics;
import dev.slaw.fit.FittedParameter;
import dev.slaw.fit.Loss;
import dev.slaw.fit.Objective;
import dev.slaw.fit.Provenance;
import dev.slaw.fit.StartSummary;
import dev.slaw.io.json.PrettyJson;
import dev.slaw.law.Catalogue;
import dev.slaw.law.FormulaLaw;
import dev.slaw.law.Law;
import dev.slaw.law.LawMetadata;
import dev.slaw.law.Parameter;
import dev.slaw.law.ParameterDeclaration;
import dev.slaw.law.Target;
import dev.slaw.law.expr.Formula;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link Fit} as JSON and back: the reproducibility card in a form the command line, the store
 * and the web page share. Infinite bounds are written as {@code null}.
 */
public final class FitJson {
    /** Format version written in every file as {@code slaw_fit}. */
    public static final int FORMAT = 1;

    /** Made on first read only: writing a fit does not need it (see {@link #write}). */
    private static final class Reader {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private FitJson() {
    }

    /** The fit as a JSON tree. */
    public static ObjectNode toTree(Fit fit) {
        return (ObjectNode) node(model(fit));
    }

    /**
     * The fit as JSON text, pretty-printed. Written without Jackson (see {@link PrettyJson}): the
     * same bytes as Jackson would write for {@link #toTree}, without its start-up cost.
     */
    public static String write(Fit fit) {
        return PrettyJson.write(model(fit));
    }

    /**
     * The fit as plain maps, lists, strings, numbers and booleans: one description of the format
     * for both the tree and the text.
     */
    static Map<String, Object> model(Fit fit) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("slaw_fit", FORMAT);
        Law law = fit.law();
        Map<String, Object> l = object(root, "law");
        l.put("name", law.name());
        l.put("formula", law.formula());
        l.put("fitted", fit.toString());
        l.put("variables", new ArrayList<>(law.variables()));
        l.put("target", law.target().name().toLowerCase(Locale.ROOT));
        List<Object> decl = array(l, "declarations");
        for (Parameter p : law.parameters()) {
            decl.add(ParameterDeclaration.describe(p));
        }
        l.put("citation", law.metadata().citation());
        root.put("target", fit.target());
        List<Object> ps = array(root, "parameters");
        for (FittedParameter p : fit.parameters()) {
            Map<String, Object> o = new LinkedHashMap<>();
            ps.add(o);
            o.put("name", p.name());
            o.put("value", number(p.value()));
            o.put("standard_error", number(p.standardError()));
            o.put("note", p.note());
            o.put("state", p.state().name().toLowerCase(Locale.ROOT));
            if (p.tie() != null) {
                o.put("tie", p.tie());
            }
            o.put("lower", number(p.lower()));
            o.put("upper", number(p.upper()));
            o.put("start", number(p.start()));
        }
        Map<String, Object> cov = object(root, "covariance");
        cov.put("method", fit.covarianceMethod());
        cov.put("parameters", new ArrayList<>(fit.freeParameterNames()));
        double[][] m = fit.covariance();
        if (m == null) {
            cov.put("matrix", null);
        } else {
            List<Object> rows = array(cov, "matrix");
            for (double[] r : m) {
                List<Object> row = new ArrayList<>(r.length);
                for (double v : r) {
                    row.add(number(v));
                }
                rows.add(row);
            }
        }
        Map<String, Object> obj = object(root, "objective");
        obj.put("value", number(fit.objectiveValue()));
        Objective o = fit.objective();
        obj.put("loss", o.loss().name().toLowerCase(Locale.ROOT));
        obj.put("delta", o.delta());
        obj.put("mean", o.mean());
        obj.put("overestimate_penalty", o.overestimatePenalty());
        if (o.weightColumn() != null) {
            obj.put("weights", o.weightColumn());
        }
        obj.put("description", o.describe());
        Convergence c = fit.convergence();
        Map<String, Object> conv = object(root, "convergence");
        conv.put("converged", c.converged());
        conv.put("reason", c.reason());
        conv.put("iterations", c.iterations());
        conv.put("evaluations", c.evaluations());
        conv.put("total_evaluations", c.totalEvaluations());
        StartSummary s = fit.starts();
        Map<String, Object> st = object(root, "starts");
        st.put("description", s.description());
        st.put("total", s.total());
        st.put("converged", s.converged());
        st.put("reached_best", s.reachedBest());
        st.put("failed", s.failed());
        st.put("best_start", s.bestStart());
        object(st, "stop_reasons").putAll(s.stopReasons());
        FitStatistics fs = fit.statistics();
        Map<String, Object> stats = object(root, "statistics");
        stats.put("rows", fs.rows());
        stats.put("free_parameters", fs.freeParameters());
        stats.put("rms_residual", number(fs.rmsResidual()));
        stats.put("max_relative_error", number(fs.maxRelativeError()));
        stats.put("mean_relative_error", number(fs.meanRelativeError()));
        stats.put("r_squared", number(fs.rSquared()));
        stats.put("aic", number(fs.aic()));
        stats.put("bic", number(fs.bic()));
        Provenance pv = fit.provenance();
        Map<String, Object> prov = object(root, "provenance");
        prov.put("data", pv.dataSource());
        prov.put("sha256", pv.fingerprint());
        prov.put("columns", new ArrayList<>(pv.columns()));
        prov.put("notes", new ArrayList<>(pv.notes()));
        prov.put("objective", pv.objective());
        prov.put("optimizer", pv.optimizer());
        prov.put("starts", pv.starts());
        prov.put("seed", pv.seed());
        prov.put("threads", pv.threads());
        prov.put("slaw_version", pv.slawVersion());
        prov.put("java_version", pv.javaVersion());
        prov.put("created", pv.created());
        prov.put("elapsed_ms", pv.elapsedMillis());
        root.put("warnings", new ArrayList<>(fit.warnings()));
        return root;
    }

    private static Map<String, Object> object(Map<String, Object> parent, String key) {
        Map<String, Object> child = new LinkedHashMap<>();
        parent.put(key, child);
        return child;
    }

    private static List<Object> array(Map<String, Object> parent, String key) {
        List<Object> child = new ArrayList<>();
        parent.put(key, child);
        return child;
    }

    /** A finite number, or null (JSON has no infinities). */
    private static Double number(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** The Jackson tree of a {@link #model} value. */
    @SuppressWarnings("unchecked")
    private static JsonNode node(Object v) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (v == null) {
            return nodes.nullNode();
        } else if (v instanceof String s) {
            return nodes.textNode(s);
        } else if (v instanceof Integer i) {
            return nodes.numberNode(i);
        } else if (v instanceof Long n) {
            return nodes.numberNode(n);
        } else if (v instanceof Double d) {
            return nodes.numberNode(d);
        } else if (v instanceof Boolean b) {
            return nodes.booleanNode(b);
        } else if (v instanceof Map<?, ?> map) {
            ObjectNode o = nodes.objectNode();
            ((Map<String, Object>) map).forEach((k, x) -> o.set(k, node(x)));
            return o;
        }
        ArrayNode a = nodes.arrayNode();
        for (Object x : (List<Object>) v) {
            a.add(node(x));
        }
        return a;
    }

    /** Writes the fit to a file atomically: a failure leaves no half-written file. */
    public static void save(Fit fit, Path file) throws IOException {
        saveText(write(fit), file);
    }

    /** Writes JSON text to a file atomically. */
    static void saveText(String json, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".slaw-fit", ".tmp");
        try {
            Files.writeString(tmp, json + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads a fit file.
     *
     * @throws BadInputException naming the file when it is missing or not a slaw fit
     */
    public static Fit load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such fit file");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read (" + e.getMessage() + ")");
        }
        return read(text, file.toString());
    }

    /** Reads a fit from JSON text; {@code source} names it in errors. */
    public static Fit read(String json, String source) {
        JsonNode root;
        try {
            root = Reader.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new BadInputException(source + ": not JSON (line " + e.getLocation().getLineNr() + ")");
        }
        if (root == null || !root.has("slaw_fit")) {
            throw new BadInputException(source + ": not a slaw fit (no \"slaw_fit\" field)");
        }
        if (GroupedFitJson.isGrouped(root)) {
            throw new BadInputException(source + ": " + GroupedFitJson.chooseGroupMessage(root));
        }
        try {
            return fromTree(root);
        } catch (RuntimeException e) {
            if (e instanceof BadInputException) {
                throw e;
            }
            throw new BadInputException(source + ": malformed slaw fit (" + e.getMessage() + ")");
        }
    }

    static Fit fromTree(JsonNode root) {
        JsonNode l = root.get("law");
        Law law = law(l);
        List<FittedParameter> params = new ArrayList<>();
        for (JsonNode p : root.get("parameters")) {
            params.add(new FittedParameter(p.get("name").asText(), num(p.get("value")), num(p.get("standard_error")),
                    p.path("note").asText(""), FittedParameter.State.valueOf(p.get("state").asText().toUpperCase(Locale.ROOT)),
                    p.hasNonNull("tie") ? p.get("tie").asText() : null, bound(p.get("lower"), Double.NEGATIVE_INFINITY),
                    bound(p.get("upper"), Double.POSITIVE_INFINITY), num(p.get("start"))));
        }
        JsonNode cov = root.get("covariance");
        double[][] matrix = null;
        if (cov.hasNonNull("matrix")) {
            JsonNode m = cov.get("matrix");
            matrix = new double[m.size()][];
            for (int i = 0; i < m.size(); i++) {
                matrix[i] = new double[m.get(i).size()];
                for (int j = 0; j < m.get(i).size(); j++) {
                    matrix[i][j] = num(m.get(i).get(j));
                }
            }
        }
        JsonNode o = root.get("objective");
        Objective objective = new Objective(Loss.valueOf(o.get("loss").asText().toUpperCase(Locale.ROOT)),
                o.get("delta").asDouble(), o.get("mean").asBoolean(), o.get("overestimate_penalty").asDouble(),
                o.hasNonNull("weights") ? o.get("weights").asText() : null);
        JsonNode c = root.get("convergence");
        Convergence conv = new Convergence(c.get("converged").asBoolean(), c.get("reason").asText(),
                c.get("iterations").asInt(), c.get("evaluations").asInt(), c.get("total_evaluations").asLong());
        JsonNode s = root.get("starts");
        Map<String, Integer> reasons = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = s.get("stop_reasons").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            reasons.put(e.getKey(), e.getValue().asInt());
        }
        StartSummary starts = new StartSummary(s.get("description").asText(), s.get("total").asInt(),
                s.get("converged").asInt(), s.get("reached_best").asInt(), s.get("failed").asInt(),
                s.get("best_start").asInt(), reasons);
        JsonNode st = root.get("statistics");
        FitStatistics stats = new FitStatistics(st.get("rows").asInt(), st.get("free_parameters").asInt(),
                num(st.get("rms_residual")), num(st.get("max_relative_error")), num(st.get("mean_relative_error")),
                num(st.get("r_squared")), num(st.get("aic")), num(st.get("bic")));
        JsonNode p = root.get("provenance");
        Provenance prov = new Provenance(p.get("data").asText(), p.get("sha256").asText(), strings(p.get("columns")),
                strings(p.get("notes")), p.get("objective").asText(), p.get("optimizer").asText(),
                p.get("starts").asText(), p.get("seed").asLong(), p.get("threads").asInt(),
                p.get("slaw_version").asText(), p.get("java_version").asText(), p.get("created").asText(),
                p.get("elapsed_ms").asDouble());
        return new Fit(law, root.get("target").asText(), params, matrix, cov.get("method").asText(),
                num(o.get("value")), objective, conv, starts, stats, prov, strings(root.get("warnings")));
    }

    /** The law of a fit file: the catalogue entry of that name when its formula matches, else the formula. */
    private static Law law(JsonNode l) {
        String name = l.get("name").asText();
        String formula = l.get("formula").asText();
        List<String> variables = strings(l.get("variables"));
        Target target = Target.valueOf(l.get("target").asText().toUpperCase(Locale.ROOT));
        Law base = Catalogue.builtIn().find(name).filter(x -> x.formula().equals(formula)).orElse(null);
        List<Parameter> params;
        if (base != null) {
            params = ParameterDeclaration.applyAll(base.parameters(), strings(l.get("declarations")), name);
            return base.withParameters(params).withTarget(target);
        }
        Formula f = Formula.parse(formula, variables);
        params = new ArrayList<>();
        for (String n : f.names()) {
            if (!variables.contains(n)) {
                params.add(Parameter.free(n));
            }
        }
        params = ParameterDeclaration.applyAll(params, strings(l.get("declarations")), name);
        return new FormulaLaw(name, f, variables, params, target,
                new LawMetadata("", l.path("citation").asText(""), Map.of(), Map.of()));
    }

    private static double num(JsonNode n) {
        return n == null || n.isNull() ? Double.NaN : n.asDouble();
    }

    private static double bound(JsonNode n, double infinite) {
        return n == null || n.isNull() ? infinite : n.asDouble();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(x -> out.add(x.asText()));
        }
        return out;
    }
}
