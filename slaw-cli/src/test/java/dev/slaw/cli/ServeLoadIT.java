package dev.slaw.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slaw.server.Workbench;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded load test of the workbench on loopback (it stops by itself: at most
 * four rounds of predictions of 8 s each, 3 timed README fits, one round of 20 concurrent fits). Its figures go to
 * standard output and target/serve-load.txt, for BENCHMARKS.md. It takes minutes, so it runs
 * only when asked: {@code mvn -B -o verify -pl slaw-cli -am -Dtest=None -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=ServeLoadIT -Dslaw.load=true} ({@code -Dslaw.load.fits=false}: the predictions only).
 */
@EnabledIfSystemProperty(named = "slaw.load", matches = "true")
class ServeLoadIT {
    static final String README_FIT = "{\"dataset\": \"chinchilla\", \"options\": {\"law\": \"chinchilla\", "
            + "\"map\": {\"N\": \"Model Size\"}, \"derive\": {\"D\": \"Training FLOP / (6*N)\"}, \"target\": \"loss\", "
            + "\"drop-highest\": \"loss=5\", \"starts\": \"chinchilla\"}}";

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(600))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void predictionsReadmeFitAndTwentyConcurrentFits() throws Exception {
        Path work = Files.createDirectories(Path.of("target/serve-load-it"));
        Path db = work.resolve("runs-" + System.nanoTime() + ".duckdb");
        List<String> report = new ArrayList<>();
        try (Workbench workbench = new Workbench(Workbench.Settings.of(db).withPort(0), ServeCommand.COMMANDS)) {
            String base = workbench.start();
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "api/datasets?name=chinchilla"))
                    .POST(HttpRequest.BodyPublishers.ofFile(Path.of(ServeApiTest.CHINCHILLA))).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);

            // the README's fit through the API: one warm-up, three timed
            double[] fitSeconds = new double[3];
            long id = 0;
            for (int i = -1; i < 3; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = post(base + "api/fits", README_FIT);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                if (i >= 0) {
                    fitSeconds[i] = (System.nanoTime() - t0) / 1e9;
                }
                id = ServeApiTest.JSON.readTree(r.body()).path("id").asLong();
            }
            Arrays.sort(fitSeconds);
            report.add(String.format("README fit through the API (4,500 starts): min %.2f s, median %.2f s, max %.2f s",
                    fitSeconds[0], fitSeconds[1], fitSeconds[2]));

            // predictions: 8 clients, each round at most 20,000 requests or 8 s; rounds alternate
            // between slaw predict run per request and the fits kept in memory, so both meet the
            // same machine load
            String predict = base + "api/fits/" + id + "/predict";
            for (int round = 0; round < 4; round++) {
                boolean keep = round % 2 == 1;
                ServedPredictions.keepFits = keep;
                try {
                    report.add(predictions(predict, keep ? "fits kept in memory" : "slaw predict per request"));
                } finally {
                    ServedPredictions.keepFits = true;
                }
            }
            if ("false".equals(System.getProperty("slaw.load.fits"))) {
                report.forEach(System.out::println);
                Files.write(Path.of("target/serve-load.txt"), report);
                return;
            }

            // 20 clients fitting at once (the README's recipe with the law's default starts)
            String fit = README_FIT.replace(", \"starts\": \"chinchilla\"", "");
            ExecutorService twenty = Executors.newFixedThreadPool(20);
            long t1 = System.nanoTime();
            List<Future<HttpResponse<String>>> fits = new ArrayList<>();
            for (int c = 0; c < 20; c++) {
                fits.add(twenty.submit(() -> post(base + "api/fits", fit)));
            }
            JsonNode first = null;
            int errors = 0;
            for (Future<HttpResponse<String>> f : fits) {
                HttpResponse<String> r = f.get();
                if (r.statusCode() != 201) {
                    errors++;
                    continue;
                }
                JsonNode params = ServeApiTest.JSON.readTree(r.body()).path("fit").path("parameters");
                if (first == null) {
                    first = params;
                }
                assertThat(params).isEqualTo(first);
            }
            report.add(String.format("20 concurrent fits (default starts): all answered in %.1f s, %d errors, identical parameters",
                    (System.nanoTime() - t1) / 1e9, errors));
            assertThat(errors).isZero();
            twenty.shutdownNow();
        }
        report.forEach(System.out::println);
        Files.write(Path.of("target/serve-load.txt"), report);
    }

    /** One round of predictions by 8 clients: at most 20,000 or 8 s. */
    String predictions(String predict, String how) throws Exception {
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long deadline = System.nanoTime() + 8_000_000_000L;
        ExecutorService clients = Executors.newFixedThreadPool(8);
        long t0 = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            running.add(clients.submit(() -> {
                while (System.nanoTime() < deadline && sent.incrementAndGet() <= 20_000) {
                    double n = 1e8 * (1 + sent.get() % 1000);
                    HttpResponse<String> r = post(predict, "{\"point\": {\"N\": " + n + ", \"D\": 1.4e12}}");
                    if (r.statusCode() != 200 || !r.body().contains("\"loss\"")) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        clients.shutdownNow();
        double seconds = (System.nanoTime() - t0) / 1e9;
        int done = Math.min(sent.get(), 20_000);
        assertThat(failed.get()).isZero();
        return String.format("predictions (%s): %d in %.1f s by 8 clients = %.0f per second, %d failed", how, done, seconds,
                done / seconds, failed.get());
    }
}
