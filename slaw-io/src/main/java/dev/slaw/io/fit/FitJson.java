package dev.slaw.io.fit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slaw.curve.CurveLaw;
import dev.slaw.data.BadInputException;
import dev.slaw.fit.Convergence;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitStatistics;
import dev.slaw.fit.FittedParameter;
import dev.slaw.fit.Loss;
import dev.slaw.fit.Objective;
import dev.slaw.fit.Provenance;
import dev.slaw.fit.VariableRange;
import dev.slaw.fit.StartSummary;
import dev.slaw.io.json.JsonArray;
import dev.slaw.io.json.JsonObject;
import dev.slaw.law.Catalogue;
import dev.slaw.law.FormulaLaw;
import dev.slaw.law.Law;
import dev.slaw.law.LawMetadata;
import dev.slaw.law.LevelLaw;
import dev.slaw.law.Parameter;
import dev.slaw.law.ParameterDeclaration;
import dev.slaw.law.Target;
import dev.slaw.law.expr.Formula;
import dev.slaw.schedule.PerStepSchedule;
import dev.slaw.schedule.Schedule;

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

    /**
     * The fit as JSON text, pretty-printed. Written without Jackson (see {@link JsonObject}): the
     * same layout as Jackson's pretty printer, without its start-up cost.
     */
    public static String write(Fit fit) {
        return document(fit).toString();
    }

    /** The fit as a JSON document, for commands that print it inside a larger one. */
    public static JsonObject document(Fit fit) {
        JsonObject root = new JsonObject();
        root.put("slaw_fit", FORMAT);
        Law law = fit.law();
        JsonObject l = root.putObject("law");
        l.put("name", law.name());
        l.put("formula", law.formula());
        l.put("fitted", fit.toString());
        l.putTexts("variables", law.variables());
        l.put("target", law.target().name().toLowerCase(Locale.ROOT));
        JsonArray decl = l.putArray("declarations");
        for (Parameter p : law.parameters()) {
            decl.add(ParameterDeclaration.describe(p));
        }
        l.put("citation", law.metadata().citation());
        if (law instanceof CurveLaw c) {
            l.put("curve", curve(c));
        }
        if (law instanceof LevelLaw lv) {
            // the levels the per-level parameters were fitted on, in their order: what binds a prediction's rows
            JsonObject levels = JsonObject.ofNames();
            lv.levels().forEach(levels::putTexts);
            l.put("levels", levels);
        }
        root.put("target", fit.target());
        JsonArray ps = root.putArray("parameters");
        for (FittedParameter p : fit.parameters()) {
            JsonObject o = ps.addObject();
            o.put("name", p.name());
            o.put("value", p.value());
            o.put("standard_error", p.standardError());
            o.put("note", p.note());
            o.put("state", p.state().name().toLowerCase(Locale.ROOT));
            if (p.tie() != null) {
                o.put("tie", p.tie());
            }
            o.put("lower", p.lower());
            o.put("upper", p.upper());
            o.put("start", p.start());
        }
        JsonObject cov = root.putObject("covariance");
        cov.put("method", fit.covarianceMethod());
        cov.putTexts("parameters", fit.freeParameterNames());
        double[][] m = fit.covariance();
        if (m == null) {
            cov.put("matrix", (JsonArray) null);
        } else {
            JsonArray rows = cov.putArray("matrix");
            for (double[] r : m) {
                JsonArray row = rows.addArray();
                for (double v : r) {
                    row.add(v);
                }
            }
        }
        JsonObject obj = root.putObject("objective");
        obj.put("value", fit.objectiveValue());
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
        JsonObject conv = root.putObject("convergence");
        conv.put("converged", c.converged());
        conv.put("reason", c.reason());
        conv.put("iterations", c.iterations());
        conv.put("evaluations", c.evaluations());
        conv.put("total_evaluations", c.totalEvaluations());
        StartSummary s = fit.starts();
        JsonObject st = root.putObject("starts");
        st.put("description", s.description());
        st.put("total", s.total());
        st.put("converged", s.converged());
        st.put("reached_best", s.reachedBest());
        st.put("failed", s.failed());
        st.put("best_start", s.bestStart());
        st.putNumbers("stop_reasons", s.stopReasons());
        FitStatistics fs = fit.statistics();
        JsonObject stats = root.putObject("statistics");
        stats.put("rows", fs.rows());
        stats.put("free_parameters", fs.freeParameters());
        stats.put("rms_residual", fs.rmsResidual());
        stats.put("max_relative_error", fs.maxRelativeError());
        stats.put("mean_relative_error", fs.meanRelativeError());
        stats.put("r_squared", fs.rSquared());
        stats.put("aic", fs.aic());
        stats.put("bic", fs.bic());
        Provenance pv = fit.provenance();
        JsonObject prov = root.putObject("provenance");
        prov.put("data", pv.dataSource());
        prov.put("sha256", pv.fingerprint());
        prov.putTexts("columns", pv.columns());
        prov.putTexts("notes", pv.notes());
        prov.put("choices", choices(pv.choices()));
        prov.put("objective", pv.objective());
        prov.put("optimizer", pv.optimizer());
        prov.put("starts", pv.starts());
        prov.put("seed", pv.seed());
        prov.put("threads", pv.threads());
        prov.put("slaw_version", pv.slawVersion());
        prov.put("java_version", pv.javaVersion());
        prov.put("created", pv.created());
        prov.put("elapsed_ms", pv.elapsedMillis());
        JsonArray ranges = new JsonArray();
        pv.ranges().forEach((name, r) -> ranges.addObject().put("variable", name).put("lowest", r.lowest())
                .put("highest", r.highest()));
        prov.put("ranges", ranges);
        if (pv.targetRange() != null) {
            prov.putObject("target_range").put("lowest", pv.targetRange().lowest())
                    .put("highest", pv.targetRange().highest());
        }
        root.putTexts("warnings", fit.warnings());
        return root;
    }

    /** Writes the fit to a file atomically: a failure leaves no half-written file. */
    public static void save(Fit fit, Path file) throws IOException {
        saveText(write(fit), file);
    }

    /** Writes JSON text to a file atomically. */
    static void saveText(String json, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // not createTempFile: its 0600 would keep other users from reading the result; a new file follows the umask
        Path tmp = Files.createFile(dir.resolve(".slaw-fit" + Long.toHexString(System.nanoTime()) + ".tmp"));
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
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new BadInputException(file + ": not a slaw fit (not UTF-8 text)");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new BadInputException(file + ": cannot read the fit file (permission denied)");
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
            throw new BadInputException(source + ": not JSON" + (e.getLocation() == null ? " ("
                    + e.getOriginalMessage() + ")" : " (line " + e.getLocation().getLineNr() + ")"));
        }
        if (root == null || !root.isObject() || !root.has("slaw_fit")) {
            throw new BadInputException(source + ": not a slaw fit (no \"slaw_fit\" field)");
        }
        if (GroupedFitJson.isGrouped(root)) {
            throw new BadInputException(source + ": " + GroupedFitJson.chooseGroupMessage(root));
        }
        JsonNode version = root.get("slaw_fit");
        if (!version.isIntegralNumber() || version.asInt() != FORMAT) {
            throw new BadInputException(source + ": slaw fit format " + version + " is not one this slaw reads ("
                    + FORMAT + ")");
        }
        try {
            return fromTree(root);
        } catch (RuntimeException e) {
            if (e instanceof BadInputException) {
                throw e;
            }
            throw new BadInputException(source + ": malformed slaw fit: " + e.getMessage());
        }
    }

    /**
     * Rebuilds a fit, checking every field it uses: the law re-parsed, each of its parameters
     * present once by name (the file's order does not matter), each number a finite number (a
     * string, a boolean or null where a number belongs is an error, not 0 or NaN). A problem is an
     * {@link IllegalArgumentException} naming the field; {@link #read} adds the file.
     */
    static Fit fromTree(JsonNode root) {
        JsonNode l = object(root, "law", "");
        Law law = law(l);
        Map<String, FittedParameter> byName = new LinkedHashMap<>();
        JsonNode list = field(root, "parameters", "");
        if (!list.isArray()) {
            throw new IllegalArgumentException("\"parameters\" must be a list");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode p = list.get(i);
            String at = "parameters[" + i + "]";
            if (!p.isObject()) {
                throw new IllegalArgumentException(at + " must be an object");
            }
            String name = text(p, "name", at);
            at = "parameter \"" + name + "\"";
            FittedParameter.State state = constant(FittedParameter.State.class, text(p, "state", at), at + " \"state\"");
            FittedParameter fp = new FittedParameter(name, finite(p, "value", at), optionalNumber(p, "standard_error", at),
                    p.hasNonNull("note") ? text(p, "note", at) : "", state,
                    p.hasNonNull("tie") ? text(p, "tie", at) : null, bound(p, "lower", Double.NEGATIVE_INFINITY, at),
                    bound(p, "upper", Double.POSITIVE_INFINITY, at), optionalNumber(p, "start", at));
            if (byName.put(name, fp) != null) {
                throw new IllegalArgumentException(at + " is given twice");
            }
        }
        List<FittedParameter> params = new ArrayList<>();
        for (Parameter declared : law.parameters()) {
            FittedParameter fp = byName.remove(declared.name());
            if (fp == null) {
                throw new IllegalArgumentException("no value for parameter \"" + declared.name() + "\" of law "
                        + law.name() + " (parameters: " + String.join(", ", names(law)) + ")");
            }
            params.add(fp);
        }
        if (!byName.isEmpty()) {
            throw new IllegalArgumentException("parameter \"" + byName.keySet().iterator().next() + "\" is not one of law "
                    + law.name() + " (parameters: " + String.join(", ", names(law)) + ")");
        }
        JsonNode cov = object(root, "covariance", "");
        long free = params.stream().filter(x -> x.state() == FittedParameter.State.FREE).count();
        double[][] matrix = null;
        if (cov.hasNonNull("matrix")) {
            JsonNode m = cov.get("matrix");
            if (!m.isArray() || m.size() != free) {
                throw new IllegalArgumentException("covariance \"matrix\" must be " + free + " by " + free
                        + " (one row per free parameter)");
            }
            matrix = new double[m.size()][];
            for (int i = 0; i < m.size(); i++) {
                if (!m.get(i).isArray() || m.get(i).size() != free) {
                    throw new IllegalArgumentException("covariance \"matrix\" row " + (i + 1) + " must hold " + free + " numbers");
                }
                matrix[i] = new double[m.get(i).size()];
                for (int j = 0; j < m.get(i).size(); j++) {
                    matrix[i][j] = optionalNumber(m.get(i).get(j), "covariance \"matrix\" row " + (i + 1));
                }
            }
        }
        JsonNode o = object(root, "objective", "");
        Objective objective = new Objective(constant(Loss.class, text(o, "loss", "objective"), "objective \"loss\""),
                finite(o, "delta", "objective"), bool(o, "mean", "objective"), finite(o, "overestimate_penalty", "objective"),
                o.hasNonNull("weights") ? text(o, "weights", "objective") : null);
        JsonNode c = object(root, "convergence", "");
        Convergence conv = new Convergence(bool(c, "converged", "convergence"), text(c, "reason", "convergence"),
                (int) integer(c, "iterations", "convergence"), (int) integer(c, "evaluations", "convergence"),
                integer(c, "total_evaluations", "convergence"));
        JsonNode s = object(root, "starts", "");
        Map<String, Integer> reasons = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = object(s, "stop_reasons", "starts").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            reasons.put(e.getKey(), (int) integer(s.get("stop_reasons"), e.getKey(), "starts \"stop_reasons\""));
        }
        StartSummary starts = new StartSummary(text(s, "description", "starts"), (int) integer(s, "total", "starts"),
                (int) integer(s, "converged", "starts"), (int) integer(s, "reached_best", "starts"),
                (int) integer(s, "failed", "starts"), (int) integer(s, "best_start", "starts"), reasons);
        JsonNode st = object(root, "statistics", "");
        FitStatistics stats = new FitStatistics((int) integer(st, "rows", "statistics"),
                (int) integer(st, "free_parameters", "statistics"), optionalNumber(st, "rms_residual", "statistics"),
                optionalNumber(st, "max_relative_error", "statistics"), optionalNumber(st, "mean_relative_error", "statistics"),
                optionalNumber(st, "r_squared", "statistics"), optionalNumber(st, "aic", "statistics"),
                optionalNumber(st, "bic", "statistics"));
        JsonNode p = object(root, "provenance", "");
        Provenance prov = new Provenance(text(p, "data", "provenance"), text(p, "sha256", "provenance"),
                strings(p.get("columns")), strings(p.get("notes")), text(p, "objective", "provenance"),
                text(p, "optimizer", "provenance"), text(p, "starts", "provenance"), integer(p, "seed", "provenance"),
                (int) integer(p, "threads", "provenance"), text(p, "slaw_version", "provenance"),
                text(p, "java_version", "provenance"), text(p, "created", "provenance"),
                optionalNumber(p, "elapsed_ms", "provenance"), choices(p.get("choices")), ranges(p.get("ranges")),
                targetRange(p.get("target_range")));
        return new Fit(law, text(root, "target", ""), params, matrix, text(cov, "method", "covariance"),
                optionalNumber(o, "value", "objective"), objective, conv, starts, stats, prov, strings(root.get("warnings")));
    }

    private static String where(String at, String name) {
        return (at.isEmpty() ? "" : at + " ") + "\"" + name + "\"";
    }

    /** A field that must be present and not null. */
    static JsonNode field(JsonNode parent, String name, String at) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException("missing " + where(at, name));
        }
        return n;
    }

    static JsonNode object(JsonNode parent, String name, String at) {
        JsonNode n = field(parent, name, at);
        if (!n.isObject()) {
            throw new IllegalArgumentException(where(at, name) + " must be an object, got " + shown(n));
        }
        return n;
    }

    static String text(JsonNode parent, String name, String at) {
        JsonNode n = field(parent, name, at);
        if (!n.isTextual()) {
            throw new IllegalArgumentException(where(at, name) + " must be text, got " + shown(n));
        }
        return n.asText();
    }

    static boolean bool(JsonNode parent, String name, String at) {
        JsonNode n = field(parent, name, at);
        if (!n.isBoolean()) {
            throw new IllegalArgumentException(where(at, name) + " must be true or false, got " + shown(n));
        }
        return n.asBoolean();
    }

    static long integer(JsonNode parent, String name, String at) {
        JsonNode n = field(parent, name, at);
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new IllegalArgumentException(where(at, name) + " must be a whole number, got " + shown(n));
        }
        return n.asLong();
    }

    /** A number that must be present and finite. */
    static double finite(JsonNode parent, String name, String at) {
        JsonNode n = parent.get(name);
        if (n == null || !n.isNumber() || !Double.isFinite(n.asDouble())) {
            throw new IllegalArgumentException(where(at, name) + " must be a finite number, got "
                    + (n == null ? "nothing" : shown(n)));
        }
        return n.asDouble();
    }

    /** A number written as null when it was not finite (a standard error, a statistic): NaN then. */
    static double optionalNumber(JsonNode parent, String name, String at) {
        return optionalNumber(parent.get(name), where(at, name));
    }

    private static double optionalNumber(JsonNode n, String what) {
        if (n == null || n.isNull()) {
            return Double.NaN;
        }
        if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
            throw new IllegalArgumentException(what + " must be a number or null, got " + shown(n));
        }
        return n.asDouble();
    }

    /** A bound: null means unbounded. */
    private static double bound(JsonNode parent, String name, double infinite, String at) {
        JsonNode n = parent.get(name);
        return n == null || n.isNull() ? infinite : finite(parent, name, at);
    }

    static <E extends Enum<E>> E constant(Class<E> type, String text, String what) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text)) {
                return e;
            }
        }
        throw new IllegalArgumentException(what + " must be one of " + java.util.Arrays.toString(type.getEnumConstants())
                .toLowerCase(Locale.ROOT) + ", got \"" + text + "\"");
    }

    /** A JSON value as the user wrote it, shortened. */
    static String shown(JsonNode n) {
        String t = n.toString();
        return t.length() <= 40 ? t : t.substring(0, 37) + "...";
    }

    /** The law of a fit file: the catalogue entry of that name when its formula matches, else the formula. */
    private static Law law(JsonNode l) {
        String name = text(l, "name", "law");
        String formula = text(l, "formula", "law");
        List<String> variables = strings(field(l, "variables", "law"));
        Target target = constant(Target.class, text(l, "target", "law"), "law \"target\"");
        if (l.has("curve")) {
            CurveLaw c = curveLaw(name, object(l, "curve", "law"));
            return c.withParameters(ParameterDeclaration.applyAll(c.parameters(), strings(l.get("declarations")), name))
                    .withTarget(target);
        }
        Law base = Catalogue.builtIn().find(name).filter(x -> x.formula().equals(formula)).orElse(null);
        List<Parameter> params;
        if (l.has("levels")) {
            Law template = base;
            if (template == null) {
                Formula f = Formula.parse(formula, variables);
                params = new ArrayList<>();
                for (String n : f.names()) {
                    if (!variables.contains(n)) {
                        params.add(Parameter.free(n));
                    }
                }
                template = new FormulaLaw(name, f, variables, params, target,
                        new LawMetadata("", l.path("citation").asText(""), Map.of(), Map.of()));
            }
            if (!(template instanceof FormulaLaw tf) || tf.labelColumns().isEmpty()) {
                throw new IllegalArgumentException("law \"levels\" given, but the formula has no per-level parameter");
            }
            JsonNode lv = object(l, "levels", "law");
            Map<String, List<String>> levels = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = lv.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                levels.put(e.getKey(), strings(e.getValue()));
            }
            Law bound = LevelLaw.of(tf, levels);
            params = ParameterDeclaration.applyAll(bound.parameters(), strings(l.get("declarations")), name);
            return bound.withParameters(params).withTarget(target);
        }
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

    /**
     * The provenance's choices, each a string, number, boolean or null; none in a fit saved
     * before slaw recorded them.
     */
    /**
     * Each variable's fitted range, {@code [{"variable": "N", "lowest": ..., "highest": ...}]};
     * none in a fit saved before slaw recorded them.
     */
    /** The target's fitted range, {@code {"lowest": ..., "highest": ...}}; null in a fit saved before slaw recorded it. */
    private static VariableRange targetRange(JsonNode r) {
        if (r == null || r.isNull()) {
            return null;
        }
        if (!r.isObject()) {
            throw new IllegalArgumentException("provenance \"target_range\" must be an object, got " + shown(r));
        }
        double lowest = finite(r, "lowest", "provenance \"target_range\"");
        double highest = finite(r, "highest", "provenance \"target_range\"");
        if (!(lowest <= highest)) {
            throw new IllegalArgumentException("provenance \"target_range\": lowest " + lowest + " is above highest "
                    + highest);
        }
        return new VariableRange(lowest, highest);
    }

    private static Map<String, VariableRange> ranges(JsonNode r) {
        Map<String, VariableRange> out = new LinkedHashMap<>();
        if (r == null || r.isNull()) {
            return out;
        }
        if (!r.isArray()) {
            throw new IllegalArgumentException("provenance \"ranges\" must be an array, got " + shown(r));
        }
        for (JsonNode v : r) {
            if (!v.isObject()) {
                throw new IllegalArgumentException("provenance \"ranges\" must hold objects, got " + shown(v));
            }
            String name = text(v, "variable", "provenance \"ranges\"");
            double lowest = finite(v, "lowest", "provenance \"ranges\"");
            double highest = finite(v, "highest", "provenance \"ranges\"");
            if (!(lowest <= highest)) {
                throw new IllegalArgumentException("provenance \"ranges\" \"" + name + "\": lowest " + lowest
                        + " is above highest " + highest);
            }
            out.put(name, new VariableRange(lowest, highest));
        }
        return out;
    }

    private static Map<String, Object> choices(JsonNode c) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (c == null) {
            return out;
        }
        if (!c.isObject()) {
            throw new IllegalArgumentException("provenance \"choices\" must be an object, got " + shown(c));
        }
        Iterator<Map.Entry<String, JsonNode>> it = c.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            Object value;
            if (v.isNull()) {
                value = null;
            } else if (v.isTextual()) {
                value = v.asText();
            } else if (v.isBoolean()) {
                value = v.asBoolean();
            } else if (v.isIntegralNumber() && v.canConvertToLong()) {
                value = v.asLong();
            } else if (v.isNumber() && Double.isFinite(v.asDouble())) {
                value = v.asDouble();
            } else {
                throw new IllegalArgumentException("provenance \"choices\" \"" + e.getKey()
                        + "\" must be text, a finite number, true, false or null, got " + shown(v));
            }
            out.put(e.getKey(), value);
        }
        return out;
    }

    /** A curve law's runs, columns and settings: what rebuilds it besides its declarations. */
    private static JsonObject curve(CurveLaw law) {
        JsonObject c = new JsonObject();
        c.put("run_column", law.runColumn());
        c.put("step_column", law.stepColumn());
        JsonObject schedules = JsonObject.ofNames();
        // a schedule read from a file is saved as its rates, so the fit does not depend on the file
        law.schedules().forEach((run, s) -> schedules.put(run, (s instanceof PerStepSchedule p && p.source() != null
                ? new PerStepSchedule(null, p.rates()) : s).toString()));
        c.put("schedules", schedules);
        JsonObject settings = JsonObject.ofNames();
        // a setting that is a number is written as one (JSON writes no number as text)
        new java.util.TreeMap<>(law.settings()).forEach((k, v) -> {
            Double number = finiteNumber(v);
            if (number != null) {
                settings.put(k, number);
            } else {
                settings.put(k, v);
            }
        });
        c.put("settings", settings);
        return c;
    }

    /** The text as a finite number, or null if it is not one. */
    private static Double finiteNumber(String text) {
        try {
            double v = Double.parseDouble(text);
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The provenance's choices as saved: text, whole or real numbers, true/false, or null. */
    private static JsonObject choices(Map<String, Object> choices) {
        JsonObject c = new JsonObject();
        choices.forEach(c::putValue);
        return c;
    }

    private static CurveLaw curveLaw(String name, JsonNode c) {
        Map<String, Schedule> schedules = new LinkedHashMap<>();
        JsonNode s = object(c, "schedules", "law \"curve\"");
        for (java.util.Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = "law \"curve\" schedule of run \"" + e.getKey() + "\"";
            if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException(at + " must be a schedule's text");
            }
            try {
                schedules.put(e.getKey(), Schedule.parse(e.getValue().asText(), file -> {
                    throw new IllegalArgumentException("reads file " + file + "; a saved curve fit holds its schedules as text");
                }));
            } catch (RuntimeException x) {
                throw new IllegalArgumentException(at + ": " + x.getMessage());
            }
        }
        if (schedules.isEmpty()) {
            throw new IllegalArgumentException("law \"curve\" has no schedules");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        JsonNode set = object(c, "settings", "law \"curve\"");
        set.fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
        return CurveLaw.of(name, schedules, text(c, "run_column", "law \"curve\""),
                text(c, "step_column", "law \"curve\""), settings);
    }

    private static List<String> names(Law law) {
        List<String> out = new ArrayList<>();
        law.parameters().forEach(x -> out.add(x.name()));
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(x -> out.add(x.asText()));
        }
        return out;
    }
}
