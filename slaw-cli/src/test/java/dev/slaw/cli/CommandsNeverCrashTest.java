package dev.slaw.cli;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command, on generated bad input (random bytes, truncated and ragged tables, edited fit
 * files, deep nesting), ends with exit code 0, 1 or 2, no exception or stack trace on stderr,
 * and no output file after a non-zero exit.
 */
class CommandsNeverCrashTest {

    private static final String LADDER = NeverLoseNeverCorruptTest.LADDER;
    private static final String LAW = NeverLoseNeverCorruptTest.LAW;
    private static final List<String> EXTENSIONS = List.of(".csv", ".tsv", ".json", ".jsonl", ".txt");
    /** Values an edit puts in place of a number in a fit file. */
    private static final List<String> EDITS = List.of("\"abc\"", "null", "true", "-1e400", "[]", "{}", "1e308", "\"\"",
            "-0", "[[[[[[1]]]]]]");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    private static Path dir;
    private static String fitJson;
    private static String bootstrapJson;
    private static int counter;

    @BeforeContainer
    static void fitOnce() throws IOException {
        dir = Files.createTempDirectory("slaw-never-crash");
        Path data = dir.resolve("ladder.csv");
        Files.writeString(data, LADDER);
        Path fit = dir.resolve("fit.json");
        Result r = run("fit", data.toString(), "--law", LAW, "--starts", "lhs:10", "--out", fit.toString());
        assertThat(r.code()).as(r.err()).isZero();
        fitJson = Files.readString(fit);
        Path boot = dir.resolve("boot.json");
        Result b = run("bootstrap", data.toString(), "--law", LAW, "--starts", "lhs:3", "--replicates", "5",
                "--out", boot.toString());
        assertThat(b.code()).as(b.err()).isZero();
        bootstrapJson = Files.readString(boot);
    }

    @AfterContainer
    static void clean() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** A bad input: file content and the extension it is saved under. */
    record Input(String what, byte[] bytes, String extension) {
        @Override
        public String toString() {
            return what + " as " + extension + " (" + bytes.length + " bytes)";
        }
    }

    @Provide
    Arbitrary<Input> badInputs() {
        Arbitrary<String> ext = Arbitraries.of(EXTENSIONS);
        Arbitrary<Input> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(400).flatMap(b ->
                ext.map(e -> new Input("random bytes", b, e)));
        Arbitrary<Input> truncated = Arbitraries.integers().between(0, LADDER.length() - 1).flatMap(n ->
                ext.map(e -> new Input("truncated table", LADDER.substring(0, n).getBytes(StandardCharsets.UTF_8), e)));
        Arbitrary<Input> ragged = Arbitraries.integers().between(0, 1000).list().ofMinSize(1).ofMaxSize(6).flatMap(cuts ->
                ext.map(e -> new Input("ragged table", ragged(cuts).getBytes(StandardCharsets.UTF_8), e)));
        Arbitrary<Input> editedFit = Arbitraries.integers().between(0, 10_000).flatMap(at ->
                Arbitraries.of(EDITS).map(edit -> new Input("edited fit (" + edit + ")", edited(fitJson, at, edit), ".json")));
        Arbitrary<Input> editedBootstrap = Arbitraries.integers().between(0, 20_000).flatMap(at ->
                Arbitraries.of(EDITS).map(edit -> new Input("edited bootstrap (" + edit + ")",
                        edited(bootstrapJson, at, edit), ".json")));
        Arbitrary<Input> truncatedFit = Arbitraries.integers().between(0, 4000).map(n ->
                new Input("truncated fit", fitJson.substring(0, Math.min(n, fitJson.length()))
                        .getBytes(StandardCharsets.UTF_8), ".json"));
        Arbitrary<Input> deep = Arbitraries.integers().between(300, 3000).flatMap(n ->
                Arbitraries.of("[", "{\"a\":", "(").map(open -> new Input("nested " + n + " deep",
                        nested(open, n).getBytes(StandardCharsets.UTF_8), open.equals("(") ? ".csv" : ".jsonl")));
        return Arbitraries.oneOf(random, truncated, ragged, editedFit, editedBootstrap, truncatedFit, deep);
    }

    /** The ladder with cells moved, doubled and cut at the given places. */
    private static String ragged(List<Integer> cuts) {
        StringBuilder s = new StringBuilder(LADDER);
        for (int c : cuts) {
            int at = c % s.length();
            switch (c % 4) {
                case 0 -> s.insert(at, ',');
                case 1 -> s.deleteCharAt(at);
                case 2 -> s.insert(at, "\n");
                default -> s.insert(at, "\"");
            }
        }
        return s.toString();
    }

    /** A saved file with the number nearest {@code at} replaced by {@code edit}. */
    private static byte[] edited(String json, int at, String edit) {
        Matcher m = NUMBER.matcher(json);
        int start = at % json.length();
        if (!m.find(start) && !m.find(0)) {
            return json.getBytes(StandardCharsets.UTF_8);
        }
        return (json.substring(0, m.start()) + edit + json.substring(m.end())).getBytes(StandardCharsets.UTF_8);
    }

    private static String nested(String open, int depth) {
        if (open.equals("(")) {
            // a table whose header and cell are deep formulas-to-be
            return "N,loss\n" + "(".repeat(depth) + "1" + ")".repeat(depth) + ",3\n";
        }
        String close = open.equals("[") ? "]" : "}";
        return open.repeat(depth) + "1" + close.repeat(depth) + "\n";
    }

    @Property(tries = 50, seed = "20261206")
    void everyCommandEndsCleanlyOnBadInput(@ForAll("badInputs") Input input) throws IOException {
        Path work = Files.createDirectory(dir.resolve("try" + (++counter)));
        Path file = work.resolve("input" + input.extension());
        Files.write(file, input.bytes());
        Path data = work.resolve("ladder.csv");
        Files.writeString(data, LADDER);
        Path out = work.resolve("out");
        Files.createDirectory(out);
        String f = file.toString();
        String deepWhere = "(".repeat(400) + "N" + ")".repeat(400) + " > 0";
        List<String[]> commands = List.of(
                new String[]{"fit", f, "--law", LAW, "--starts", "lhs:3", "--out", out.resolve("fit.json").toString(),
                        "--plot", out.resolve("fit.png").toString()},
                new String[]{"fit", data.toString(), "--law", LAW, "--starts", "lhs:3", "--where", deepWhere,
                        "--out", out.resolve("where.json").toString()},
                new String[]{"import", f, "--name", "bad", "--db", out.resolve("runs.duckdb").toString()},
                new String[]{"predict", f, "N=1e9"},
                new String[]{"predict", fitFile(work).toString(), "--at", f},
                new String[]{"plan", f, "--target-loss", "3"},
                new String[]{"report", data.toString(), "--fit", f, "--out", out.resolve("report.html").toString()},
                new String[]{"report", data.toString(), "--law", LAW, "--starts", "lhs:2", "--bootstrap", f,
                        "--out", out.resolve("report-boot.html").toString()},
                new String[]{"bootstrap", f, "--law", LAW, "--starts", "lhs:2", "--replicates", "3",
                        "--out", out.resolve("boot.json").toString()},
                new String[]{"curve", "fit", f},
                new String[]{"observe", f, "--target", "loss"},
                new String[]{"validate", f, "--law", LAW, "--starts", "lhs:2"},
                new String[]{"chain", f, "--step1", "compute"},
                new String[]{"chain", "../examples/olmo-ladder/data/ladder-runs", "--config", f, "--step1",
                        "loss-to-loss:c4_en-validation", "--step2", "error-exp", "--single-step", "--starts", "lhs:2"});
        for (String[] command : commands) {
            List<String> before = listing(out);
            Result r = run(command);
            String what = String.join(" ", command).replace(deepWhere, "((...N...)) > 0") + " on " + input;
            assertThat(r.code()).as(what + ": " + r.err()).isIn(0, 1, 2);
            assertThat(r.err()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
            if (r.code() != 0) {
                assertThat(listing(out)).as(what + " wrote after failing").isEqualTo(before);
            }
        }
    }

    private static Path fitFile(Path work) throws IOException {
        Path p = work.resolve("good-fit.json");
        if (!Files.exists(p)) {
            Files.writeString(p, fitJson);
        }
        return p;
    }

    /** The files of a folder, the store's own files left out (a failed import leaves the store as it was). */
    private static List<String> listing(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
