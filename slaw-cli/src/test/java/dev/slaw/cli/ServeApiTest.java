package dev.slaw.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slaw.server.Workbench;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workbench's REST API over real HTTP on loopback, every endpoint with good and bad input,
 * its answers compared with the command line's.
 */
class ServeApiTest {
    static final String CHINCHILLA = "../examples/chinchilla-epoch/svg_extracted_data.csv";
    /** The README's recipe, with fewer starts so that twenty fits at once stay quick. */
    static final String OPTIONS = "{\"law\": \"chinchilla\", \"map\": {\"N\": \"Model Size\"}, "
            + "\"derive\": {\"D\": \"Training FLOP / (6*N)\"}, \"target\": \"loss\", \"drop-highest\": \"loss=5\", "
            + "\"starts\": \"lhs:32\", \"threads\": 1}";
    static final String[] CLI_OPTIONS = {"--law", "chinchilla", "--map", "N=Model Size", "--derive",
            "D=Training FLOP / (6*N)", "--target", "loss", "--drop-highest", "loss=5", "--starts", "lhs:32", "--threads", "1"};
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    Workbench workbench;
    String base;

    void start(Workbench.Settings settings) {
        workbench = new Workbench(settings, ServeCommand.COMMANDS);
        base = workbench.start();
        assertThat(base).startsWith("http://127.0.0.1:");
    }

    void start() {
        start(Workbench.Settings.of(dir.resolve("runs.duckdb")).withPort(0));
    }

    @AfterEach
    void stop() {
        if (workbench != null) {
            workbench.close();
        }
    }

    record Reply(int status, String body) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }

        String error() throws Exception {
            return json().path("error").asText();
        }
    }

    Reply send(HttpRequest.Builder b) throws Exception {
        HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }

    Reply get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Reply post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply upload(String name, byte[] table) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + "api/datasets?name=" + name))
                .POST(HttpRequest.BodyPublishers.ofByteArray(table)));
    }

    long fitChinchilla() throws Exception {
        assertThat(upload("chinchilla", Files.readAllBytes(Path.of(CHINCHILLA))).status()).isEqualTo(201);
        Reply fit = post("api/fits", "{\"dataset\": \"chinchilla\", \"options\": " + OPTIONS + "}");
        assertThat(fit.status()).as(fit.body()).isEqualTo(201);
        return fit.json().get("id").asLong();
    }

    /** What {@code slaw VERB ...} prints, run in this JVM as the command line runs it. */
    static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }

    static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void lawsAreTheCatalogueOfSlawLaws() throws Exception {
        start();
        Reply all = get("api/laws");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body().strip()).isEqualTo(cli("laws", "--json").strip());
        Reply one = get("api/laws/chinchilla");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().path("name").asText()).isEqualTo("chinchilla");
        Reply unknown = get("api/laws/nolaw");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.error()).contains("nolaw").doesNotContain("\n");
    }

    @Test
    void uploadPreviewAndListDatasets() throws Exception {
        start();
        Reply up = upload("chinchilla", Files.readAllBytes(Path.of(CHINCHILLA)));
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        assertThat(up.json().path("message").asText()).contains("245 rows");
        // saved in the store, where the command line finds it
        assertThat(cli("runs", "--db", dir.resolve("runs.duckdb").toString())).contains("chinchilla");
        Reply list = get("api/datasets");
        assertThat(list.json().get(0).path("name").asText()).isEqualTo("chinchilla");
        Reply preview = get("api/datasets/chinchilla?rows=3");
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.json().path("row_count").asInt()).isEqualTo(245);
        assertThat(preview.json().path("rows").size()).isEqualTo(3);
        assertThat(preview.json().path("columns").toString()).contains("Model Size", "Training FLOP", "loss");

        Reply again = upload("chinchilla", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        assertThat(again.status()).isEqualTo(409);
        Reply replaced = send(HttpRequest.newBuilder(URI.create(base + "api/datasets?name=chinchilla&replace=true"))
                .POST(HttpRequest.BodyPublishers.ofString("N,loss\n1e9,3.1\n2e9,2.9\n")));
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(201);
        assertThat(get("api/datasets/chinchilla").json().path("row_count").asInt()).isEqualTo(2);

        assertThat(get("api/datasets/nothing").status()).isEqualTo(404);
        assertThat(get("api/datasets/chinchilla?rows=abc").status()).isEqualTo(400);
        assertThat(get("api/datasets/chinchilla?rows=0").status()).isEqualTo(400);
    }

    @Test
    void badUploadsAreOneLineAndLeaveNothing() throws Exception {
        start();
        Reply ragged = upload("bad", "N,loss\n1e9,3.1\n2e9\n".getBytes(StandardCharsets.UTF_8));
        assertThat(ragged.status()).as(ragged.body()).isEqualTo(400);
        assertThat(ragged.error()).doesNotContain("\n").doesNotContain(dir.toString());
        Reply notJson = send(HttpRequest.newBuilder(URI.create(base + "api/datasets?name=bad&format=json"))
                .POST(HttpRequest.BodyPublishers.ofString("{not json")));
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(upload("..%2Fescape", "a\n1\n".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
        assertThat(upload("a.b", "a\n1\n".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
        Reply noName = post("api/datasets", "a\n1\n");
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.error()).contains("name");
        Reply format = send(HttpRequest.newBuilder(URI.create(base + "api/datasets?name=x&format=xlsx"))
                .POST(HttpRequest.BodyPublishers.ofString("a\n1\n")));
        assertThat(format.status()).isEqualTo(400);
        assertThat(upload("empty", new byte[0]).status()).isEqualTo(400);
        assertThat(get("api/datasets").json().size()).isZero();
        try (var files = Files.list(workbench.files().resolve("uploads"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void anUploadOverTheCapIs413() throws Exception {
        start(Workbench.Settings.of(dir.resolve("runs.duckdb")).withPort(0).withMaxUpload(1000));
        Reply big = upload("chinchilla", Files.readAllBytes(Path.of(CHINCHILLA)));
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.error()).contains("cap of 1000 bytes").contains("--max-upload");
        assertThat(upload("small", "N,loss\n1e9,3.1\n".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(201);
    }

    @Test
    void aCrossOriginPostIs403() throws Exception {
        start();
        Reply evil = send(HttpRequest.newBuilder(URI.create(base + "api/datasets?name=x"))
                .header("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.ofString("a\n1\n")));
        assertThat(evil.status()).isEqualTo(403);
        assertThat(evil.error()).contains("cross-origin");
        Reply site = send(HttpRequest.newBuilder(URI.create(base + "api/fits"))
                .header("Sec-Fetch-Site", "cross-site").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(site.status()).isEqualTo(403);
        String own = base.substring(0, base.length() - 1);
        Reply same = send(HttpRequest.newBuilder(URI.create(base + "api/datasets?name=x"))
                .header("Origin", own).POST(HttpRequest.BodyPublishers.ofString("a\n1\n")));
        assertThat(same.status()).as(same.body()).isEqualTo(201);
        assertThat(get("api/datasets").json().size()).isEqualTo(1);
    }

    @Test
    void aFitIsTheCommandLinesFit() throws Exception {
        start();
        long id = fitChinchilla();
        JsonNode served = JSON.readTree(get("api/fits/" + id).body());
        JsonNode cli = JSON.readTree(cli(concat(new String[]{"fit", CHINCHILLA, "--json"}, CLI_OPTIONS)));
        assertThat(served.get("parameters")).isEqualTo(cli.get("parameters"));
        assertThat(served.get("statistics")).isEqualTo(cli.get("statistics"));
        assertThat(served.get("law")).isEqualTo(cli.get("law"));
        JsonNode list = get("api/fits").json();
        assertThat(list.get(0).path("id").asLong()).isEqualTo(id);
        assertThat(list.get(0).path("law").asText()).isEqualTo("chinchilla");
        JsonNode rows = get("api/fits/" + id + "/rows").json();
        assertThat(rows.path("observed").size()).isEqualTo(240);
        assertThat(rows.path("predicted").size()).isEqualTo(240);
        assertThat(rows.path("columns").path("D").size()).isEqualTo(240);
        assertThat(get("api/fits/999/rows").status()).isEqualTo(404);
        assertThat(get("api/fits/999").status()).isEqualTo(404);
        assertThat(get("api/fits/abc").status()).isEqualTo(400);
    }

    Reply uploadWith(String name, String recipe) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + "api/datasets?name=" + name + recipe))
                .POST(HttpRequest.BodyPublishers.ofFile(Path.of(CHINCHILLA))));
    }

    @Test
    void mappingAndDerivedColumnsGivenAtUploadAreTheFitsToo() throws Exception {
        start();
        String recipe = "&map=" + query("N=Model Size") + "&derive=" + query("D=Training FLOP / (6*N)");
        Reply up = uploadWith("mapped", recipe);
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        // the preview shows the table as a fit reads it: N mapped, D derived
        JsonNode preview = get("api/datasets/mapped?rows=2").json();
        assertThat(preview.path("recipe").toString()).isEqualTo("{\"map\":[\"N=Model Size\"],\"derive\":[\"D=Training FLOP / (6*N)\"]}");
        JsonNode prepared = preview.path("prepared");
        assertThat(prepared.path("row_count").asInt()).isEqualTo(245);
        assertThat(prepared.path("columns").toString()).contains("\"N\"", "\"D\"").doesNotContain("Model Size");
        assertThat(prepared.path("rows").size()).isEqualTo(2);
        int n = 0;
        int d = 0;
        for (int i = 0; i < prepared.path("columns").size(); i++) {
            n = prepared.path("columns").get(i).asText().equals("N") ? i : n;
            d = prepared.path("columns").get(i).asText().equals("D") ? i : d;
        }
        JsonNode first = prepared.path("rows").get(0);
        assertThat(first.get(d).asDouble()).isCloseTo(9.993852799709755e18 / (6 * first.get(n).asDouble()), org.assertj.core.data.Percentage.withPercentage(1e-9));
        // fitted without --map and --derive in the request: the command line's fit with them
        String bare = OPTIONS.replace("\"map\": {\"N\": \"Model Size\"}, \"derive\": {\"D\": \"Training FLOP / (6*N)\"}, ", "");
        assertThat(bare).doesNotContain("map");
        Reply fit = post("api/fits", "{\"dataset\": \"mapped\", \"options\": " + bare + "}");
        assertThat(fit.status()).as(fit.body()).isEqualTo(201);
        JsonNode expected = JSON.readTree(cli(concat(new String[]{"fit", CHINCHILLA, "--json"}, CLI_OPTIONS)));
        assertThat(fit.json().path("fit").path("parameters")).isEqualTo(expected.path("parameters"));
        long id = fit.json().path("id").asLong();
        assertThat(get("api/fits/" + id + "/rows").json().path("columns").path("D").size()).isEqualTo(240);
        // a plain upload has no recipe, and replacing one without it drops it
        assertThat(get("api/datasets/mapped?rows=1").json().path("recipe").path("map").size()).isEqualTo(1);
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "api/datasets?name=mapped&replace=true"))
                .POST(HttpRequest.BodyPublishers.ofFile(Path.of(CHINCHILLA)))).status()).isEqualTo(201);
        JsonNode plain = get("api/datasets/mapped?rows=1").json();
        assertThat(plain.path("recipe").path("map").size()).isZero();
        assertThat(plain.path("prepared").path("columns").toString()).contains("Model Size");
    }

    @Test
    void isoFlopAndEnvelopeViewsOfADatasetAreSlawPlansDocuments() throws Exception {
        start();
        String recipe = "&map=" + query("N=Model Size") + "&derive=" + query("D=Training FLOP / (6*N)");
        assertThat(uploadWith("mapped", recipe).status()).isEqualTo(201);
        String[] cli = {"--map", "N=Model Size", "--derive", "D=Training FLOP / (6*N)", "--compute-column", "Training FLOP"};
        Reply iso = post("api/datasets/mapped/isoflop", "{\"options\": {\"compute-column\": \"Training FLOP\", \"replicates\": 200}}");
        assertThat(iso.status()).as(iso.body()).isEqualTo(200);
        String shown = Path.of(CHINCHILLA).toString();
        assertThat(iso.json()).isEqualTo(JSON.readTree(cli(concat(new String[]{"plan", "isoflop", CHINCHILLA, "--json", "--replicates", "200"}, cli))
                .replace(shown, "mapped.csv")));
        Reply envelope = post("api/datasets/mapped/envelope", "{\"format\": \"text\", \"options\": {\"compute-column\": \"Training FLOP\"}}");
        assertThat(envelope.status()).as(envelope.body()).isEqualTo(200);
        assertThat(envelope.json().path("text").asText())
                .isEqualTo(cli(concat(new String[]{"plan", "envelope", CHINCHILLA}, cli)).replace(shown, "mapped.csv"));

        Reply column = post("api/datasets/mapped/isoflop", "{\"options\": {\"compute-column\": \"FLOPs\"}}");
        assertThat(column.status()).isEqualTo(400);
        assertThat(column.error()).contains("FLOPs").doesNotContain("\n").doesNotContain(workbench.files().toString());
        assertThat(post("api/datasets/mapped/isoflop", "{\"options\": {\"plot\": \"iso.png\"}}").status()).isEqualTo(400);
        assertThat(post("api/datasets/mapped/envelope", "{\"format\": 1}").status()).isEqualTo(400);
        assertThat(post("api/datasets/mapped/envelope", "{\"plot\": \"yes\"}").error()).startsWith("\"plot\": give true");
        assertThat(post("api/datasets/nothing/isoflop", "{}").status()).isEqualTo(404);
        assertThat(post("api/datasets/..%2Fx/envelope", "{}").status()).isEqualTo(400);
    }

    @Test
    void datasetsTheCommandLineImportedAreListedBesideUploadsAndFitLikeTheCommandLine() throws Exception {
        Path db = dir.resolve("runs.duckdb");
        cli("import", CHINCHILLA, "--name", "epoch", "--map", "N=Model Size", "--derive", "D=Training FLOP / (6*N)", "--db", db.toString());
        start();
        assertThat(upload("mine", Files.readAllBytes(Path.of(CHINCHILLA))).status()).isEqualTo(201);
        JsonNode list = get("api/datasets").json();
        assertThat(list).hasSize(2);
        assertThat(list.get(0).path("name").asText()).isEqualTo("epoch");
        assertThat(list.get(0).path("origin").asText()).isEqualTo("import");
        assertThat(list.get(0).path("format").asText()).isEqualTo("store");
        assertThat(list.get(0).path("rows").asInt()).isEqualTo(245);
        assertThat(list.get(1).path("origin").asText()).isEqualTo("upload");
        assertThat(get("api/datasets?q=origin:import").json()).hasSize(1);
        // the stored table, its mapping and derived column applied by the import
        JsonNode preview = get("api/datasets/epoch?rows=3").json();
        assertThat(preview.path("row_count").asInt()).isEqualTo(245);
        assertThat(preview.path("columns").toString()).contains("\"N\"", "\"D\"").doesNotContain("_row");
        // fitted as slaw fit --dataset epoch --db STORE fits it
        Reply fit = post("api/fits", "{\"dataset\": \"epoch\", \"options\": {\"law\": \"chinchilla\", \"target\": \"loss\","
                + " \"drop-highest\": \"loss=5\", \"starts\": \"lhs:32\", \"threads\": 1}}");
        assertThat(fit.status()).as(fit.body()).isEqualTo(201);
        JsonNode expected = JSON.readTree(cli("fit", "--dataset", "epoch", "--db", db.toString(), "--law", "chinchilla", "--target", "loss",
                "--drop-highest", "loss=5", "--starts", "lhs:32", "--threads", "1", "--json"));
        assertThat(fit.json().path("fit").path("parameters")).isEqualTo(expected.path("parameters"));
        assertThat(fit.json().path("fit").path("law").path("fitted").asText()).isEqualTo(expected.path("law").path("fitted").asText());
        // an upload does not silently take the imported name
        Reply taken = upload("epoch", Files.readAllBytes(Path.of(CHINCHILLA)));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.error()).isEqualTo("dataset \"epoch\" exists in the store (put there by slaw import); upload with replace=true to replace it");
    }

    @Test
    void theViewsPicturesAreTheNumbersTheCommandLineDraws() throws Exception {
        start();
        String recipe = "&map=" + query("N=Model Size") + "&derive=" + query("D=Training FLOP / (6*N)");
        assertThat(uploadWith("mapped", recipe).status()).isEqualTo(201);
        String[] cli = {"--map", "N=Model Size", "--derive", "D=Training FLOP / (6*N)", "--compute-column", "Training FLOP"};
        String shown = Path.of(CHINCHILLA).toString();
        Path picture = dir.resolve("iso.json");
        String text = cli(concat(new String[]{"plan", "isoflop", CHINCHILLA, "--replicates", "100", "--plot", picture.toString()}, cli));
        Reply iso = post("api/datasets/mapped/isoflop", "{\"format\": \"text\", \"plot\": true,"
                + " \"options\": {\"compute-column\": \"Training FLOP\", \"replicates\": 100}}");
        assertThat(iso.status()).as(iso.body()).isEqualTo(200);
        // the command's picture, as --plot FILE.json writes it, and its text without the line naming that file
        assertThat(iso.json().path("figure")).isEqualTo(JSON.readTree(picture.toFile()));
        assertThat(iso.json().path("text").asText()).isEqualTo(text.replace(shown, "mapped.csv").replace("plotted " + picture + "\n", ""));
        JsonNode parabolas = iso.json().path("figure").path("panels").get(0);
        assertThat(parabolas.path("title").asText()).isEqualTo("IsoFLOP profiles and their minima");
        assertThat(parabolas.path("x").path("scale").asText()).isEqualTo("log");
        // the minima drawn are the document's: each used compute group's N_opt and loss
        JsonNode doc = post("api/datasets/mapped/isoflop", "{\"options\": {\"compute-column\": \"Training FLOP\", \"replicates\": 100}}").json();
        JsonNode minima = null;
        for (JsonNode series : parabolas.path("series")) {
            if (series.path("label").asText().equals("minima")) {
                minima = series;
            }
        }
        assertThat(minima).isNotNull();
        List<Double> drawn = new java.util.ArrayList<>();
        minima.path("x").forEach(x -> { if (!x.isNull()) drawn.add(x.asDouble()); });
        List<Double> used = new java.util.ArrayList<>();
        doc.path("groups").forEach(g -> { if (g.path("status").asText().equals("used")) used.add(g.path("parameter_count").asDouble()); });
        assertThat(drawn).isEqualTo(used).hasSize(doc.path("parameter_law").path("points").asInt());
        assertThat(iso.json().path("figure").path("panels").get(1).path("title").asText()).isEqualTo("IsoFLOP minima and the fitted power laws");

        Reply envelope = post("api/datasets/mapped/envelope", "{\"plot\": true, \"options\": {\"compute-column\": \"Training FLOP\"}}");
        assertThat(envelope.status()).as(envelope.body()).isEqualTo(200);
        // the JSON document as before, the figure beside it
        assertThat(envelope.json().path("parameter_law")).isEqualTo(JSON.readTree(cli(concat(new String[]{"plan", "envelope", CHINCHILLA, "--json"}, cli))).path("parameter_law"));
        assertThat(envelope.json().path("figure").path("panels").get(0).path("series").get(1).path("mark").asText()).isEqualTo("line_and_points");
        // the workbench's figure files are gone once answered
        try (var left = Files.list(workbench.files().resolve("figures"))) {
            assertThat(left).isEmpty();
        }
    }

    /** Three runs of examples/multipower/csv_25 (Luo et al. 2025) as one table with a run column. */
    Path multiPowerCurves() throws Exception {
        StringBuilder table = new StringBuilder("run,step,lr,loss\n");
        for (String run : List.of("constant_24000", "cosine_24000", "wsd_20000_24000")) {
            List<String> lines = Files.readAllLines(Path.of("../examples/multipower/csv_25/" + run + ".csv"));
            assertThat(lines.get(0)).isEqualTo("step,lr,loss");
            lines.subList(1, lines.size()).forEach(l -> table.append(run).append(',').append(l).append('\n'));
        }
        return Files.writeString(dir.resolve("curves.csv"), table);
    }

    @Test
    void aCurveFitOfADatasetsRunsIsAJobWithSlawCurveFitsDocument() throws Exception {
        start();
        Path curves = multiPowerCurves();
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "api/datasets?name=curves"))
                .POST(HttpRequest.BodyPublishers.ofFile(curves))).status()).isEqualTo(201);
        String cosine = "warmup(2160)+cosine(peak=3e-4, end=3e-5, total=24000)";
        String predict = "{\"plot\": true, \"options\": {\"schedule\": [\"" + cosine + "\"], \"steps\": 24000}}";
        Reply early = post("api/datasets/curves/curve/predict", predict);
        assertThat(early.status()).isEqualTo(404);
        assertThat(early.error()).isEqualTo("dataset \"curves\" has no finished curve fit yet: POST /api/datasets/curves/curve first");
        JsonNode done = waitFor(post("api/datasets/curves/curve", "{\"format\": \"text\"}").json().path("id").asLong(), "done", "failed");
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("done");
        // the same text but for when it was made and how long it took
        String timed = "(?m)^\\s+(created|time):.*$";
        assertThat(done.path("result").path("text").asText().replaceAll(timed, ""))
                .isEqualTo(cli("curve", "fit", curves.toString()).replace(curves.toString(), "curves.csv").replaceAll(timed, ""));
        assertThat(done.path("result").path("text").asText()).contains("name:             multi-power");
        // with its picture: the loss curves, observed and fitted, beside the schedules
        JsonNode pictured = waitFor(post("api/datasets/curves/curve", "{\"plot\": true}").json().path("id").asLong(), "done", "failed");
        JsonNode panels = pictured.path("result").path("figure").path("panels");
        assertThat(panels.get(0).path("title").asText()).isEqualTo("Observed (points) and predicted (lines) loss");
        assertThat(panels.get(1).path("title").asText()).isEqualTo("Learning-rate schedules");
        assertThat(panels.get(1).path("series")).hasSize(3);
        assertThat(pictured.path("result").path("parameters")).isEqualTo(JSON.readTree(cli("curve", "fit", curves.toString(), "--json")).path("parameters"));
        // another schedule predicted from the kept fit, as slaw curve predict FIT.json predicts it
        Reply predicted = post("api/datasets/curves/curve/predict", predict);
        assertThat(predicted.status()).as(predicted.body()).isEqualTo(200);
        Path kept = workbench.files().resolve("curves/curves.json");
        JsonNode expected = JSON.readTree(cli("curve", "predict", kept.toString(), "--schedule", cosine, "--steps", "24000", "--json"));
        JsonNode answer = predicted.json();
        assertThat(answer.path("figure").path("panels")).hasSize(2);
        ((com.fasterxml.jackson.databind.node.ObjectNode) answer).remove("figure");
        assertThat(answer).isEqualTo(JSON.readTree(JSON.writeValueAsString(expected).replace(kept.toString(), "curves.json")));
        assertThat(post("api/datasets/curves/curve/predict", "{}").error()).startsWith("give the schedules to predict");
        Reply file = post("api/datasets/curves/curve/predict", "{\"options\": {\"schedule\": \"file(/etc/passwd)\"}}");
        assertThat(file.status()).isEqualTo(400);
        assertThat(file.error()).startsWith("schedule: file(...) names a file");
        assertThat(post("api/datasets/curves/curve", "{\"options\": {\"run-schedule\": \"cosine_24000=FILE (x.csv)\"}}").status()).isEqualTo(400);
        assertThat(post("api/datasets/curves/curve/predict", "{\"options\": {\"schedule\": \"cosine(peak=3e-4\"}}").error())
                .contains("expected ')'").doesNotContain(workbench.files().toString());

        assertThat(post("api/datasets/curves/curve", "{\"options\": {\"out\": \"c.json\"}}").status()).isEqualTo(400);
        assertThat(post("api/datasets/nothing/curve", "{}").status()).isEqualTo(404);
        JsonNode law = waitFor(post("api/datasets/curves/curve", "{\"options\": {\"law\": \"nolaw\"}}").json().path("id").asLong(),
                "done", "failed");
        assertThat(law.path("state").asText()).isEqualTo("failed");
        assertThat(law.path("error").asText()).contains("nolaw").doesNotContain("\n");
        String recipe = "&map=" + query("N=Model Size");
        assertThat(uploadWith("mapped", recipe).status()).isEqualTo(201);
        Reply mapped = post("api/datasets/mapped/curve", "{}");
        assertThat(mapped.status()).isEqualTo(400);
        assertThat(mapped.error()).contains("uploaded with a mapping");
    }

    @Test
    void aMixtureFitIsAJobWithSlawMixtureFitsDocumentAndItsOptimumIsSlawMixtureOptimizes() throws Exception {
        start();
        Path table = Path.of("../examples/mixtures/three-sources.csv");
        assertThat(upload("mix", Files.readAllBytes(table)).status()).isEqualTo(201);
        String law = "\"law\": \"data-mixing\", \"mixture\": \"r=web,code,books\", \"target\": \"web_loss\"";
        String optimize = "{\"plot\": true, \"options\": {\"proportions\": \"web,code,books\"}}";
        Reply early = post("api/datasets/mix/mixture/optimize", optimize);
        assertThat(early.status()).isEqualTo(404);
        assertThat(early.error()).isEqualTo("dataset \"mix\" has no finished mixture fit yet: POST /api/datasets/mix/mixture first");
        JsonNode done = waitFor(post("api/datasets/mix/mixture", "{\"format\": \"text\", \"options\": {" + law + "}}")
                .json().path("id").asLong(), "done", "failed");
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("done");
        Path upload = workbench.files().resolve("uploads").resolve("mix.csv");
        String timed = "(?m)^\\s+(created|time):.*$";
        assertThat(done.path("result").path("text").asText().replaceAll(timed, ""))
                .isEqualTo(cli("mixture", "fit", upload.toString(), "--law=data-mixing", "--mixture=r=web,code,books", "--target=web_loss")
                        .replace(upload.toString(), "mix.csv").replaceAll(timed, ""));
        // the optimum of the kept fit, as slaw mixture optimize FIT.json finds it, with its picture
        Reply started = post("api/datasets/mix/mixture/optimize", optimize);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonNode optimized = waitFor(started.json().path("id").asLong(), "done", "failed");
        assertThat(optimized.path("state").asText()).as(optimized.toString()).isEqualTo("done");
        Reply optimum = new Reply(200, optimized.path("result").toString());
        Path kept = workbench.files().resolve("mixtures/mix.json");
        JsonNode expected = JSON.readTree(cli("mixture", "optimize", kept.toString(), "--proportions", "web,code,books", "--json")
                .replace(kept.toString(), "mix.json").replace(upload.toString(), "mix.csv"));
        JsonNode answer = optimum.json();
        assertThat(answer.path("figure").path("panels").get(0).path("title").asText()).startsWith("Predicted mix.json (web_loss)");
        ((com.fasterxml.jackson.databind.node.ObjectNode) answer).remove("figure");
        assertThat(answer).isEqualTo(expected);
        assertThat(answer.path("proportions").path("web").asDouble()).isGreaterThan(0.9);
        // what it refuses: no proportion columns, an option naming a file, a bad column
        assertThat(post("api/datasets/mix/mixture/optimize", "{}").error()).startsWith("give the proportion columns");
        assertThat(post("api/datasets/mix/mixture", "{\"options\": {\"law\": \"data-mixing\"}}").error()).startsWith("give the proportion columns");
        assertThat(post("api/datasets/mix/mixture", "{\"options\": {" + law + ", \"test\": \"x.csv\"}}").status()).isEqualTo(400);
        assertThat(post("api/datasets/mix/mixture/optimize", "{\"options\": {\"proportions\": \"web,code\", \"tradeoff\": \"a.json\"}}").status()).isEqualTo(400);
        JsonNode bad = waitFor(post("api/datasets/mix/mixture/optimize", "{\"options\": {\"proportions\": \"web,cod,books\"}}")
                .json().path("id").asLong(), "done", "failed");
        assertThat(bad.path("state").asText()).isEqualTo("failed");
        assertThat(bad.path("error").asText()).contains("cod").doesNotContain("\n").doesNotContain(workbench.files().toString());
        JsonNode failed = waitFor(post("api/datasets/mix/mixture", "{\"options\": {\"law\": \"data-mixing\", \"mixture\": \"r=web,code,book\"}}")
                .json().path("id").asLong(), "done", "failed");
        assertThat(failed.path("state").asText()).isEqualTo("failed");
        assertThat(failed.path("error").asText()).contains("book").doesNotContain("\n").doesNotContain(workbench.files().toString());
    }

    @Test
    void aBadMappingAtUploadIsTheImportsLineAndNothingIsKept() throws Exception {
        start();
        Reply missing = uploadWith("m1", "&map=" + query("N=Model Siz"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.error()).isEqualTo("m1.csv: no column \"Model Siz\" to map to N (columns: x, y, color, Model Size, "
                + "Training FLOP, hex_color, loss)");
        Reply shape = uploadWith("m2", "&map=N");
        assertThat(shape.status()).isEqualTo(400);
        assertThat(shape.error()).isEqualTo("--map N: expected VAR=COLUMN, e.g. --map N=\"Model Size\"");
        Reply formula = uploadWith("m3", "&map=" + query("N=Model Size") + "&derive=" + query("D=Training FLOP / (6*N"));
        assertThat(formula.status()).isEqualTo(400);
        assertThat(formula.error()).isEqualTo("m3.csv: derived column D: formula \"Training FLOP / (6*N\": at position 21, "
                + "expected ')' but found the end of the formula");
        Reply markup = uploadWith("m4", "&map=" + query("<b>=Model Size"));
        assertThat(markup.status()).isEqualTo(400);
        assertThat(markup.error()).doesNotContain("\n");
        assertThat(get("api/datasets").json().size()).isZero();
        try (var files = Files.list(workbench.files().resolve("recipes"))) {
            assertThat(files.count()).isZero();
        }
        try (var files = Files.list(workbench.files().resolve("uploads"))) {
            assertThat(files.count()).isZero();
        }
    }

    @Test
    void badFitsAre400WithTheCommandLinesLine() throws Exception {
        start();
        assertThat(upload("chinchilla", Files.readAllBytes(Path.of(CHINCHILLA))).status()).isEqualTo(201);
        Reply law = post("api/fits", "{\"dataset\": \"chinchilla\", \"options\": {\"law\": \"nolaw\", \"target\": \"loss\"}}");
        assertThat(law.status()).isEqualTo(400);
        assertThat(law.error()).startsWith("unknown law 'nolaw'");
        Reply file = post("api/fits", "{\"dataset\": \"chinchilla\", \"options\": {\"law\": \"chinchilla\", \"out\": \"/tmp/x.json\"}}");
        assertThat(file.status()).isEqualTo(400);
        assertThat(file.error()).contains("\"out\"");
        assertThat(post("api/fits", "{\"dataset\": \"chinchilla\", \"options\": {\"db\": \"/etc/passwd\"}}").status()).isEqualTo(400);
        assertThat(post("api/fits", "{\"dataset\": \"nothing\", \"options\": {\"law\": \"chinchilla\"}}").status()).isEqualTo(404);
        assertThat(post("api/fits", "{\"dataset\": \"../runs\"}").status()).isEqualTo(400);
        assertThat(post("api/fits", "not json").status()).isEqualTo(400);
        assertThat(post("api/fits", "{\"dataset\": \"chinchilla\", \"options\": [1]}").status()).isEqualTo(400);
        Reply column = post("api/fits", "{\"dataset\": \"chinchilla\", \"options\": {\"law\": \"chinchilla\", \"target\": \"nope\"}}");
        assertThat(column.status()).isEqualTo(400);
        assertThat(column.error()).doesNotContain(dir.toString());
        assertThat(get("api/fits").json().size()).isZero();
    }

    @Test
    void predictAndPlanAreTheCommandLines() throws Exception {
        start();
        long id = fitChinchilla();
        Path fitFile = workbench.files().resolve("fits/" + id + ".json");
        Reply p = post("api/fits/" + id + "/predict", "{\"point\": {\"N\": 7e10, \"D\": \"1.4T\"}}");
        assertThat(p.status()).as(p.body()).isEqualTo(200);
        assertThat(p.json()).isEqualTo(JSON.readTree(cli("predict", fitFile.toString(), "N=7e10", "D=1.4T", "--json")));
        Reply unknown = post("api/fits/" + id + "/predict", "{\"point\": {\"Q\": 1}}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.error()).contains("no variable 'Q'");
        assertThat(post("api/fits/" + id + "/predict", "{}").status()).isEqualTo(400);
        assertThat(post("api/fits/" + id + "/predict", "{\"point\": {\"--db\": 1}}").status()).isEqualTo(400);
        assertThat(post("api/fits/77/predict", "{\"point\": {\"N\": 1}}").status()).isEqualTo(404);

        Reply plan = post("api/fits/" + id + "/plan", "{\"options\": {\"compute\": \"5.88e23\"}}");
        assertThat(plan.status()).as(plan.body()).isEqualTo(200);
        assertThat(plan.json()).isEqualTo(JSON.readTree(cli("plan", fitFile.toString(), "--compute", "5.88e23", "--json")));
        assertThat(post("api/fits/" + id + "/plan", "{\"options\": {\"compute\": \"lots\"}}").status()).isEqualTo(400);
        assertThat(post("api/fits/" + id + "/plan", "{\"options\": {\"frontier-plot\": \"x.png\"}}").status()).isEqualTo(400);
    }

    Reply delete(String path, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).DELETE();
        if (origin != null) {
            b.header("Origin", origin);
        }
        return send(b);
    }

    @Test
    void predictionsKeepTheFitUntilItIsReplacedOrDeleted() throws Exception {
        start();
        long id = fitChinchilla();
        Reply other = post("api/fits", "{\"dataset\": \"chinchilla\", \"options\": " + OPTIONS.replace(", \"drop-highest\": \"loss=5\"", "") + "}");
        long second = other.json().get("id").asLong();
        Path fitFile = workbench.files().resolve("fits/" + id + ".json");
        Path secondFile = workbench.files().resolve("fits/" + second + ".json");
        String point = "{\"point\": {\"N\": 7e10, \"D\": \"1.4T\"}}";
        for (int i = 0; i < 2; i++) { // read, then kept
            assertThat(post("api/fits/" + id + "/predict", point).json())
                    .isEqualTo(JSON.readTree(cli("predict", fitFile.toString(), "N=7e10", "D=1.4T", "--json")));
        }
        assertThat(ServedPredictions.keptCount()).isPositive();
        // the fit's file replaced: the next prediction is the new fit's
        Files.copy(secondFile, fitFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(fitFile, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        JsonNode replaced = post("api/fits/" + id + "/predict", point).json();
        assertThat(replaced).isEqualTo(JSON.readTree(cli("predict", secondFile.toString(), "N=7e10", "D=1.4T", "--json")));
        assertThat(replaced).isNotEqualTo(JSON.readTree(cli("predict", secondFile.toString(), "N=7e9", "D=1.4T", "--json")));
        // out of the law's domain: slaw predict's line
        Reply zero = post("api/fits/" + id + "/predict", "{\"point\": {\"N\": 0, \"D\": 1e12}}");
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.error()).contains("outside the domain");
        // deleted: 404 from then on, the cross-origin delete refused first
        assertThat(delete("api/fits/" + id, "http://evil.example").status()).isEqualTo(403);
        Reply gone = delete("api/fits/" + id, null);
        assertThat(gone.status()).as(gone.body()).isEqualTo(200);
        assertThat(post("api/fits/" + id + "/predict", point).status()).isEqualTo(404);
        assertThat(get("api/fits/" + id).status()).isEqualTo(404);
        assertThat(delete("api/fits/" + id, null).status()).isEqualTo(404);
        assertThat(delete("api/fits/x1", null).status()).isEqualTo(400);
        assertThat(get("api/fits").json().size()).isEqualTo(1);
    }

    @Test
    void datasetsAndFitsAreSearched() throws Exception {
        start();
        long id = fitChinchilla();
        assertThat(upload("kaplan-runs", "N,loss\n1e6,4\n1e7,3.5\n1e8,3.2\n".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(201);
        Reply power = post("api/fits", "{\"dataset\": \"kaplan-runs\", \"options\": {\"law\": \"E + A*N^-alpha\", \"target\": \"loss\"}}");
        assertThat(power.status()).as(power.body()).isEqualTo(201);
        long second = power.json().get("id").asLong();
        assertThat(get("api/datasets").json().size()).isEqualTo(2);
        JsonNode kaplan = get("api/datasets?q=KAPLAN").json();
        assertThat(kaplan.size()).isEqualTo(1);
        assertThat(kaplan.get(0).path("name").asText()).isEqualTo("kaplan-runs");
        assertThat(get("api/datasets?q=name:chin%20csv").json().size()).isEqualTo(1);
        assertThat(get("api/datasets?q=parquet").json().size()).isZero();

        JsonNode all = get("api/fits").json();
        assertThat(all.size()).isEqualTo(2);
        assertThat(all.get(0).path("target").asText()).isEqualTo("loss");
        assertThat(all.get(0).path("fitted").asText()).startsWith("L = ");
        JsonNode chin = get("api/fits?q=law:chinchilla").json();
        assertThat(chin.size()).isEqualTo(1);
        assertThat(chin.get(0).path("id").asLong()).isEqualTo(id);
        JsonNode onKaplan = get("api/fits?q=kaplan%20loss").json();
        assertThat(onKaplan.size()).isEqualTo(1);
        assertThat(onKaplan.get(0).path("id").asLong()).isEqualTo(second);
        assertThat(get("api/fits?q=target:accuracy").json().size()).isZero();
        Reply field = get("api/fits?q=colour:red");
        assertThat(field.status()).isEqualTo(400);
        assertThat(field.error()).contains("colour:red").contains("dataset, formula, id, law, target");
        assertThat(get("api/fits?q=" + "x".repeat(201)).status()).isEqualTo(400);
        // a name that is markup comes back as a JSON string, for the page to set as text
        assertThat(get("api/fits?q=%3Cscript%3E").json().size()).isZero();
    }

    static String query(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void aFormulaIsCheckedAsTheFitReadsIt() throws Exception {
        start();
        JsonNode ok = get("api/formula?formula=" + query("E + A*N^-alpha") + "&columns=N,D,loss").json();
        assertThat(ok.path("valid").asBoolean()).isTrue();
        assertThat(ok.path("variables").toString()).isEqualTo("[\"N\"]");
        assertThat(ok.path("parameters").toString()).isEqualTo("[\"E\",\"A\",\"alpha\"]");
        JsonNode law = get("api/formula?formula=chinchilla&columns=N,D").json();
        assertThat(law.path("law").asText()).isEqualTo("chinchilla");
        assertThat(law.path("parameters").size()).isEqualTo(5);
        JsonNode names = get("api/formula?formula=" + query("E + A*N^-alpha")).json();
        assertThat(names.path("valid").asBoolean()).isTrue();
        assertThat(names.path("names").size()).isEqualTo(4);

        // a formula that does not read: slaw fit's line, with its position
        JsonNode open = get("api/formula?formula=" + query("E + A*N^-(alpha") + "&columns=N").json();
        assertThat(open.path("valid").asBoolean()).isFalse();
        assertThat(open.path("position").asInt()).isEqualTo(16);
        StringWriter err = new StringWriter();
        Main.run(new String[]{"fit", CHINCHILLA, "--law", "E + A*N^-(alpha", "--map", "N=Model Size", "--target", "loss"},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(err.toString().strip()).isEqualTo("slaw fit: " + open.path("error").asText());
        JsonNode caseTypo = get("api/formula?formula=" + query("E + A*n^-alpha") + "&columns=N").json();
        assertThat(caseTypo.path("error").asText()).contains("'n' is not a column, but 'N' is");
        assertThat(caseTypo.has("position")).isFalse();
        assertThat(get("api/formula?formula=nolaw&columns=N").json().path("error").asText()).startsWith("unknown law 'nolaw'");
        JsonNode markup = get("api/formula?formula=" + query("<script>alert(1)</script>") + "&columns=N").json();
        assertThat(markup.path("valid").asBoolean()).isFalse();
        assertThat(markup.path("error").asText()).doesNotContain("\n");

        assertThat(get("api/formula").status()).isEqualTo(400);
        assertThat(get("api/formula?formula=" + "x".repeat(2001)).status()).isEqualTo(400);
    }

    JsonNode waitFor(long job, String... states) throws Exception {
        long end = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < end) {
            JsonNode j = get("api/jobs/" + job).json();
            if (List.of(states).contains(j.path("state").asText())) {
                return j;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + job + " never reached " + List.of(states));
    }

    @Test
    void aGroupedFitsRowsNameEachRowsGroupAndItsOwnFitsPrediction() throws Exception {
        start();
        String sweep = "../examples/misfitting/scaling_results_last_ckpt_only.csv";
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "api/datasets?name=misfitting"))
                .POST(HttpRequest.BodyPublishers.ofFile(Path.of(sweep)))).status()).isEqualTo(201);
        Reply fit = post("api/fits", "{\"dataset\": \"misfitting\", \"options\": {\"law\": \"chinchilla\", \"group\": \"peak_lr\", "
                + "\"only\": \"peak_lr=0.001,0.002,0.004\"}}");
        assertThat(fit.status()).as(fit.body()).isEqualTo(201);
        long id = fit.json().path("id").asLong();
        assertThat(fit.json().path("fit").path("grouped_by").asText()).isEqualTo("peak_lr");
        JsonNode listed = get("api/fits").json().get(0);
        assertThat(listed.path("target").asText()).isEqualTo("loss");
        assertThat(listed.path("fitted").asText()).isEqualTo("one fit per peak_lr");

        JsonNode rows = get("api/fits/" + id + "/rows").json();
        assertThat(rows.path("grouped_by").asText()).isEqualTo("peak_lr");
        int n = rows.path("observed").size();
        assertThat(rows.path("groups").size()).isEqualTo(n);
        java.util.Set<String> groups = new java.util.TreeSet<>();
        rows.path("groups").forEach(g -> groups.add(g.asText()));
        assertThat(groups).containsExactly("0.001", "0.002", "0.004");
        // each row predicted by its own group's fit: slaw predict FIT peak_lr=G N=... D=...
        Path fitFile = workbench.files().resolve("fits/" + id + ".json");
        for (int i : new int[]{0, n / 2, n - 1}) {
            String g = rows.path("groups").get(i).asText();
            double nValue = rows.path("columns").path("N").get(i).asDouble();
            double dValue = rows.path("columns").path("D").get(i).asDouble();
            JsonNode expected = JSON.readTree(cli("predict", fitFile.toString(), "peak_lr=" + g, "N=" + nValue, "D=" + dValue, "--json"));
            assertThat(rows.path("predicted").get(i).asDouble()).isEqualTo(expected.get(0).path("loss").asDouble());
        }

        // planned per group: slaw plan FIT peak_lr=G, at a budget and along the frontier
        Reply plan = post("api/fits/" + id + "/plan", "{\"group\": \"0.002\", \"options\": {\"compute\": \"1e21\"}}");
        assertThat(plan.status()).as(plan.body()).isEqualTo(200);
        assertThat(plan.json()).isEqualTo(JSON.readTree(cli("plan", fitFile.toString(), "peak_lr=0.002", "--compute", "1e21", "--json")));
        Reply frontier = post("api/fits/" + id + "/plan", "{\"group\": 0.004, \"options\": {\"frontier\": \"1e19:1e23:5\"}}");
        assertThat(frontier.json()).isEqualTo(JSON.readTree(cli("plan", fitFile.toString(), "peak_lr=0.004", "--frontier", "1e19:1e23:5", "--json")));
        assertThat(frontier.json().path("parameters").path("E").asDouble()).isNotEqualTo(plan.json().path("parameters").path("E").asDouble());
        Reply none = post("api/fits/" + id + "/plan", "{\"options\": {\"compute\": \"1e21\"}}");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.error()).isEqualTo("fit " + id + " is a fit per peak_lr: name the group to plan for with \"group\" (one of 0.001, 0.002, 0.004)");
        Reply unknown = post("api/fits/" + id + "/plan", "{\"group\": \"0.02\", \"options\": {\"compute\": \"1e21\"}}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.error()).contains("no group peak_lr=0.02", "0.001, 0.002, 0.004").doesNotContain(workbench.files().toString());
        assertThat(post("api/fits/" + id + "/plan", "{\"group\": [1]}").status()).isEqualTo(400);
    }

    @Test
    void theFrontierHasTheIntervalBandOfTheFitsLastBootstrap() throws Exception {
        start();
        long id = fitChinchilla();
        String frontier = "{\"bootstrap\": true, \"options\": {\"frontier\": \"1e20:1e26:4\"}}";
        Reply none = post("api/fits/" + id + "/plan", frontier);
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.error()).isEqualTo("fit " + id + " has no finished bootstrap yet: POST /api/fits/" + id + "/bootstrap first");
        assertThat(post("api/fits/" + id + "/plan", "{\"bootstrap\": \"boot.json\"}").status()).isEqualTo(400);
        assertThat(post("api/fits/" + id + "/plan", "{\"group\": \"0.002\"}").error()).isEqualTo("\"group\": fit " + id + " is one fit, not a fit per group");
        assertThat(get("api/fits").json().get(0).path("bootstrapped").asBoolean()).isFalse();

        JsonNode done = waitFor(post("api/fits/" + id + "/bootstrap", "{\"options\": {\"replicates\": 20}}").json().path("id").asLong(),
                "done", "failed");
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("done");
        assertThat(get("api/fits").json().get(0).path("bootstrapped").asBoolean()).isTrue();
        Reply band = post("api/fits/" + id + "/plan", frontier);
        assertThat(band.status()).as(band.body()).isEqualTo(200);
        // slaw plan --frontier with the bootstrap kept as slaw bootstrap --out keeps it
        Path boot = workbench.files().resolve("fits/" + id + ".bootstrap.json");
        assertThat(JSON.readTree(boot.toFile()).path("replicates").size()).isEqualTo(20);
        Path fitFile = workbench.files().resolve("fits/" + id + ".json");
        JsonNode expected = JSON.readTree(cli("plan", fitFile.toString(), "--json", "--bootstrap", boot.toString(), "--frontier", "1e20:1e26:4"));
        assertThat(band.json()).isEqualTo(expected);
        assertThat(band.json().path("replicates").asInt()).isEqualTo(20);
        JsonNode rows = band.json().path("frontier").path("rows");
        assertThat(rows.size()).isEqualTo(4);
        JsonNode n = rows.get(3).path("intervals").path("parameter_count");
        assertThat(n.path("lower").asDouble()).isLessThan(rows.get(3).path("parameter_count").asDouble());
        assertThat(n.path("upper").asDouble()).isGreaterThan(rows.get(3).path("parameter_count").asDouble());
        // without it, the plan of the fit alone
        assertThat(post("api/fits/" + id + "/plan", "{\"bootstrap\": false, \"options\": {\"frontier\": \"1e20:1e26:4\"}}").json()
                .path("frontier").path("rows").get(0).has("intervals")).isFalse();
        // a deleted fit's bootstrap goes with it
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "api/fits/" + id)).DELETE()).status()).isEqualTo(200);
        assertThat(Files.exists(workbench.files().resolve("fits/" + id + ".bootstrap.json"))).isFalse();
    }

    @Test
    void validateAndSensitivityRunAsJobsWithTheCommandsDocuments() throws Exception {
        start();
        long id = fitChinchilla();
        // the held-out check: slaw validate's JSON document, or its text as the command line prints it
        JsonNode json = waitFor(post("api/fits/" + id + "/validate", "{\"options\": {\"leave-largest-out\": true}}")
                .json().path("id").asLong(), "done", "failed");
        assertThat(json.path("state").asText()).as(json.toString()).isEqualTo("done");
        JsonNode expected = JSON.readTree(cli(concat(new String[]{"validate", CHINCHILLA, "--json", "--leave-largest-out"}, CLI_OPTIONS)));
        assertThat(json.path("result").path("rows")).isEqualTo(expected.path("rows"));
        assertThat(json.path("result").path("summary")).isEqualTo(expected.path("summary"));
        JsonNode text = waitFor(post("api/fits/" + id + "/validate", "{\"format\": \"text\", \"options\": {\"leave-largest-out\": true}}")
                .json().path("id").asLong(), "done", "failed");
        assertThat(text.path("result").path("text").asText())
                .isEqualTo(cli(concat(new String[]{"validate", CHINCHILLA, "--leave-largest-out"}, CLI_OPTIONS))
                        .replace(Path.of(CHINCHILLA).toString(), "chinchilla.csv"));
        assertThat(text.path("result").path("warnings").toString()).contains("slaw validate: warning: ");
        // a sweep, with the point it compares at
        JsonNode sweep = waitFor(post("api/fits/" + id + "/sensitivity", "{\"options\": {\"compute\": \"1e22\"}}")
                .json().path("id").asLong(), "done", "failed");
        assertThat(sweep.path("state").asText()).as(sweep.toString()).isEqualTo("done");
        assertThat(sweep.path("result").path("compute_flops").asDouble()).isEqualTo(1e22);
        assertThat(sweep.path("result").path("outcomes").size()).isEqualTo(sweep.path("result").path("choices").asInt());
        assertThat(sweep.path("total").asInt()).isEqualTo(sweep.path("result").path("choices").asInt());
        // cancelled between two of its refits
        long again = post("api/fits/" + id + "/sensitivity", "{}").json().path("id").asLong();
        waitFor(again, "running");
        assertThat(post("api/jobs/" + again + "/cancel", "").status()).isEqualTo(200);
        assertThat(waitFor(again, "cancelled", "done").path("state").asText()).isEqualTo("cancelled");

        // bad input: the option's name, the format, a validate without a way to hold rows out (the job's one line)
        Reply file = post("api/fits/" + id + "/validate", "{\"options\": {\"plot\": \"v.png\"}}");
        assertThat(file.status()).isEqualTo(400);
        assertThat(file.error()).contains("\"plot\"").contains("holdout, leave-largest-out, level, replicates, rollout");
        assertThat(post("api/fits/" + id + "/sensitivity", "{\"format\": \"html\"}").status()).isEqualTo(400);
        assertThat(post("api/fits/999/validate", "{}").status()).isEqualTo(404);
        JsonNode none = waitFor(post("api/fits/" + id + "/validate", "{}").json().path("id").asLong(), "done", "failed");
        assertThat(none.path("state").asText()).isEqualTo("failed");
        assertThat(none.path("error").asText()).doesNotContain("\n").contains("--holdout");
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "api/fits/" + id + "/validate"))
                .header("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.ofString("{}"))).status()).isEqualTo(403);
    }

    @Test
    void aBootstrapRunsAsAJobWithProgressAndCanBeCancelled() throws Exception {
        start();
        long id = fitChinchilla();
        Reply started = post("api/fits/" + id + "/bootstrap", "{\"options\": {\"replicates\": 20}}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        long job = started.json().path("id").asLong();
        JsonNode done = waitFor(job, "done", "failed");
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("done");
        assertThat(done.path("done").asInt()).isEqualTo(20);
        assertThat(done.path("result").path("slaw_bootstrap").asInt()).isEqualTo(1);
        assertThat(get("api/jobs").json().size()).isEqualTo(1);

        Reply big = post("api/fits/" + id + "/bootstrap", "{\"options\": {\"replicates\": 100000}}");
        long second = big.json().path("id").asLong();
        waitFor(second, "running");
        Reply cancel = post("api/jobs/" + second + "/cancel", "");
        assertThat(cancel.status()).isEqualTo(200);
        JsonNode cancelled = waitFor(second, "cancelled");
        assertThat(cancelled.path("done").asInt()).isLessThan(100000);
        assertThat(cancelled.path("error").asText()).isEqualTo("cancelled by a client");

        assertThat(post("api/fits/" + id + "/bootstrap", "{\"options\": {\"replicates\": \"many\"}}").json()
                .path("id").asLong()).isPositive(); // a bad option fails the job, in one line
        JsonNode failed = waitFor(second + 1, "failed");
        assertThat(failed.path("error").asText()).contains("many");
        assertThat(post("api/fits/" + id + "/bootstrap", "{\"options\": {\"out\": \"b.json\"}}").status()).isEqualTo(400);
        assertThat(get("api/jobs/999").status()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "api/jobs/999")).DELETE()).status()).isEqualTo(404);
    }

    @Test
    void aJobNobodyAsksAboutIsCancelled() throws Exception {
        start(Workbench.Settings.of(dir.resolve("runs.duckdb")).withPort(0).withAbandonJobsAfterMillis(1500));
        long id = fitChinchilla();
        long job = post("api/fits/" + id + "/bootstrap", "{\"options\": {\"replicates\": 100000}}").json().path("id").asLong();
        Thread.sleep(4000); // the client went away
        JsonNode j = waitFor(job, "cancelled");
        assertThat(j.path("error").asText()).contains("no client asked");
    }

    @Test
    void aStoreHeldByAnotherProcessIs409() throws Exception {
        start();
        Path db = dir.resolve("runs.duckdb");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Djava.io.tmpdir=" + dir, HoldStore.class.getName(), db.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(r.readLine()).isEqualTo("holding");
            Reply locked = upload("chinchilla", Files.readAllBytes(Path.of(CHINCHILLA)));
            assertThat(locked.status()).as(locked.body()).isEqualTo(409);
            assertThat(locked.error()).containsIgnoringCase("lock");
        } finally {
            holder.destroy();
            holder.waitFor();
        }
        assertThat(upload("chinchilla", Files.readAllBytes(Path.of(CHINCHILLA))).status()).isEqualTo(201);
    }

    /** The OLMo ladder as a researcher would zip it: its config and its folder of runs, paths kept. */
    static byte[] ladderZip() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("olmo-ladder/configs/final.json"));
            zip.write(Files.readAllBytes(Path.of(LADDER).resolve("../../configs/final.json")));
            try (var runs = Files.list(Path.of(LADDER))) {
                for (Path run : runs.sorted().toList()) {
                    zip.putNextEntry(new java.util.zip.ZipEntry("olmo-ladder/data/ladder-runs/" + run.getFileName()));
                    zip.write(Files.readAllBytes(run));
                }
            }
        }
        return bytes.toByteArray();
    }

    static final String LADDER = "../examples/olmo-ladder/data/ladder-runs";

    /** A zip of these entries, each "{}". */
    static byte[] zipOf(String... names) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            for (String name : names) {
                zip.putNextEntry(new java.util.zip.ZipEntry(name));
                zip.write("{}".getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toByteArray();
    }

    Reply uploadLadder(String query, byte[] zip) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + "api/ladders?" + query)).POST(HttpRequest.BodyPublishers.ofByteArray(zip)));
    }

    @Test
    void aLadderUploadedAsAZipIsChainedAsAJobLikeTheCommandLine() throws Exception {
        start();
        Reply up = uploadLadder("name=olmo", ladderZip());
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        assertThat(up.json().path("runs").size()).isEqualTo(16);
        assertThat(up.json().path("target").path("name").asText()).isEqualTo("13B-5T");
        assertThat(get("api/ladders").json().get(0).path("runs").asInt()).isEqualTo(16);
        String tasks = "mmlu_avg_test_5shot,piqa_val_5shot";
        JsonNode done = waitFor(post("api/ladders/olmo/chain", "{\"format\": \"text\", \"options\": {\"tasks\": \"" + tasks
                + "\", \"replicates\": 20}}").json().path("id").asLong(), "done", "failed");
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("done");
        // the joint bootstrap's replicates of every task are the job's progress
        assertThat(done.path("done").asInt()).isEqualTo(40);
        assertThat(done.path("total").asInt()).isEqualTo(40);
        assertThat(done.path("result").path("text").asText())
                .isEqualTo(cli("chain", LADDER, "--tasks=" + tasks, "--replicates=20").replace(LADDER, "olmo"));
        JsonNode json = waitFor(post("api/ladders/olmo/chain", "{\"plot\": true, \"options\": {\"tasks\": \"piqa_val_5shot\"}}")
                .json().path("id").asLong(), "done", "failed");
        // the picture's numbers: chained against actual accuracy, beside step 1's bpb
        JsonNode panels = json.path("result").path("figure").path("panels");
        assertThat(panels.size()).isEqualTo(2);
        assertThat(panels.get(0).path("title").asText()).isEqualTo("Chained accuracy of 13B-5T against its actual accuracy");
        assertThat(panels.get(0).path("series").get(0).path("label").asText()).isEqualTo("piqa_val_5shot");
        assertThat(panels.get(0).path("series").get(0).path("y").get(0).asDouble())
                .isEqualTo(json.path("result").path("tasks").get(0).path("accuracy_chained").asDouble());
        assertThat(json.path("result").path("tasks").get(0).path("task").asText()).as(json.toString()).isEqualTo("piqa_val_5shot");
        assertThat(json.path("result").path("source").asText()).isEqualTo("olmo");
        assertThat(json.toString()).doesNotContain(workbench.files().toString());
    }

    @Test
    void badLaddersAreOneLineAndLeaveNothing() throws Exception {
        start(Workbench.Settings.of(dir.resolve("runs.duckdb")).withPort(0).withMaxUpload(1_000_000));
        Path ladders = workbench.files().resolve("ladders");
        assertThat(uploadLadder("name=x", "loss\n1\n".getBytes(StandardCharsets.UTF_8)).error()).startsWith("the upload is not a zip archive");
        assertThat(uploadLadder("name=x", zipOf("configs/final.json", "extra/other.json")).error())
                .isEqualTo("the archive has 2 JSON files (configs/final.json, extra/other.json): the ladder needs exactly one config");
        assertThat(uploadLadder("name=x", zipOf("../../$(evil).json")).error()).startsWith("archive entry \"../../$(evil).json\": a run or config file is named");
        assertThat(uploadLadder("name=x", zipOf("runs/190M-1xC.csv", "README.md")).error())
                .isEqualTo("the archive has no config JSON (the ladder's configs/final.json): add it to the zip");
        assertThat(uploadLadder("name=x", zipOf("../final.json")).error()).isEqualTo("../final.json: no entry of mode train lists a run");
        assertThat(uploadLadder("name=../x", zipOf("final.json")).status()).isEqualTo(400);
        // 765 kB zipped, 1.8 MB unpacked: over a cap of 1 MB once unpacked
        Reply big = uploadLadder("name=x", ladderZip());
        assertThat(big.status()).as(big.body()).isEqualTo(413);
        assertThat(big.error()).startsWith("upload refused: the archive unpacks to more than the cap of 1000000 bytes");
        try (var left = Files.list(ladders)) {
            assertThat(left.toList()).isEmpty();
        }
        assertThat(get("api/ladders/x").status()).isEqualTo(404);
        assertThat(post("api/ladders/x/chain", "{}").error()).startsWith("no ladder \"x\": upload its run CSVs and config JSON as one zip");
    }

    @Test
    void aLadderIsReplacedOnlyWhenAskedAndDeleted() throws Exception {
        start();
        assertThat(uploadLadder("name=olmo", ladderZip()).status()).isEqualTo(201);
        Reply again = uploadLadder("name=olmo", ladderZip());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).isEqualTo("ladder \"olmo\" exists; upload with replace=true to replace it");
        assertThat(uploadLadder("name=olmo&replace=true", ladderZip()).status()).isEqualTo(201);
        Reply option = post("api/ladders/olmo/chain", "{\"options\": {\"config\": \"/etc/passwd\"}}");
        assertThat(option.status()).isEqualTo(400);
        assertThat(option.error()).startsWith("option \"config\" is not one the workbench takes for slaw chain");
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "api/ladders/olmo")).DELETE()).status()).isEqualTo(200);
        assertThat(get("api/ladders/olmo").status()).isEqualTo(404);
        assertThat(get("api/ladders").json().size()).isZero();
    }

    @Test
    void theOpenApiDocumentNamesEveryEndpoint() throws Exception {
        start();
        Reply api = get("openapi.json");
        assertThat(api.status()).isEqualTo(200);
        JsonNode paths = api.json().path("paths");
        assertThat(paths.has("/api/datasets")).isTrue();
        for (String p : List.of("/api/laws", "/api/laws/{name}", "/api/datasets/{name}", "/api/fits", "/api/fits/{id}",
                "/api/fits/{id}/rows", "/api/fits/{id}/predict", "/api/formula", "/api/fits/{id}/plan", "/api/fits/{id}/bootstrap", "/api/jobs", "/api/jobs/{id}",
                "/api/jobs/{id}/cancel", "/api/ladders", "/api/ladders/{name}", "/api/ladders/{name}/chain")) {
            assertThat(paths.has(p)).as(p).isTrue();
        }
        assertThat(get("").status()).isEqualTo(200);
    }

    @Test
    void twentyClientsFitAtOnceAndGetTheCommandLinesFit() throws Exception {
        start();
        assertThat(upload("chinchilla", Files.readAllBytes(Path.of(CHINCHILLA))).status()).isEqualTo(201);
        JsonNode cli = JSON.readTree(cli(concat(new String[]{"fit", CHINCHILLA, "--json"}, CLI_OPTIONS)));
        ExecutorService clients = Executors.newFixedThreadPool(20);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Callable<Reply> c = () -> post("api/fits", "{\"dataset\": \"chinchilla\", \"options\": " + OPTIONS + "}");
                replies.add(clients.submit(c));
            }
            for (Future<Reply> f : replies) {
                Reply r = f.get();
                assertThat(r.status()).as(r.body()).isEqualTo(201);
                assertThat(r.json().path("fit").get("parameters")).isEqualTo(cli.get("parameters"));
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(get("api/fits").json().size()).isEqualTo(20);
    }
}
