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
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BootstrapJson() {
    }

    /** The bootstrap as a JSON document, for commands that add to it before printing. */
    public static JsonObject document(BootstrapResult b) {
        JsonObject root = new JsonObject();
        root.put("slaw_bootstrap", 1);
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
        if (root == null || !root.has("slaw_bootstrap")) {
            throw new BadInputException(source + ": not a slaw bootstrap (no \"slaw_bootstrap\" field)");
        }
        try {
            return fromTree(root, source);
        } catch (NullPointerException | IllegalArgumentException | ClassCastException e) {
            // a field missing or of the wrong kind: the file was edited or cut short
            throw new BadInputException(source + ": malformed slaw bootstrap (a field is missing or not what slaw wrote"
                    + (e instanceof NullPointerException ? "" : ": " + e.getMessage()) + ")");
        }
    }

    private static BootstrapResult fromTree(JsonNode root, String source) {
        Fit point = FitJson.read(root.get("point_estimate").toString(), source);
        JsonNode o = root.get("options");
        Map<String, Double> startAt = new LinkedHashMap<>();
        if (o.has("start_at")) {
            o.get("start_at").fields().forEachRemaining(e -> startAt.put(e.getKey(), e.getValue().asDouble()));
        }
        ReplicateStarts starts = (o.get("axis_starts").asBoolean() ? ReplicateStarts.pointAndAxes()
                : ReplicateStarts.pointOnly());
        if (!startAt.isEmpty()) {
            starts = ReplicateStarts.at(startAt).withAxes(starts.axes());
        }
        // bootstraps saved before the sampler was recorded used split streams
        Sampler sampler = o.has("sampler") ? Sampler.valueOf(o.get("sampler").asText().toUpperCase(java.util.Locale.ROOT))
                : Sampler.SPLIT_STREAMS;
        BootstrapOptions options = new BootstrapOptions(o.get("replicates").asInt(), o.get("seed").asLong(),
                o.get("threads").asInt(), Resampling.valueOf(o.get("resampling").asText().toUpperCase(java.util.Locale.ROOT)),
                o.has("run_column") ? o.get("run_column").asText() : null, starts,
                o.get("level").asDouble(), DerivedQuantity.chinchillaExponents(point.law()), sampler);
        List<double[]> values = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        for (JsonNode row : root.get("replicates")) {
            numbers.add(row.get(0).asInt());
            double[] v = new double[row.size() - 1];
            for (int i = 0; i < v.length; i++) {
                v[i] = number(row.get(i + 1));
            }
            values.add(v);
        }
        List<ReplicateFailure> failures = new ArrayList<>();
        for (JsonNode f : root.get("failures")) {
            failures.add(new ReplicateFailure(f.get("replicate").asInt(), f.get("reason").asText()));
        }
        double[] residuals = new double[root.get("residuals").size()];
        for (int i = 0; i < residuals.length; i++) {
            residuals[i] = number(root.get("residuals").get(i));
        }
        return new BootstrapResult(point, values.toArray(new double[0][]),
                numbers.stream().mapToInt(Integer::intValue).toArray(), failures, root.get("not_converged").asInt(),
                residuals, options, o.get("starts").asText(),
                // bootstraps saved before the optimiser was recorded refitted with the point fit's
                o.has("optimizer") ? o.get("optimizer").asText() : point.provenance().optimizer(),
                root.get("resampled_units").asInt(),
                root.get("elapsed_ms").asDouble(), missedOptimum(root.get("missed_optimum")));
    }

    /**
     * A number of the file: null is a number that was not finite (and so is "NaN", as bootstraps
     * written before slaw's one JSON policy held it).
     */
    private static double number(JsonNode n) {
        return n.isNull() ? Double.NaN : n.isTextual() ? Double.parseDouble(n.asText()) : n.asDouble();
    }

    private static MissedOptimum missedOptimum(JsonNode m) {
        return m == null ? null : new MissedOptimum(m.get("replicate").asInt(), m.get("replicate_objective").asDouble(),
                m.get("point_objective").asDouble());
    }
}
