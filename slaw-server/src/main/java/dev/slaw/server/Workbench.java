package dev.slaw.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slaw.data.BadInputException;
import dev.slaw.io.TableFormat;
import dev.slaw.io.json.JsonArray;
import dev.slaw.io.json.JsonObject;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import dev.slaw.law.Parameter;
import dev.slaw.law.expr.Formula;
import dev.slaw.uncertainty.ProgressListener;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The web workbench and its REST API over a run store. Each operation is a slaw command run in
 * this process ({@link Commands}), so the API takes the command line's options, answers with
 * its JSON documents and refuses bad input with its one-line messages (400).
 *
 * <p>Files: the store ({@code --db}) gets every uploaded dataset, as {@code slaw import} puts
 * it there; a folder beside it, {@code STORE.serve/}, keeps the uploaded files (fits read
 * them, so a fit does not wait for the store) and the fits made here. Names a client sends are
 * checked against {@code [A-Za-z0-9_-]}, so none reaches a file outside that folder.
 */
public final class Workbench implements AutoCloseable {

    /** The default upload cap, 200 MB. */
    public static final long DEFAULT_MAX_UPLOAD = 200L * 1024 * 1024;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final List<String> FORMATS = List.of("csv", "tsv", "json", "jsonl", "ndjson", "parquet");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the workbench listens and keeps its files. */
    public record Settings(Path db, String host, int port, long maxUpload, long abandonJobsAfterMillis) {
        public static Settings of(Path db) {
            return new Settings(db, "127.0.0.1", 8080, DEFAULT_MAX_UPLOAD, 120_000);
        }

        public Settings withHost(String h) {
            return new Settings(db, h, port, maxUpload, abandonJobsAfterMillis);
        }

        public Settings withPort(int p) {
            return new Settings(db, host, p, maxUpload, abandonJobsAfterMillis);
        }

        public Settings withMaxUpload(long bytes) {
            return new Settings(db, host, port, bytes, abandonJobsAfterMillis);
        }

        public Settings withAbandonJobsAfterMillis(long millis) {
            return new Settings(db, host, port, maxUpload, millis);
        }
    }

    private final Settings settings;
    private final Commands commands;
    private final Path files;
    private final Path uploads;
    private final Path fits;
    /** Each uploaded dataset's mapping and derived columns, NAME.json, given at upload. */
    private final Path recipes;
    private final boolean loopback;
    private final Jobs jobs;
    /** Model ladders uploaded for slaw chain. */
    private final Ladders ladders;
    /** Uploads and the store one at a time: DuckDB lets one writer in. */
    private final Object storeLock = new Object();
    private final AtomicLong nextFit;
    private Javalin app;

    public Workbench(Settings settings, Commands commands) {
        this.settings = settings;
        this.commands = commands;
        Path db = settings.db().toAbsolutePath().normalize();
        this.files = db.resolveSibling(db.getFileName() + ".serve");
        this.uploads = files.resolve("uploads");
        this.fits = files.resolve("fits");
        this.recipes = files.resolve("recipes");
        this.loopback = isLoopback(settings.host());
        this.jobs = new Jobs(2, settings.abandonJobsAfterMillis());
        this.ladders = new Ladders(files.resolve("ladders"));
        try {
            Files.createDirectories(uploads);
            Files.createDirectories(fits);
            Files.createDirectories(recipes);
        } catch (IOException e) {
            throw new BadInputException(files + ": cannot make the workbench's folder (" + e.getMessage() + ")");
        }
        this.nextFit = new AtomicLong(fitIds().stream().mapToLong(Long::longValue).max().orElse(0) + 1);
    }

    /** Whether a host name or address is this machine only. */
    public static boolean isLoopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Starts listening; returns the address, e.g. {@code http://127.0.0.1:8080/}. */
    public String start() {
        app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.staticFiles.add(s -> {
                s.hostedPath = "/";
                s.directory = "/dev/slaw/server/web";
                s.location = Location.CLASSPATH;
            });
            // the workbench reads bodies itself, to its own cap; Javalin's must not be the lower one
            config.http.maxRequestSize = Math.max(settings.maxUpload(), 1_000_000L);
        });
        app.before(this::guard);
        app.exception(Failure.class, (e, ctx) -> error(ctx, e.status, e.getMessage()));
        app.exception(BadInputException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> error(ctx, 500, "internal error: " + e));
        app.get("/openapi.json", ctx -> ctx.contentType("application/json")
                .result(resource("/dev/slaw/server/openapi.json")));
        app.get("/api/laws", ctx -> json(ctx, 200, run(List.of("laws", "--json"))));
        app.get("/api/laws/{name}", ctx -> json(ctx, 200, run(List.of("laws", name(ctx.pathParam("name"), "law"), "--json"))));
        app.get("/api/formula", this::checkFormula);
        app.get("/api/datasets", ctx -> json(ctx, 200, datasets(Query.of(ctx.queryParam("q"), Query.DATASET_FIELDS)).toString()));
        app.post("/api/datasets", this::upload);
        app.get("/api/datasets/{name}", this::preview);
        app.post("/api/datasets/{name}/isoflop", ctx -> planOfData(ctx, "isoflop", CommandOptions.ISOFLOP));
        app.post("/api/datasets/{name}/envelope", ctx -> planOfData(ctx, "envelope", CommandOptions.ENVELOPE));
        app.post("/api/datasets/{name}/curve", this::curveFit);
        app.post("/api/datasets/{name}/curve/predict", this::curvePredict);
        app.post("/api/datasets/{name}/mixture", this::mixtureFit);
        app.post("/api/datasets/{name}/mixture/optimize", this::mixtureOptimize);
        app.get("/api/ladders", this::ladderList);
        app.post("/api/ladders", this::ladderUpload);
        app.get("/api/ladders/{name}", ctx -> {
            String name = name(ctx.pathParam("name"), "ladder");
            json(ctx, 200, Ladders.summary(name, ladders.require(name)).toString());
        });
        app.delete("/api/ladders/{name}", ctx -> {
            String name = name(ctx.pathParam("name"), "ladder");
            ladders.require(name);
            ladders.delete(name);
            json(ctx, 200, new JsonObject().put("deleted", name).toString());
        });
        app.post("/api/ladders/{name}/chain", this::chain);
        app.get("/api/fits", ctx -> json(ctx, 200, fitList(Query.of(ctx.queryParam("q"), Query.FIT_FIELDS)).toString()));
        app.post("/api/fits", this::fit);
        app.get("/api/fits/{id}", ctx -> json(ctx, 200, Files.readString(fitFile(ctx))));
        app.delete("/api/fits/{id}", this::deleteFit);
        app.get("/api/fits/{id}/rows", this::rows);
        app.post("/api/fits/{id}/predict", this::predict);
        app.post("/api/fits/{id}/plan", this::plan);
        app.post("/api/fits/{id}/bootstrap", this::bootstrap);
        app.post("/api/fits/{id}/validate", ctx -> analysis(ctx, "validate", CommandOptions.VALIDATE));
        app.post("/api/fits/{id}/sensitivity", ctx -> analysis(ctx, "sensitivity", CommandOptions.SENSITIVITY));
        app.get("/api/jobs", ctx -> {
            JsonArray a = new JsonArray();
            jobs.list().forEach(j -> a.add(j.status()));
            json(ctx, 200, a.toString());
        });
        app.get("/api/jobs/{id}", ctx -> json(ctx, 200, jobDocument(jobs.get(id(ctx)))));
        app.post("/api/jobs/{id}/cancel", ctx -> json(ctx, 200, jobDocument(jobs.cancel(id(ctx), "cancelled by a client"))));
        app.delete("/api/jobs/{id}", ctx -> json(ctx, 200, jobDocument(jobs.cancel(id(ctx), "cancelled by a client"))));
        app.start(settings.host(), settings.port());
        return address();
    }

    /** The address the workbench answers on. */
    public String address() {
        String h = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return "http://" + h + ":" + app.port() + "/";
    }

    /** The port it listens on (the one the system chose for port 0). */
    public int port() {
        return app.port();
    }

    /** The folder of uploaded files and fits beside the store. */
    public Path files() {
        return files;
    }

    @Override
    public void close() {
        jobs.close();
        if (app != null) {
            app.stop();
        }
    }

    // ---- security --------------------------------------------------------------------------

    /**
     * Refuses, before any handler: a request for another host name when bound to this machine
     * (DNS rebinding: a page of another site that resolves its name to 127.0.0.1), and a
     * state-changing request that a page of another origin sent from the user's browser.
     */
    private void guard(Context ctx) {
        String host = ctx.header("Host");
        if (loopback && host != null && !isLoopback(hostName(host))) {
            throw new Failure(403, "host " + host + " refused: this workbench answers only to this machine's names");
        }
        HandlerType m = ctx.method();
        if (m == HandlerType.GET || m == HandlerType.HEAD || m == HandlerType.OPTIONS) {
            return;
        }
        String origin = ctx.header("Origin");
        if (origin != null && !origin.equals("http://" + host)) {
            throw new Failure(403, "cross-origin request refused (Origin " + origin + "): state changes come only from the workbench's own pages or from clients without a browser");
        }
        if ("cross-site".equals(ctx.header("Sec-Fetch-Site"))) {
            throw new Failure(403, "cross-site request refused: state changes come only from the workbench's own pages");
        }
    }

    private static String hostName(String hostHeader) {
        if (hostHeader.startsWith("[")) {
            int end = hostHeader.indexOf(']');
            return end > 0 ? hostHeader.substring(1, end) : hostHeader;
        }
        int colon = hostHeader.lastIndexOf(':');
        return colon > 0 ? hostHeader.substring(0, colon) : hostHeader;
    }

    /** The request body, at most {@code cap} bytes; more is a 413 said in one line. */
    private static byte[] body(Context ctx, long cap) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > cap) {
            throw new Failure(413, "upload refused: " + declared + " bytes is over the cap of " + cap + " bytes (slaw serve --max-upload)");
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
            if (b.length > cap) {
                throw new Failure(413, "upload refused: more than the cap of " + cap + " bytes (slaw serve --max-upload)");
            }
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON request body (a small one: 1 MB at most). */
    private static JsonNode jsonBody(Context ctx) {
        byte[] b = body(ctx, 1 << 20);
        if (b.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode n = JSON.readTree(b);
            if (n == null || !n.isObject()) {
                throw Failure.badInput("the request body must be a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw Failure.badInput("the request body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String name(String value, String what) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw Failure.badInput(what + " name " + (value == null ? "missing" : "\"" + value + "\"")
                    + ": use 1 to 64 letters, digits, - and _ (starting with a letter or digit)");
        }
        return value;
    }

    // ---- formulas ---------------------------------------------------------------------------

    private static final Pattern POSITION = Pattern.compile(": at position ([0-9]+),");

    /**
     * {@code GET /api/formula?formula=E%2BA*N^-alpha&columns=N,D}: a law name or formula read as
     * {@code slaw fit --law} reads it ({@link Catalogue#resolve}), for the page to check as the
     * user types. With the data's columns it answers the variables and parameters; without,
     * the names the formula uses. A formula that does not read is a 200 with {@code "valid":
     * false}, the fit's one line and the position it names: the check worked, the formula is
     * wrong. A missing or overlong query is a 400.
     */
    private void checkFormula(Context ctx) {
        String formula = ctx.queryParam("formula");
        if (formula == null) {
            throw Failure.badInput("give the formula: /api/formula?formula=E%2BA*N^-alpha[&columns=N,D]");
        }
        if (formula.length() > 2000) {
            throw Failure.badInput("formula: at most 2,000 characters, got " + formula.length());
        }
        String columnsText = ctx.queryParam("columns");
        List<String> columns = columnsText == null ? List.of()
                : Stream.of(columnsText.split(",")).map(String::strip).filter(c -> !c.isEmpty()).toList();
        JsonObject o = new JsonObject().put("formula", formula);
        try {
            if (columnsText == null) {
                Formula f = Formula.parse(formula);
                o.put("valid", true);
                o.putTexts("names", new ArrayList<>(f.names()));
            } else {
                Law law = Catalogue.builtIn().resolve(formula.strip(), columns);
                o.put("valid", true).put("law", law.name());
                o.putTexts("variables", law.variables());
                o.putTexts("parameters", law.parameters().stream().map(Parameter::name).toList());
            }
        } catch (BadInputException e) {
            String line = e.getMessage().replace('\n', ' ').strip();
            o.put("valid", false).put("error", line);
            java.util.regex.Matcher m = POSITION.matcher(line);
            if (m.find()) {
                o.put("position", Integer.parseInt(m.group(1)));
            }
        }
        json(ctx, 200, o.toString());
    }

    // ---- datasets ---------------------------------------------------------------------------

    private Optional<Path> datasetFile(String name) {
        for (String ext : FORMATS) {
            Path p = uploads.resolve(name + "." + ext);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private Path requireDataset(String name) {
        name(name, "dataset");
        Optional<Path> uploaded = datasetFile(name);
        if (uploaded.isPresent()) {
            return uploaded.get();
        }
        return storeCopy(name).orElseThrow(() -> new Failure(404, "no dataset \"" + name + "\" (upload it first: POST /api/datasets?name=" + name + ")"));
    }

    /**
     * The datasets in the store ({@code slaw runs --db STORE --json}), by name: the uploads and
     * the tables the command line imported ({@code slaw import FILE --name NAME --db STORE}).
     * No store yet is none; a store another process holds is a 409.
     */
    private Map<String, JsonNode> storeDatasets() {
        Commands.Outcome o;
        synchronized (storeLock) {
            o = commands.run(List.of("runs", "--db", settings.db().toString(), "--json"), ProgressListener.NONE);
        }
        Map<String, JsonNode> byName = new TreeMap<>();
        if (o.exitCode() != 0) {
            String line = o.errorLine();
            if (isLock(line)) {
                throw new Failure(409, line);
            }
            if (line.contains("no run store here")) {
                return byName;
            }
            throw new Failure(500, line);
        }
        try {
            JSON.readTree(o.out()).path("datasets").forEach(d -> byName.put(d.path("name").asText(), d));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return byName;
    }

    /**
     * A dataset the command line imported into the store, as a table the commands read: the
     * stored rows ({@code slaw sql}, the import's mapping and derived columns already applied)
     * copied once into {@code STORE.serve/store/NAME.csv}, and again when its fingerprint
     * changes (a new {@code slaw import --replace}). Fits read the copy, so they never wait
     * for the store.
     */
    private Optional<Path> storeCopy(String name) {
        JsonNode entry = storeDatasets().get(name);
        if (entry == null) {
            return Optional.empty();
        }
        try {
            Path dir = Files.createDirectories(files.resolve("store"));
            Path copy = dir.resolve(name + ".csv");
            Path stamp = dir.resolve(name + ".fingerprint");
            String fingerprint = entry.path("fingerprint").asText();
            synchronized (storeLock) {
                if (Files.isRegularFile(copy) && Files.isRegularFile(stamp) && Files.readString(stamp).equals(fingerprint)) {
                    return Optional.of(copy);
                }
                // the row numbers the import kept are the store's, not a column of the runs
                Commands.Outcome o = commands.run(List.of("sql", "select * exclude (_row) from \"dataset_" + name + "\"",
                        "--db", settings.db().toString(), "--csv", "--limit", Integer.toString(Integer.MAX_VALUE)), ProgressListener.NONE);
                if (o.exitCode() != 0) {
                    throw new Failure(isLock(o.errorLine()) ? 409 : 500, o.errorLine());
                }
                Path staged = Files.createTempFile(dir, ".copy-", ".csv");
                Files.writeString(staged, o.out());
                Files.move(staged, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Files.writeString(stamp, fingerprint);
            }
            return Optional.of(copy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonArray datasets(Query query) throws IOException {
        JsonArray a = new JsonArray();
        Map<String, Path> byName = new TreeMap<>();
        try (Stream<Path> s = Files.list(uploads)) {
            s.filter(Files::isRegularFile).forEach(p -> {
                String f = p.getFileName().toString();
                int dot = f.lastIndexOf('.');
                if (dot > 0 && FORMATS.contains(f.substring(dot + 1)) && NAME.matcher(f.substring(0, dot)).matches()) {
                    byName.put(f.substring(0, dot), p);
                }
            });
        }
        Map<String, JsonObject> listed = new TreeMap<>();
        for (Map.Entry<String, Path> e : byName.entrySet()) {
            String f = e.getValue().getFileName().toString();
            if (!query.matches(Map.of("name", e.getKey(), "format", f.substring(f.lastIndexOf('.') + 1), "origin", "upload"))) {
                continue;
            }
            listed.put(e.getKey(), new JsonObject().put("name", e.getKey()).put("format", f.substring(f.lastIndexOf('.') + 1))
                    .put("bytes", Files.size(e.getValue())).put("origin", "upload"));
        }
        // beside the uploads, what the command line imported into the store (a name a client can use)
        for (Map.Entry<String, JsonNode> e : storeDatasets().entrySet()) {
            String name = e.getKey();
            if (byName.containsKey(name) || !NAME.matcher(name).matches()
                    || !query.matches(Map.of("name", name, "format", "store", "origin", "import"))) {
                continue;
            }
            JsonNode d = e.getValue();
            listed.put(name, new JsonObject().put("name", name).put("format", "store").put("rows", d.path("rows").asLong())
                    .put("origin", "import").put("source", d.path("source").asText()).put("imported", d.path("imported").asText()));
        }
        listed.values().forEach(a::add);
        return a;
    }

    /**
     * {@code POST /api/datasets?name=NAME&format=csv} with the table as the body: read by the
     * command line's readers (a bad table is a 400 with their message), saved in the store as
     * {@code slaw import} saves it, and kept for fitting.
     */
    private void upload(Context ctx) throws IOException {
        String name = name(ctx.queryParam("name"), "dataset");
        String format = Optional.ofNullable(ctx.queryParam("format")).orElse("csv").toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(format)) {
            throw Failure.badInput("format \"" + format + "\": give one of " + String.join(", ", FORMATS));
        }
        boolean replace = "true".equals(ctx.queryParam("replace"));
        List<String> recipe = recipeArguments(ctx.queryParams("map"), ctx.queryParams("derive"));
        byte[] data = body(ctx, settings.maxUpload());
        if (data.length == 0) {
            throw Failure.badInput("the upload is empty: send the table as the request body");
        }
        Path staged = Files.createTempFile(uploads, ".upload-", "." + format);
        try {
            Files.write(staged, data);
            Path target = uploads.resolve(name + "." + format);
            String out;
            synchronized (storeLock) {
                Optional<Path> existing = datasetFile(name);
                if (existing.isPresent() && !replace) {
                    throw new Failure(409, "dataset \"" + name + "\" exists; upload with replace=true to replace it");
                }
                if (existing.isEmpty() && !replace && storeDatasets().containsKey(name)) {
                    throw new Failure(409, "dataset \"" + name + "\" exists in the store (put there by slaw import); upload with replace=true to replace it");
                }
                List<String> args = new ArrayList<>(List.of("import", staged.toString(), "--name", name, "--db",
                        settings.db().toString()));
                if (replace) {
                    args.add("--replace");
                }
                args.addAll(recipe);
                Commands.Outcome o = commands.run(args, ProgressListener.NONE);
                if (o.exitCode() != 0) {
                    String line = o.errorLine().replace(staged.toString(), name + "." + format);
                    throw new Failure(isLock(line) ? 409 : 400, line);
                }
                out = o.out().strip();
                if (existing.isPresent()) {
                    Files.delete(existing.get());
                }
                Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Path recipeFile = recipes.resolve(name + ".json");
                if (recipe.isEmpty()) {
                    Files.deleteIfExists(recipeFile);
                } else {
                    com.fasterxml.jackson.databind.node.ObjectNode r = JSON.createObjectNode();
                    r.putPOJO("map", ctx.queryParams("map"));
                    r.putPOJO("derive", ctx.queryParams("derive"));
                    Files.writeString(recipeFile, JSON.writeValueAsString(r));
                }
            }
            json(ctx, 201, new JsonObject().put("name", name).put("format", format).put("bytes", data.length)
                    .put("message", out.replace(staged.toString(), name + "." + format)).toString());
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    /**
     * The upload's {@code map=VAR=COLUMN} and {@code derive=NAME=EXPR} (each repeatable, in
     * order) as {@code slaw import}'s {@code --map} and {@code --derive}: the import checks them
     * against the table with its own messages, and every fit of the dataset starts from them.
     */
    private static List<String> recipeArguments(List<String> map, List<String> derive) {
        if (map.size() + derive.size() > 200) {
            throw Failure.badInput("map and derive: at most 200 in all, got " + (map.size() + derive.size()));
        }
        List<String> args = new ArrayList<>();
        map.forEach(m -> args.add("--map=" + m));
        derive.forEach(d -> args.add("--derive=" + d));
        return args;
    }

    /** The dataset's mapping and derived columns from its upload, as command-line options (none: empty). */
    private List<String> recipeOf(String dataset) throws IOException {
        Path p = recipes.resolve(name(dataset, "dataset") + ".json");
        if (!Files.isRegularFile(p)) {
            return List.of();
        }
        JsonNode r = JSON.readTree(p.toFile());
        List<String> map = new ArrayList<>();
        List<String> derive = new ArrayList<>();
        r.path("map").forEach(m -> map.add(m.asText()));
        r.path("derive").forEach(d -> derive.add(d.asText()));
        return recipeArguments(map, derive);
    }

    /** The recipe as JSON, {@code {"map": [...], "derive": [...]}}, for listings and previews. */
    private JsonObject recipeJson(String dataset) throws IOException {
        JsonObject o = new JsonObject();
        List<String> map = new ArrayList<>();
        List<String> derive = new ArrayList<>();
        for (String a : recipeOf(dataset)) {
            (a.startsWith("--map=") ? map : derive).add(a.substring(a.indexOf('=') + 1));
        }
        o.putTexts("map", map);
        o.putTexts("derive", derive);
        return o;
    }

    /** A store another process holds: DuckDB says it could not set its lock. */
    private static boolean isLock(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("lock") && (m.contains("conflicting") || m.contains("could not set"));
    }

    /**
     * The first rows of a dataset as text, every column; and under {@code "prepared"} the
     * dataset as a fit reads it (its upload's mapping and derived columns applied, units scaled),
     * with the recipe under {@code "recipe"}.
     */
    private void preview(Context ctx) throws IOException {
        String name = ctx.pathParam("name");
        Path file = requireDataset(name);
        int rows = intParam(ctx, "rows", 20, 1, 10_000);
        dev.slaw.io.table.RawTable t;
        try {
            t = TableFormat.of(file).read(file, name, null);
        } catch (BadInputException e) {
            throw Failure.badInput(e.getMessage().replace(file.toString(), file.getFileName().toString()));
        }
        JsonObject o = new JsonObject().put("name", name).put("row_count", t.rowCount());
        o.putTexts("columns", t.columnNames());
        JsonArray numeric = o.putArray("numeric");
        t.columns().forEach(c -> numeric.addValue(c.isNumeric()));
        JsonArray data = o.putArray("rows");
        List<String[]> texts = new ArrayList<>();
        t.columns().forEach(c -> texts.add(c.textsOrFormat()));
        for (int r = 0; r < Math.min(rows, t.rowCount()); r++) {
            JsonArray row = data.addArray();
            for (String[] c : texts) {
                row.add(c[r] == null ? "" : c[r]);
            }
        }
        String head = o.toString();
        List<String> args = new ArrayList<>(List.of("table", file.toString(), Integer.toString(rows)));
        args.addAll(recipeOf(name));
        String prepared = run(args, file).strip();
        json(ctx, 200, head.substring(0, head.lastIndexOf('}')).stripTrailing() + ",\n  \"recipe\": "
                + recipeJson(name).toString().strip().replace("\n", "\n  ") + ",\n  \"prepared\": "
                + prepared.replace("\n", "\n  ") + "\n}");
    }

    private static int intParam(Context ctx, String key, int fallback, int min, int max) {
        String v = ctx.queryParam(key);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n < min || n > max) {
                throw Failure.badInput(key + " must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw Failure.badInput(key + " must be a whole number, got \"" + v + "\"");
        }
    }

    // ---- fits -------------------------------------------------------------------------------

    private List<Long> fitIds() {
        List<Long> ids = new ArrayList<>();
        try (Stream<Path> s = Files.list(fits)) {
            s.map(p -> p.getFileName().toString()).filter(f -> f.matches("[0-9]{1,18}\\.json"))
                    .forEach(f -> ids.add(Long.parseLong(f.substring(0, f.length() - 5))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ids.sort(null);
        return ids;
    }

    /**
     * The fits, each with its dataset, law, fitted formula and target, those the query matches.
     * The target and fitted formula come from the fit's document (the law's default target is
     * not in the request).
     */
    private JsonArray fitList(Query query) throws IOException {
        JsonArray a = new JsonArray();
        for (long id : fitIds()) {
            JsonNode req = request(id);
            JsonNode doc;
            try {
                doc = JSON.readTree(fits.resolve(id + ".json").toFile());
            } catch (IOException e) {
                continue; // deleted meanwhile
            }
            String dataset = req.path("dataset").asText();
            // a grouped fit (--group) answers for its first group, its formula the grouping
            JsonNode one = doc.has("groups") ? doc.path("groups").path(0).path("fit") : doc;
            String law = one.path("law").path("name").asText(req.path("options").path("law").asText());
            String target = one.path("target").asText();
            String fitted = doc.has("groups") ? "one fit per " + doc.path("grouped_by").asText() : one.path("law").path("fitted").asText();
            if (!query.matches(Map.of("id", Long.toString(id), "dataset", dataset, "law", law, "target", target,
                    "formula", fitted))) {
                continue;
            }
            a.addObject().put("id", id).put("dataset", dataset).put("law", law).put("target", target)
                    .put("fitted", fitted).put("bootstrapped", Files.isRegularFile(bootstrapFile(id)));
        }
        return a;
    }

    /**
     * {@code DELETE /api/fits/{id}}: the fit and its request go; a prediction kept in memory for
     * it is forgotten, so the id answers 404 from now on.
     */
    private void deleteFit(Context ctx) throws IOException {
        Path fit = fitFile(ctx);
        long id = id(ctx);
        Files.deleteIfExists(fit);
        Files.deleteIfExists(fits.resolve(id + ".request.json"));
        Files.deleteIfExists(bootstrapFile(id));
        // after the file is gone: a prediction meanwhile cannot put the fit back in memory
        commands.forget(fit);
        json(ctx, 200, new JsonObject().put("deleted", id).toString());
    }

    private JsonNode request(long id) throws IOException {
        Path p = fits.resolve(id + ".request.json");
        return Files.isRegularFile(p) ? JSON.readTree(p.toFile()) : JSON.createObjectNode();
    }

    private static long id(Context ctx) {
        String v = ctx.pathParam("id");
        if (!v.matches("[0-9]{1,18}")) {
            throw Failure.badInput("\"" + v + "\" is not an id (a whole number)");
        }
        return Long.parseLong(v);
    }

    private Path fitFile(Context ctx) {
        long id = id(ctx);
        Path p = fits.resolve(id + ".json");
        if (!Files.isRegularFile(p)) {
            throw new Failure(404, "no fit " + id);
        }
        return p;
    }

    /**
     * {@code POST /api/fits} with {@code {"dataset": NAME, "options": {...}}}: {@code slaw fit}
     * with those options; answers the fit's JSON document under {@code "fit"} beside its id.
     */
    private void fit(Context ctx) throws IOException {
        JsonNode body = jsonBody(ctx);
        String dataset = name(body.path("dataset").isTextual() ? body.get("dataset").textValue() : null, "dataset");
        Path file = requireDataset(dataset);
        List<String> args = new ArrayList<>(List.of("fit", file.toString(), "--json"));
        args.addAll(recipeOf(dataset));
        Set<String> allowed = union(CommandOptions.DATA, CommandOptions.FIT);
        args.addAll(CommandOptions.arguments(body.get("options"), allowed, "a fit"));
        String doc = run(args, file);
        long id = nextFit.getAndIncrement();
        JsonNode options = body.get("options") == null ? JSON.createObjectNode() : body.get("options");
        Files.writeString(fits.resolve(id + ".request.json"), JSON.writeValueAsString(
                JSON.createObjectNode().put("dataset", dataset).set("options", options)));
        Files.writeString(fits.resolve(id + ".json"), doc);
        String head = new JsonObject().put("id", id).put("dataset", dataset).toString();
        ctx.header("Location", "/api/fits/" + id);
        json(ctx, 201, head.substring(0, head.lastIndexOf('}')).stripTrailing() + ",\n  \"fit\": "
                + doc.strip().replace("\n", "\n  ") + "\n}");
    }

    /** {@code GET /api/fits/{id}/rows}: the fitted rows, observed and predicted, for a plot. */
    private void rows(Context ctx) throws IOException {
        Path fit = fitFile(ctx);
        JsonNode req = request(id(ctx));
        Path file = requireDataset(req.path("dataset").asText());
        List<String> args = new ArrayList<>(List.of("rows", fit.toString(), file.toString()));
        args.addAll(recipeOf(req.path("dataset").asText()));
        args.addAll(CommandOptions.arguments(req.get("options"), union(CommandOptions.DATA, CommandOptions.FIT), "a fit"));
        json(ctx, 200, run(args, fit, file));
    }

    /** {@code POST /api/fits/{id}/predict} with {@code {"point": {"N": 7e10, "D": 1.4e12}}}: slaw predict. */
    private void predict(Context ctx) {
        Path fit = fitFile(ctx);
        JsonNode body = jsonBody(ctx);
        JsonNode point = body.get("point");
        if (point == null || !point.isObject() || point.isEmpty()) {
            throw Failure.badInput("give the point as {\"point\": {\"N\": 7e10, \"D\": 1.4e12}}");
        }
        List<String> args = new ArrayList<>(List.of("predict", fit.toString()));
        for (var it = point.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!VARIABLE.matcher(e.getKey()).matches()) {
                throw Failure.badInput("\"" + e.getKey() + "\" is not a variable name");
            }
            args.add(e.getKey() + "=" + CommandOptions.scalar(e.getKey(), e.getValue()));
        }
        args.add("--json");
        args.addAll(CommandOptions.arguments(body.get("options"), CommandOptions.PREDICT, "a prediction"));
        json(ctx, 200, run(args, fit));
    }

    /**
     * {@code POST /api/fits/{id}/plan} with {@code {"options": {"compute": "5.88e23"}}}: slaw plan.
     * With {@code "bootstrap": true} the plan has intervals from the fit's last finished
     * bootstrap ({@code slaw plan --bootstrap}); a fit with none is a 404 saying so.
     */
    private void plan(Context ctx) {
        Path fit = fitFile(ctx);
        long id = id(ctx);
        JsonNode body = jsonBody(ctx);
        List<String> args = new ArrayList<>(List.of("plan", fit.toString(), "--json"));
        groupOf(id, fit, body).ifPresent(args::add);
        JsonNode withBootstrap = body.get("bootstrap");
        if (withBootstrap != null && !withBootstrap.isBoolean()) {
            throw Failure.badInput("\"bootstrap\": give true (the intervals of the fit's last bootstrap) or false");
        }
        Path boot = bootstrapFile(id);
        if (withBootstrap != null && withBootstrap.booleanValue()) {
            if (!Files.isRegularFile(boot)) {
                throw new Failure(404, "fit " + id + " has no finished bootstrap yet: POST /api/fits/" + id + "/bootstrap first");
            }
            args.add("--bootstrap=" + boot);
        }
        args.addAll(CommandOptions.arguments(body.get("options"), CommandOptions.PLAN, "a plan"));
        json(ctx, 200, run(args, fit, boot));
    }

    /**
     * For a fit per group ({@code slaw fit --group}), the group a request names, {@code "group":
     * "0.002"}, as {@code slaw plan FIT GROUP=VALUE} takes it; a fit per group needs one, and
     * a single fit takes none (400, naming the groups there are).
     */
    private static Optional<String> groupOf(long id, Path fit, JsonNode body) {
        JsonNode group = body.get("group");
        if (group != null && !group.isTextual() && !group.isNumber()) {
            throw Failure.badInput("\"group\": give the group's value as text, e.g. \"group\": \"0.002\"");
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(fit.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String groupedBy = doc.path("grouped_by").asText(null);
        if (groupedBy == null) {
            if (group != null) {
                throw Failure.badInput("\"group\": fit " + id + " is one fit, not a fit per group");
            }
            return Optional.empty();
        }
        List<String> groups = new ArrayList<>();
        doc.path("groups").forEach(g -> groups.add(g.path("group").asText()));
        if (group == null) {
            throw Failure.badInput("fit " + id + " is a fit per " + groupedBy + ": name the group to plan for with \"group\""
                    + " (one of " + String.join(", ", groups) + ")");
        }
        String value = group.asText();
        if (value.length() > 200 || value.contains("\n")) {
            throw Failure.badInput("\"group\": a group's value is one line of at most 200 characters");
        }
        // the column's name first, so the value is never read as an option
        return Optional.of(groupedBy + "=" + value);
    }

    /** Where a fit's last finished bootstrap is kept, for plans with intervals. */
    private Path bootstrapFile(long id) {
        return fits.resolve(id + ".bootstrap.json");
    }

    /**
     * {@code POST /api/fits/{id}/bootstrap} with {@code {"options": {"replicates": 1000}}}: slaw
     * bootstrap of the fit's dataset with the fit's options, as a job (202 and the job).
     */
    private void bootstrap(Context ctx) throws IOException {
        long id = id(ctx);
        fitFile(ctx);
        JsonNode req = request(id);
        String dataset = req.path("dataset").asText();
        Path file = requireDataset(dataset);
        JsonNode body = jsonBody(ctx);
        List<String> args = new ArrayList<>(List.of("bootstrap", file.toString(), "--json"));
        args.addAll(recipeOf(dataset));
        args.addAll(CommandOptions.arguments(req.get("options"), union(CommandOptions.DATA, CommandOptions.FIT), "a fit"));
        args.addAll(CommandOptions.arguments(body.get("options"), CommandOptions.BOOTSTRAP, "a bootstrap"));
        // kept, as slaw bootstrap --out keeps it (written when it succeeds), for plans with intervals
        args.add("--out=" + bootstrapFile(id));
        Jobs.Job job = jobs.start("bootstrap", "fit " + id, j -> {
            Commands.Outcome o = commands.run(args, j.listener());
            if (o.exitCode() != 0) {
                throw new Failure(o.exitCode() == 1 ? 422 : 400, o.errorLine().replace(file.toString(), file.getFileName().toString()));
            }
            return o.out();
        });
        ctx.header("Location", "/api/jobs/" + job.id);
        json(ctx, 202, jobDocument(job));
    }

    /**
     * {@code POST /api/fits/{id}/validate} or {@code .../sensitivity} with {@code {"options":
     * {...}}}: {@code slaw validate} or {@code slaw sensitivity} of the fit's dataset with the
     * fit's options, as a job. Its result is the command's JSON document, or with {@code "format":
     * "text"} its text as the command line prints it, under {@code "text"}: both from the
     * document layer, so the page shows the command's own rendering.
     */
    private void analysis(Context ctx, String command, Set<String> allowed) throws IOException {
        long id = id(ctx);
        fitFile(ctx);
        JsonNode req = request(id);
        String dataset = req.path("dataset").asText();
        Path file = requireDataset(dataset);
        JsonNode body = jsonBody(ctx);
        boolean text = textFormat(body);
        List<String> args = new ArrayList<>(List.of(command, file.toString()));
        if (!text) {
            args.add("--json");
        }
        args.addAll(recipeOf(dataset));
        args.addAll(CommandOptions.arguments(req.get("options"), union(CommandOptions.DATA, CommandOptions.FIT), "a fit"));
        args.addAll(CommandOptions.arguments(body.get("options"), allowed, "slaw " + command));
        commandJob(ctx, command, "fit " + id, args, text, null, byName(file), file);
    }

    /**
     * {@code POST /api/datasets/{name}/isoflop} or {@code .../envelope} with {@code {"options":
     * {...}}}: {@code slaw plan isoflop} or {@code slaw plan envelope} of the dataset (its
     * upload's mapping and derived columns applied, data options allowed). It answers the
     * command's JSON document, or with {@code "format": "text"} its text and warnings.
     */
    private void planOfData(Context ctx, String view, Set<String> allowed) throws IOException {
        String name = ctx.pathParam("name");
        Path file = requireDataset(name);
        JsonNode body = jsonBody(ctx);
        boolean text = textFormat(body);
        List<String> args = new ArrayList<>(List.of("plan", view, file.toString()));
        if (!text) {
            args.add("--json");
        }
        args.addAll(recipeOf(name));
        args.addAll(CommandOptions.arguments(body.get("options"), union(CommandOptions.DATA, allowed), "slaw plan " + view));
        Path figure = figureFile(body, args);
        try {
            Commands.Outcome o = commands.run(args, ProgressListener.NONE);
            if (o.exitCode() != 0) {
                String line = o.errorLine().replace(file.toString(), file.getFileName().toString());
                throw new Failure(o.exitCode() == 1 ? 422 : 400, line);
            }
            json(ctx, 200, withFigure(text ? textDocument(o, file, figure) : o.out().replace(file.toString(), file.getFileName().toString()), figure));
        } finally {
            removeFigure(figure);
        }
    }

    private static void removeFigure(Path figure) {
        try {
            if (figure != null) {
                Files.deleteIfExists(figure);
            }
        } catch (IOException e) {
            // a figure left behind is harmless: the next one has another name
        }
    }

    private final AtomicLong nextFigure = new AtomicLong(1);

    /**
     * With {@code "plot": true} in the body, the command also writes its picture's numbers
     * ({@code --plot FILE.json}, the figure {@code --plot FILE.png} draws) to a file of the
     * workbench's own, which the answer then carries under {@code "figure"}; else null.
     */
    private Path figureFile(JsonNode body, List<String> args) throws IOException {
        JsonNode plot = body.get("plot");
        if (plot != null && !plot.isBoolean()) {
            throw Failure.badInput("\"plot\": give true (the picture's numbers too, under \"figure\") or false");
        }
        if (plot == null || !plot.booleanValue()) {
            return null;
        }
        Path dir = Files.createDirectories(files.resolve("figures"));
        Path f = dir.resolve(nextFigure.getAndIncrement() + "-" + ProcessHandle.current().pid() + ".json");
        args.add("--plot=" + f);
        return f;
    }

    /** An answer with the figure the command wrote (read, then the file removed) under {@code "figure"}. */
    private static String withFigure(String answer, Path figure) {
        if (figure == null) {
            return answer;
        }
        String numbers;
        try {
            numbers = Files.readString(figure);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return answer.substring(0, answer.lastIndexOf('}')).stripTrailing() + ",\n  \"figure\": "
                + numbers.strip().replace("\n", "\n  ") + "\n}";
    }

    /**
     * {@code POST /api/datasets/{name}/curve} with {@code {"options": {"law": "multi-power"}}}:
     * {@code slaw curve fit} of the dataset's loss curves (a table with a run column), as a job
     * whose result is its JSON document, or with {@code "format": "text"} its text. The curve
     * fit reads the table as it is, so a dataset uploaded with a mapping is refused.
     */
    private void curveFit(Context ctx) throws IOException {
        String name = ctx.pathParam("name");
        Path file = requireDataset(name);
        if (!recipeOf(name).isEmpty()) {
            throw Failure.badInput("slaw curve fit reads a table as it is (columns run, step, loss, and lr or a schedule):"
                    + " dataset \"" + name + "\" was uploaded with a mapping; upload it again without one");
        }
        JsonNode body = jsonBody(ctx);
        boolean text = textFormat(body);
        List<String> args = new ArrayList<>(List.of("curve", "fit", file.toString()));
        if (!text) {
            args.add("--json");
        }
        List<String> options = CommandOptions.arguments(body.get("options"), CommandOptions.CURVE_FIT, "slaw curve fit");
        refuseFileSchedules(options);
        args.addAll(options);
        // kept, as slaw curve fit --out keeps it (written when it succeeds), for predictions of other schedules
        Path kept = curveFitFile(name);
        args.add("--out=" + kept);
        Path figure = figureFile(body, args);
        commandJob(ctx, "curve fit", "dataset " + name, args, text, figure, byName(file), file, kept);
    }

    /** Where a dataset's last curve fit is kept, for predictions. */
    private Path curveFitFile(String dataset) throws IOException {
        return Files.createDirectories(files.resolve("curves")).resolve(name(dataset, "dataset") + ".json");
    }

    /** {@code fit}, the dataset's last fit of a kind the server keeps; 404 naming the request that makes it when none has finished. */
    private static Path finished(Path fit, String name, String what, String endpoint) {
        if (!Files.isRegularFile(fit)) {
            throw new Failure(404, "dataset \"" + name + "\" has no finished " + what + " yet: POST /api/datasets/" + name
                    + "/" + endpoint + " first");
        }
        return fit;
    }

    private static final Pattern FILE_SCHEDULE = Pattern.compile("(?i)\\bfile\\s*\\(");

    /**
     * {@code POST /api/datasets/{name}/curve/predict} with {@code {"options": {"schedule":
     * ["warmup(2160)+cosine(peak=3e-4, end=3e-5, total=24000)"]}}}: {@code slaw curve predict}
     * with the dataset's last curve fit (404 before one finished), nothing refitted. A
     * schedule read from a file is refused: no value from a client names a file.
     */
    private void curvePredict(Context ctx) throws IOException {
        String name = ctx.pathParam("name");
        requireDataset(name);
        Path fit = finished(curveFitFile(name), name, "curve fit", "curve");
        JsonNode body = jsonBody(ctx);
        boolean text = textFormat(body);
        List<String> options = CommandOptions.arguments(body.get("options"), CommandOptions.CURVE_PREDICT, "slaw curve predict");
        if (options.stream().noneMatch(o -> o.startsWith("--schedule"))) {
            throw Failure.badInput("give the schedules to predict: {\"options\": {\"schedule\": [\"warmup(2160)+cosine(peak=3e-4, end=3e-5, total=24000)\"]}}");
        }
        refuseFileSchedules(options);
        List<String> args = new ArrayList<>(List.of("curve", "predict", fit.toString()));
        if (!text) {
            args.add("--json");
        }
        args.addAll(options);
        Path figure = figureFile(body, args);
        try {
            Commands.Outcome o = commands.run(args, ProgressListener.NONE);
            if (o.exitCode() != 0) {
                throw new Failure(o.exitCode() == 1 ? 422 : 400, o.errorLine().replace(fit.toString(), fit.getFileName().toString()));
            }
            json(ctx, 200, withFigure(text ? textDocument(o, fit, figure) : o.out().replace(fit.toString(), fit.getFileName().toString()), figure));
        } finally {
            removeFigure(figure);
        }
    }

    /**
     * {@code POST /api/datasets/{name}/mixture} with {@code {"options": {"law": "data-mixing",
     * "mixture": "r=web,code,books", "target": "web_loss"}}}: {@code slaw mixture fit} of the
     * dataset (its upload's mapping applied, data options allowed) as a job whose result is the
     * command's JSON document (the fit), or with {@code "format": "text"} its text. The fit is
     * kept, as {@code --out} keeps it, for {@code .../mixture/optimize}.
     */
    private void mixtureFit(Context ctx) throws IOException {
        String name = ctx.pathParam("name");
        Path file = requireDataset(name);
        JsonNode body = jsonBody(ctx);
        boolean text = textFormat(body);
        List<String> args = new ArrayList<>(List.of("mixture", "fit", file.toString()));
        if (!text) {
            args.add("--json");
        }
        args.addAll(recipeOf(name));
        List<String> options = CommandOptions.arguments(body.get("options"), union(CommandOptions.DATA, CommandOptions.MIXTURE_FIT), "slaw mixture fit");
        if (options.stream().noneMatch(o -> o.startsWith("--mixture="))) {
            throw Failure.badInput("give the proportion columns: {\"options\": {\"law\": \"data-mixing\", \"mixture\": \"r=web,code,books\", \"target\": \"web_loss\"}}");
        }
        args.addAll(options);
        Path kept = mixtureFitFile(name);
        args.add("--out=" + kept);
        commandJob(ctx, "mixture fit", "dataset " + name, args, text, null, byName(file), file, kept);
    }

    /** Where a dataset's last mixture fit is kept, for the optimum. */
    private Path mixtureFitFile(String dataset) throws IOException {
        return Files.createDirectories(files.resolve("mixtures")).resolve(name(dataset, "dataset") + ".json");
    }

    /**
     * {@code POST /api/datasets/{name}/mixture/optimize} with {@code {"options": {"proportions":
     * "web,code,books"}}}: {@code slaw mixture optimize} of the dataset's last mixture fit (404
     * before one finished), its training mixtures read from the dataset, as a job; with
     * {@code "plot": true} the optimum's picture too.
     */
    private void mixtureOptimize(Context ctx) throws IOException {
        String name = ctx.pathParam("name");
        Path data = requireDataset(name);
        Path fit = finished(mixtureFitFile(name), name, "mixture fit", "mixture");
        JsonNode body = jsonBody(ctx);
        boolean text = textFormat(body);
        List<String> options = CommandOptions.arguments(body.get("options"), CommandOptions.MIXTURE_OPTIMIZE, "slaw mixture optimize");
        if (options.stream().noneMatch(o -> o.startsWith("--proportions="))) {
            throw Failure.badInput("give the proportion columns: {\"options\": {\"proportions\": \"web,code,books\"}}");
        }
        List<String> args = new ArrayList<>(List.of("mixture", "optimize", fit.toString()));
        if (!text) {
            args.add("--json");
        }
        args.addAll(options);
        Path figure = figureFile(body, args);
        // a job: over many domains the search takes minutes, and a client may go away meanwhile
        commandJob(ctx, "mixture optimize", "dataset " + name, args, text, figure,
                line -> byName(data).apply(byName(fit).apply(line)), fit);
    }

    /** A schedule read from a file ({@code file(PATH)}) names a file: refused, as --out is. */
    private static void refuseFileSchedules(List<String> options) {
        if (options.stream().anyMatch(o -> FILE_SCHEDULE.matcher(o).find())) {
            throw Failure.badInput("schedule: file(...) names a file, which the workbench does not read; give the schedule itself (values(...) for a list)");
        }
    }

    /**
     * Runs a command as a job and answers 202 with it: its result is the command's JSON document,
     * or with {@code text} its text and warnings ({@link #textDocument}, {@code own} the files it
     * names that are the workbench's own), and with a {@code figure} file the picture's numbers.
     * A failed command fails the job with its one line (422 for a failed fit, else 400); {@code
     * shown} turns the store's paths in what the client reads into file names.
     */
    private void commandJob(Context ctx, String kind, String subject, List<String> args, boolean text, Path figure,
                            java.util.function.UnaryOperator<String> shown, Path file, Path... own) {
        Path[] named = java.util.Arrays.copyOf(own, own.length + 1);
        named[own.length] = figure;
        Jobs.Job job = jobs.start(kind, subject, j -> {
            try {
                Commands.Outcome o = commands.run(args, j.listener());
                if (o.exitCode() != 0) {
                    throw new Failure(o.exitCode() == 1 ? 422 : 400, shown.apply(o.errorLine()));
                }
                return withFigure(shown.apply(text ? textDocument(o, file, named) : o.out()), figure);
            } finally {
                removeFigure(figure);
            }
        });
        ctx.header("Location", "/api/jobs/" + job.id);
        json(ctx, 202, jobDocument(job));
    }

    /** A store path in a line a client reads, as its file name. */
    private static java.util.function.UnaryOperator<String> byName(Path file) {
        return line -> line.replace(file.toString(), file.getFileName().toString());
    }

    /** Whether a body asks for the command's text ({@code "format": "text"}) rather than its JSON (the default). */
    private static boolean textFormat(JsonNode body) {
        JsonNode format = body.get("format");
        if (format != null && !(format.isTextual() && (format.textValue().equals("json") || format.textValue().equals("text")))) {
            throw Failure.badInput("\"format\": give \"json\" (the default) or \"text\"");
        }
        return format != null && format.textValue().equals("text");
    }

    /** A command's text as it prints it, and its warnings (printed apart, on standard error), the store's paths by file name. */
    /**
     * The same, without the lines saying where the command wrote the workbench's own files (the
     * figure's numbers, which the answer carries; a fit kept for later requests).
     */
    private static String textDocument(Commands.Outcome o, Path file, Path... own) {
        Set<String> said = new java.util.HashSet<>();
        for (Path p : own) {
            if (p != null) {
                said.add("plotted " + p);
                said.add("saved " + p);
            }
        }
        String out = said.isEmpty() ? o.out() : o.out().lines().filter(l -> !said.contains(l.strip()))
                .map(l -> l + "\n").collect(java.util.stream.Collectors.joining());
        o = new Commands.Outcome(o.exitCode(), out, o.err());
        List<String> warnings = o.err().lines().map(String::strip).filter(l -> !l.isEmpty())
                .map(l -> l.replace(file.toString(), file.getFileName().toString())).toList();
        return new JsonObject().put("text", o.out().replace(file.toString(), file.getFileName().toString()))
                .putTexts("warnings", warnings).toString();
    }

    private static String jobDocument(Jobs.Job job) {
        String status = job.status().toString();
        String result = job.result;
        if (result == null || job.state != Jobs.State.DONE) {
            return status;
        }
        return status.substring(0, status.lastIndexOf('}')).stripTrailing() + ",\n  \"result\": "
                + result.strip().replace("\n", "\n  ") + "\n}";
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new java.util.HashSet<>(a);
        u.addAll(b);
        return u;
    }

    // ---- model ladders: slaw chain ------------------------------------------------------------

    /** {@code GET /api/ladders}: each uploaded ladder, its runs counted and its target named. */
    private void ladderList(Context ctx) throws IOException {
        JsonArray list = new JsonArray();
        for (String name : ladders.names()) {
            list.add(Ladders.brief(name, ladders.require(name)));
        }
        json(ctx, 200, list.toString());
    }

    /**
     * {@code POST /api/ladders?name=NAME[&replace=true]}, the body a zip of the ladder's run
     * CSVs and its config JSON: kept once {@code slaw chain} can read it.
     */
    private void ladderUpload(Context ctx) throws IOException {
        String name = name(ctx.queryParam("name"), "ladder");
        byte[] zip = body(ctx, settings.maxUpload());
        if (zip.length == 0) {
            throw Failure.badInput("the upload is empty: send the ladder's run CSVs and config JSON as one zip in the request body");
        }
        JsonObject answer = ladders.add(name, zip, "true".equals(ctx.queryParam("replace")), settings.maxUpload());
        ctx.header("Location", "/api/ladders/" + name);
        json(ctx, 201, answer.toString());
    }

    /**
     * {@code POST /api/ladders/{name}/chain}: {@code slaw chain} of the ladder as a job, with its
     * options ({@link CommandOptions#CHAIN}); the result its JSON document, or its text, and with
     * {@code "plot": true} its picture's numbers (chained against actual accuracy, task by task).
     */
    private void chain(Context ctx) throws IOException {
        String name = name(ctx.pathParam("name"), "ladder");
        ladders.require(name);
        JsonNode body = jsonBody(ctx);
        boolean text = textFormat(body);
        Path runs = ladders.runs(name);
        Path config = ladders.config(name);
        List<String> args = new ArrayList<>(List.of("chain", runs.toString(), "--config", config.toString()));
        if (!text) {
            args.add("--json");
        }
        args.addAll(CommandOptions.arguments(body.get("options"), CommandOptions.CHAIN, "slaw chain"));
        Path figure = figureFile(body, args);
        // the config's path first: the ladder's folder is a prefix of it
        commandJob(ctx, "chain", "ladder " + name, args, text, figure, line -> byName(runs).apply(byName(config).apply(line)), runs);
    }

    // ---- running commands -------------------------------------------------------------------

    /**
     * Runs a command and answers its standard output; exit 2 is a 400 and exit 1 (a failed fit)
     * a 422, each with the command's one line, the workbench's own paths shown by file name.
     */
    private String run(List<String> args, Path... shownByName) {
        Commands.Outcome o = commands.run(args, ProgressListener.NONE);
        if (o.exitCode() != 0) {
            String line = o.errorLine();
            for (Path p : shownByName) {
                line = line.replace(p.toString(), p.getFileName().toString());
            }
            throw new Failure(o.exitCode() == 1 ? 422 : isLock(line) ? 409 : 400, line);
        }
        return o.out();
    }

    private static void json(Context ctx, int status, String body) {
        ctx.status(status).contentType("application/json; charset=utf-8").result(body.endsWith("\n") ? body : body + "\n");
    }

    private static void error(Context ctx, int status, String message) {
        json(ctx, status, new JsonObject().put("error", message == null ? "error" : message).toString());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Workbench.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
