package dev.slaw.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's headless Chromium driven over the DevTools protocol (a WebSocket; no driver
 * binary): evaluate script, move the mouse, set a file input, take screenshots, and collect
 * every console error and uncaught exception of the page.
 */
final class DevTools implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process chromium;
    private final WebSocket socket;
    private final AtomicInteger nextId = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    final List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();

    private DevTools(Process chromium, WebSocket socket) {
        this.chromium = chromium;
        this.socket = socket;
    }

    static DevTools open(String url, Path work, int width, int height) throws Exception {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install Debian's chromium (apt-get install -y chromium)");
        }
        Path profile = Files.createTempDirectory(work, "chromium-profile");
        Process p = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--user-data-dir=" + profile, "--remote-debugging-port=0",
                "--remote-allow-origins=*", "--window-size=" + width + "," + height, "about:blank")
                .redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        String browser = null;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (browser == null && System.nanoTime() < end && (line = r.readLine()) != null) {
            int at = line.indexOf("ws://");
            if (line.contains("DevTools listening on") && at >= 0) {
                browser = line.substring(at).strip();
            }
        }
        if (browser == null) {
            p.destroyForcibly();
            throw new IllegalStateException("chromium did not say where DevTools listens");
        }
        Thread drain = new Thread(() -> {
            try {
                while (r.readLine() != null) {
                    // Chromium's own log; the page's errors come over the protocol
                }
            } catch (IOException ignored) {
                // the browser closed
            }
        });
        drain.setDaemon(true);
        drain.start();
        URI ws = URI.create(browser);
        HttpClient http = HttpClient.newHttpClient();
        String list = http.send(HttpRequest.newBuilder(URI.create("http://" + ws.getAuthority() + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String pageSocket = null;
        for (JsonNode t : JSON.readTree(list)) {
            if (t.path("type").asText().equals("page")) {
                pageSocket = t.path("webSocketDebuggerUrl").asText();
            }
        }
        Listener listener = new Listener();
        WebSocket socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20))
                .buildAsync(URI.create(pageSocket), listener).get(30, TimeUnit.SECONDS);
        DevTools d = new DevTools(p, socket);
        listener.owner = d;
        d.call("Runtime.enable", Map.of());
        d.call("Log.enable", Map.of());
        d.call("Page.enable", Map.of());
        d.call("Page.navigate", Map.of("url", url));
        return d;
    }

    private static final class Listener implements WebSocket.Listener {
        volatile DevTools owner;
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                try {
                    owner.receive(JSON.readTree(message));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            ws.request(1);
            return null;
        }
    }

    private void receive(JsonNode m) {
        if (m.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
            if (f != null) {
                f.complete(m);
            }
            return;
        }
        String method = m.path("method").asText();
        JsonNode p = m.path("params");
        if (method.equals("Runtime.exceptionThrown")) {
            errors.add("uncaught: " + p.path("exceptionDetails").toString());
        } else if (method.equals("Runtime.consoleAPICalled") && (p.path("type").asText().equals("error")
                || p.path("type").asText().equals("warning"))) {
            errors.add("console." + p.path("type").asText() + ": " + p.path("args").toString());
        } else if (method.equals("Log.entryAdded") && p.path("entry").path("level").asText().equals("error")) {
            errors.add("log: " + p.path("entry").path("text").asText() + " " + p.path("entry").path("url").asText());
        }
    }

    /** Sends a protocol command and waits for its result. */
    JsonNode call(String method, Map<String, Object> params) throws Exception {
        int id = nextId.incrementAndGet();
        ObjectNode m = JSON.createObjectNode().put("id", id).put("method", method);
        m.set("params", JSON.valueToTree(params));
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        socket.sendText(JSON.writeValueAsString(m), true).get(30, TimeUnit.SECONDS);
        JsonNode reply = f.get(60, TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IllegalStateException(method + ": " + reply.get("error"));
        }
        return reply.path("result");
    }

    /** The value of a script expression in the page (awaited when it is a promise). */
    JsonNode eval(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException(expression + ": " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** Waits until the expression is true in the page. */
    void waitUntil(String expression, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            if (eval("!!(" + expression + ")").asBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the page never had " + expression + "; errors: " + errors);
    }

    /** Puts a file into a file input, as a user choosing it would. */
    void chooseFile(String selector, Path file) throws Exception {
        JsonNode doc = call("DOM.getDocument", Map.of());
        int node = call("DOM.querySelector", Map.of("nodeId", doc.path("root").path("nodeId").asInt(), "selector", selector))
                .path("nodeId").asInt();
        call("DOM.setFileInputFiles", Map.of("nodeId", node, "files", List.of(file.toAbsolutePath().normalize().toString())));
        eval("document.querySelector('" + selector + "').dispatchEvent(new Event('change'))");
    }

    /** Moves the mouse to a point of the page. */
    void hover(double x, double y) throws Exception {
        call("Input.dispatchMouseEvent", Map.of("type", "mouseMoved", "x", x, "y", y));
    }

    /** A screenshot of the page as it is now. */
    void screenshot(Path png) throws Exception {
        JsonNode r = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        Files.createDirectories(png.getParent());
        Files.write(png, Base64.getDecoder().decode(r.path("data").asText()));
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the browser goes anyway
        }
        chromium.destroy();
        try {
            if (!chromium.waitFor(10, TimeUnit.SECONDS)) {
                chromium.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
