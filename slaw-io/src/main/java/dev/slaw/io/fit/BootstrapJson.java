package dev.slaw.io.fit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slaw.data.BadInputException;
import dev.slaw.fit.Fit;
import dev.slaw.io.json.JsonArray;
import dev.slaw.io.json.JsonObject;
import dev.slaw.uncertainty.BootstrapOptions;
import dev.slaw.uncertainty.BootstrapResult;
import dev.slaw.uncertainty.MissedOptimum;
import dev.slaw.uncertainty.DerivedQuantity;
import dev.slaw.uncertainty.ParameterSummary;
import dev.slaw.uncertainty.ReplicateFailure;
import dev.slaw.uncertainty.ReplicateStarts;
import dev.slaw.uncertainty.Sampler;
import dev.slaw.uncertainty.Resampling;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bootstrap as JSON: the point fit (as {@link FitJson}), the options, every successful
 * replicate's parameters, the failures, the residuals, and the summaries for readers. Read back,
 * it predicts with intervals ({@code slaw predict boot.json N=70e9 D=1.4e12}).
 */
public final class BootstrapJson {
    /** Format version written in every file as {@code slaw_bootstrap}. */
    public static final int FORMAT = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BootstrapJson() {
    }

    /** The bootstrap as a JSON document, for commands that add to it before printing. */
    public static JsonObject document(BootstrapResult b) {
        JsonObject root = new JsonObject();
        root.put("slaw_bootstrap", FORMAT);
        root.put("point_estimate", FitJson.document(b.pointEstimate()));
        BootstrapOptions o = b.options();
        JsonObject opts = root.putObject("options");
        opts.put("replicates", o.replicates());
        opts.put("seed", o.seed());
        opts.put("threads", o.threads());
        opts.put("resampling", o.resampling().name().toLowerCase(java.util.Locale.ROOT));
        if (o.runColumn() != null) {
            opts.put("run_column", o.runColumn());
        }
        if (o.blockRows() > 0) {
            opts.put("block_rows", o.blockRows());
        }
        opts.put("level", o.level());
        opts.put("starts", b.startsDescription());
        opts.put("axis_starts", o.starts().axes());
        if (!o.starts().centre().isEmpty()) {
            opts.putNumbers("start_at", o.starts().centre());
        }
        opts.put("sampler", o.sampler().name().toLowerCase(java.util.Locale.ROOT));
        opts.put("optimizer", b.optimizer());
        root.put("successful", b.successful());
        root.put("not_converged", b.notConverged());
        root.put("resampled_units", b.resampledUnits());
        root.put("elapsed_ms", b.elapsedMillis());
        JsonArray summaries = root.putArray("parameters");
        for (ParameterSummary p : b.parameters()) {
            summaries.add(summary(p));
        }
        JsonArray derived = root.putArray("derived");
        for (ParameterSummary p : b.derived()) {
            derived.add(summary(p));
        }
        root.putTexts("warnings", b.warnings());
        if (b.missedOptimum() != null) {
            root.putObject("missed_optimum").put("replicate", b.missedOptimum().replicate())
                    .put("replicate_objective", b.missedOptimum().replicateObjective())
                    .put("point_objective", b.missedOptimum().pointObjective());
        }
        JsonArray failures = root.putArray("failures");
        for (ReplicateFailure f : b.failures()) {
            failures.addObject().put("replicate", f.replicate()).put("reason", f.reason());
        }
        root.putTexts("replicate_parameters", b.law().parameters().stream().map(p -> p.name()).toList());
        JsonArray reps = root.putArray("replicates");
        double[][] v = b.replicateValues();
        int[] numbers = b.replicateNumbers();
        for (int r = 0; r < v.length; r++) {
            JsonArray row = reps.addArray();
            row.add(numbers[r]);
            for (double x : v[r]) {
                row.add(x);
            }
        }
        JsonArray res = root.putArray("residuals");
        for (double x : b.residuals()) {
            res.add(x);
        }
        return root;
    }

    /** One parameter's (or derived quantity's) bootstrap summary; a withheld one says why. */
    public static JsonObject summary(ParameterSummary p) {
        JsonObject n = new JsonObject();
        n.put("name", p.name());
        n.put("estimate", p.estimate());
        n.put("median", p.median());
        n.put("standard_error", p.standardError());
        n.put("lower", p.interval().lower());
        n.put("upper", p.interval().upper());
        n.put("level", p.interval().level());
        if (!p.stands()) {
            n.put("withheld", p.withheld());
        }
        return n;
    }

    /** The bootstrap as pretty-printed JSON text. */
    public static String write(BootstrapResult b) {
        return document(b).toString();
    }

    public static void save(BootstrapResult b, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // not createTempFile: its 0600 would keep other users from reading the result; a new file follows the umask
        Path tmp = Files.createFile(dir.resolve(".slaw-bootstrap" + Long.toHexString(System.nanoTime()) + ".tmp"));
        try {
            Files.writeString(tmp, write(b) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** True when the JSON text is a saved bootstrap rather than a fit. */
    public static boolean isBootstrap(String json) {
        try {
            JsonNode root = MAPPER.readTree(json);
            return root != null && root.has("slaw_bootstrap");
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    public static BootstrapResult load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such bootstrap file");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new BadInputException(file + ": not a slaw bootstrap (not UTF-8 text)");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read (" + e.getMessage() + ")");
        }
        return read(text, file.toString());
    }

    public static BootstrapResult read(String json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new BadInputException(source + ": not JSON" + (e.getLocation() == null ? " ("
                    + e.getOriginalMessage() + ")" : " (line " + e.getLocation().getLineNr() + ")"));
        }
        if (root == null || !root.isObject() || !root.has("slaw_bootstrap")) {
            throw new BadInputException(source + ": not a slaw bootstrap (no \"slaw_bootstrap\" field)");
        }
        JsonNode version = root.get("slaw_bootstrap");
        if (!version.isIntegralNumber() || version.asInt() != FORMAT) {
            throw new BadInputException(source + ": slaw bootstrap format " + version + " is not one this slaw reads ("
                    + FORMAT + ")");
        }
        Fit point = FitJson.read(FitJson.object(root, "point_estimate", "").toString(), source + ", \"point_estimate\"");
        try {
            return fromTree(root, point);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(source + ": malformed slaw bootstrap: " + e.getMessage());
        }
    }

    /**
     * Rebuilds a bootstrap around its point fit, checking every field it uses as {@link FitJson}
     * checks a fit: each replicate's values bound to the law's parameters by name (the file's
     * order does not matter, each parameter once), every number a finite number (a string, a
     * boolean or null is an error, not 0 or NaN). A problem is an {@link IllegalArgumentException}
     * naming the field.
     */
    private static BootstrapResult fromTree(JsonNode root, Fit point) {
        JsonNode o = FitJson.object(root, "options", "");
        List<String> parameters = new ArrayList<>();
        point.law().parameters().forEach(p -> parameters.add(p.name()));
        Map<String, Double> startAt = new LinkedHashMap<>();
        if (o.has("start_at")) {
            JsonNode at = FitJson.object(o, "start_at", "options");
            at.fieldNames().forEachRemaining(name -> {
                if (!parameters.contains(name)) {
                    throw new IllegalArgumentException("options \"start_at\" names \"" + name + "\", not a parameter of law "
                            + point.law().name() + " (parameters: " + String.join(", ", parameters) + ")");
                }
                startAt.put(name, FitJson.finite(at, name, "options \"start_at\""));
            });
        }
        ReplicateStarts starts = FitJson.bool(o, "axis_starts", "options") ? ReplicateStarts.pointAndAxes()
                : ReplicateStarts.pointOnly();
        if (!startAt.isEmpty()) {
            starts = ReplicateStarts.at(startAt).withAxes(starts.axes());
        }
        // bootstraps saved before the sampler was recorded used split streams
        Sampler sampler = o.has("sampler") ? FitJson.constant(Sampler.class, FitJson.text(o, "sampler", "options"),
                "options \"sampler\"") : Sampler.SPLIT_STREAMS;
        double level = FitJson.finite(o, "level", "options");
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("options \"level\" must lie between 0 and 1, got " + level);
        }
        BootstrapOptions options = new BootstrapOptions(count(o, "replicates", "options"), FitJson.integer(o, "seed", "options"),
                count(o, "threads", "options"), FitJson.constant(Resampling.class, FitJson.text(o, "resampling", "options"),
                "options \"resampling\""), o.hasNonNull("run_column") ? FitJson.text(o, "run_column", "options") : null,
                o.has("block_rows") ? count(o, "block_rows", "options") : 0, starts, level, DerivedQuantity.chinchillaExponents(point.law()), sampler);
        int[] order = columnsOf(root, parameters);
        List<double[]> values = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        JsonNode replicates = list(root, "replicates");
        for (int r = 0; r < replicates.size(); r++) {
            JsonNode row = replicates.get(r);
            String at = "replicates[" + r + "]";
            if (!row.isArray() || row.size() != parameters.size() + 1) {
                throw new IllegalArgumentException(at + " must be a list of the replicate's number and "
                        + parameters.size() + " values (" + String.join(", ", parameters) + "), got " + FitJson.shown(row));
            }
            JsonNode number = row.get(0);
            if (!number.isIntegralNumber() || !number.canConvertToInt() || number.asInt() < 0) {
                throw new IllegalArgumentException(at + " must start with the replicate's number, got "
                        + FitJson.shown(number));
            }
            numbers.add(number.asInt());
            double[] v = new double[parameters.size()];
            for (int k = 0; k < v.length; k++) {
                JsonNode x = row.get(order[k] + 1);
                if (!x.isNumber() || !Double.isFinite(x.asDouble())) {
                    throw new IllegalArgumentException(at + " value of \"" + parameters.get(k)
                            + "\" must be a finite number, got " + FitJson.shown(x));
                }
                v[k] = x.asDouble();
            }
            values.add(v);
        }
        List<ReplicateFailure> failures = new ArrayList<>();
        JsonNode failed = list(root, "failures");
        for (int i = 0; i < failed.size(); i++) {
            String at = "failures[" + i + "]";
            failures.add(new ReplicateFailure(count(failed.get(i), "replicate", at), FitJson.text(failed.get(i), "reason", at)));
        }
        JsonNode res = list(root, "residuals");
        double[] residuals = new double[res.size()];
        for (int i = 0; i < residuals.length; i++) {
            JsonNode x = res.get(i);
            if (!x.isNumber() || !Double.isFinite(x.asDouble())) {
                throw new IllegalArgumentException("residuals[" + i + "] must be a finite number, got " + FitJson.shown(x));
            }
            residuals[i] = x.asDouble();
        }
        return new BootstrapResult(point, values.toArray(new double[0][]),
                numbers.stream().mapToInt(Integer::intValue).toArray(), failures, count(root, "not_converged", ""),
                residuals, options, FitJson.text(o, "starts", "options"),
                // bootstraps saved before the optimiser was recorded refitted with the point fit's
                o.has("optimizer") ? FitJson.text(o, "optimizer", "options") : point.provenance().optimizer(),
                count(root, "resampled_units", ""), FitJson.finite(root, "elapsed_ms", ""),
                missedOptimum(root.get("missed_optimum")));
    }

    /**
     * Where each of the law's parameters sits in a replicate row, from {@code
     * replicate_parameters}: every parameter named once, no other name.
     */
    private static int[] columnsOf(JsonNode root, List<String> parameters) {
        JsonNode names = list(root, "replicate_parameters");
        Map<String, Integer> column = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            JsonNode n = names.get(i);
            if (!n.isTextual()) {
                throw new IllegalArgumentException("replicate_parameters[" + i + "] must be a parameter's name, got "
                        + FitJson.shown(n));
            }
            if (!parameters.contains(n.asText())) {
                throw new IllegalArgumentException("replicate_parameters names \"" + n.asText() + "\", not a parameter of"
                        + " the point estimate's law (parameters: " + String.join(", ", parameters) + ")");
            }
            if (column.put(n.asText(), i) != null) {
                throw new IllegalArgumentException("replicate_parameters names \"" + n.asText() + "\" twice");
            }
        }
        int[] order = new int[parameters.size()];
        for (int k = 0; k < order.length; k++) {
            Integer at = column.get(parameters.get(k));
            if (at == null) {
                throw new IllegalArgumentException("replicate_parameters lacks \"" + parameters.get(k) + "\" (parameters: "
                        + String.join(", ", parameters) + ")");
            }
            order[k] = at;
        }
        return order;
    }

    private static JsonNode list(JsonNode parent, String name) {
        JsonNode n = FitJson.field(parent, name, "");
        if (!n.isArray()) {
            throw new IllegalArgumentException("\"" + name + "\" must be a list, got " + FitJson.shown(n));
        }
        return n;
    }

    /** A whole number of things: not negative, and small enough to count in an int. */
    private static int count(JsonNode parent, String name, String at) {
        long n = FitJson.integer(parent, name, at);
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException((at.isEmpty() ? "" : at + " ") + "\"" + name
                    + "\" must be a count (0 or more), got " + n);
        }
        return (int) n;
    }

    private static MissedOptimum missedOptimum(JsonNode m) {
        if (m == null || m.isNull()) {
            return null;
        }
        String at = "missed_optimum";
        return new MissedOptimum(count(m, "replicate", at), FitJson.finite(m, "replicate_objective", at),
                FitJson.finite(m, "point_objective", at));
    }
}
