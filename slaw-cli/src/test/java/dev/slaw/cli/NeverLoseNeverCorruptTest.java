package dev.slaw.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The issue "Never lose, never corrupt, never crash", finding by finding: the run store, output
 * files, fit files, readers and the top-level handler, each reproduced as the issue states it.
 */
class NeverLoseNeverCorruptTest {

    /** A small ladder that E + A*N^-alpha fits quickly. */
    static final String LADDER = "N,loss\n1e6,4.0\n2e6,3.7\n4e6,3.45\n8e6,3.25\n1.6e7,3.1\n3.2e7,2.98\n";
    static final String LAW = "E + A*N^-alpha";

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private String s(Path p) {
        return p.toString();
    }

    private List<String> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private Path fitFile() throws IOException {
        Path data = write("ladder.csv", LADDER);
        Path fit = dir.resolve("fit.json");
        Result r = run("fit", s(data), "--law", LAW, "--starts", "lhs:20", "--out", s(fit));
        assertThat(r.code()).as(r.err()).isZero();
        return fit;
    }

    private static void assertOneCleanLine(Result r) {
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
    }

    // ---- the run store

    @Test
    void aNameThatDiffersOnlyInCaseIsRefusedUnlessReplaced() throws IOException {
        Path db = dir.resolve("runs.duckdb");
        Path good = write("good.csv", "N,loss\n1e8,3.2\n2e8,3.0\n");
        Path other = write("GOOD.csv", "N,loss\n1e8,3.2\n2e8,3.0\n4e8,2.9\n");
        assertThat(run("import", s(good), "--name", "good", "--db", s(db)).code()).isZero();

        Result clash = run("import", s(other), "--name", "GOOD", "--db", s(db));
        assertThat(clash.code()).isEqualTo(2);
        assertThat(clash.err()).contains("dataset \"good\" is already stored", "--replace");
        Result sql = run("sql", "select count(*) from dataset_good", "--db", s(db), "--csv");
        assertThat(sql.out()).isEqualTo("count_star()\n2\n");

        assertThat(run("import", s(other), "--name", "GOOD", "--db", s(db), "--replace").code()).isZero();
        Result listed = run("sql", "select name, rows from slaw_datasets", "--db", s(db), "--csv");
        assertThat(listed.out()).isEqualTo("name,rows\nGOOD,3\n");
        assertThat(run("sql", "select count(*) from dataset_GOOD", "--db", s(db), "--csv").out())
                .isEqualTo("count_star()\n3\n");
    }

    @Test
    void aDbThatIsNotADuckDbFileIsRefusedAndLeftAsItWas() throws IOException {
        Path csv = write("ladder.csv", LADDER);
        Result imported = run("import", s(csv), "--name", "ladder", "--db", s(csv));
        assertThat(imported.code()).isEqualTo(2);
        assertThat(imported.out()).doesNotContain("imported");
        assertThat(imported.err()).contains("ladder.csv: not a DuckDB run store");
        Result saved = run("fit", s(csv), "--law", LAW, "--starts", "lhs:5", "--save", "--db", s(csv));
        assertThat(saved.code()).isEqualTo(2);
        assertThat(saved.err()).doesNotContain("saved as fit").contains("not a DuckDB run store");
        assertThat(Files.readString(csv)).isEqualTo(LADDER);
    }

    @Test
    void sqlIsReadOnlyUnlessWriteIsGiven() throws IOException {
        Path db = dir.resolve("runs.duckdb");
        Path csv = write("ladder.csv", LADDER);
        assertThat(run("import", s(csv), "--name", "ladder", "--db", s(db)).code()).isZero();

        for (String statement : List.of("drop table fits", "delete from slaw_datasets",
                "copy slaw_datasets to '" + dir.resolve("leak.csv") + "'")) {
            Result r = run("sql", statement, "--db", s(db));
            assertThat(r.code()).as(statement).isEqualTo(2);
            assertThat(r.err()).contains("pass --write");
        }
        assertThat(dir.resolve("leak.csv")).doesNotExist();
        assertThat(run("sql", "select name from slaw_datasets", "--db", s(db), "--csv").out()).isEqualTo("name\nladder\n");

        Result written = run("sql", "drop table fits", "--db", s(db), "--write");
        assertThat(written.code()).as(written.err()).isZero();
    }

    @Test
    void sqlNamesADatasetByItsNameWithoutWritingTheStore() throws IOException {
        Path db = dir.resolve("runs.duckdb");
        Path csv = write("ladder.csv", LADDER);
        assertThat(run("import", s(csv), "--name", "ladder", "--db", s(db)).code()).isZero();
        byte[] before = Files.readAllBytes(db);

        Result r = run("sql", "select count(*) as n from ladder", "--db", s(db), "--csv");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("n\n6\n");
        assertThat(Files.readAllBytes(db)).isEqualTo(before);
        assertThat(run("sql", "select count(*) as n from dataset_ladder", "--db", s(db), "--csv").out())
                .isEqualTo("n\n6\n");
    }

    @Test
    void runsRmRemovesTheTableAndItsCatalogueEntryTogether() throws IOException {
        Path db = dir.resolve("runs.duckdb");
        Path csv = write("ladder.csv", LADDER);
        assertThat(run("import", s(csv), "--name", "ladder", "--db", s(db)).code()).isZero();
        assertThat(run("import", s(csv), "--name", "kept", "--db", s(db)).code()).isZero();

        Result removed = run("runs", "rm", "ladder", "--db", s(db));
        assertThat(removed.code()).as(removed.err()).isZero();
        assertThat(removed.out()).contains("removed \"ladder\" (6 rows)");
        assertThat(run("sql", "select table_name from information_schema.tables where table_name like 'dataset_%'",
                "--db", s(db), "--csv").out()).isEqualTo("table_name\ndataset_kept\n");
        assertThat(run("runs", "--db", s(db)).out()).contains("\nkept ").doesNotContain("\nladder ");
        assertThat(run("runs", "rm", "ladder", "--db", s(db)).code()).isEqualTo(2);
    }

    @Test
    void fitsRmRemovesASavedFit() throws IOException {
        Path db = dir.resolve("runs.duckdb");
        Path csv = write("ladder.csv", LADDER);
        Result fit = run("fit", s(csv), "--law", LAW, "--starts", "lhs:5", "--save", "--db", s(db));
        assertThat(fit.code()).as(fit.err()).isZero();
        assertThat(fit.err()).contains("saved as fit 1");
        assertThat(run("fits", "--db", s(db)).out()).contains(LAW);

        Result removed = run("fits", "rm", "1", "--db", s(db));
        assertThat(removed.code()).as(removed.err()).isZero();
        assertThat(removed.out()).contains("removed fit 1");
        assertThat(run("fits", "--db", s(db)).out()).contains("no fits saved");
        assertThat(run("fits", "rm", "1", "--db", s(db)).err()).contains("no fit with id 1");
    }

    @Test
    void readOnlyCommandsChangeNeitherTheStoreNorItsCatalogueCopy() throws IOException, InterruptedException {
        Path db = dir.resolve("runs.duckdb");
        Path csv = write("ladder.csv", LADDER);
        assertThat(run("import", s(csv), "--name", "ladder", "--db", s(db)).code()).isZero();
        Path copy = dir.resolve("runs.duckdb.runs.toml");
        byte[] dbBytes = Files.readAllBytes(db);
        FileTime dbTime = Files.getLastModifiedTime(db);
        FileTime copyTime = Files.getLastModifiedTime(copy);
        Thread.sleep(20); // a rewrite would get a later time stamp

        assertThat(run("sql", "select * from slaw_datasets", "--db", s(db)).code()).isZero();
        assertThat(run("fits", "--db", s(db)).code()).isZero();
        assertThat(run("fit", "ladder", "--law", LAW, "--starts", "lhs:3", "--db", s(db)).code()).isZero();
        Files.delete(copy); // without the copy, runs asks the database itself
        assertThat(run("runs", "--db", s(db)).out()).contains("ladder");

        assertThat(Files.getLastModifiedTime(db)).isEqualTo(dbTime);
        assertThat(Files.readAllBytes(db)).isEqualTo(dbBytes);
        assertThat(copy).doesNotExist();
        assertThat(copyTime).isNotNull();
    }

    // ---- output files

    @Test
    void aBadPlotFileIsRefusedBeforeAnyWorkAndNothingIsSaved() throws IOException {
        Path csv = write("ladder.csv", LADDER);
        Result r = run("fit", s(csv), "--law", LAW, "--out", s(dir.resolve("g.json")), "--plot", s(dir.resolve("g.pdf")));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("--plot", "g.pdf: a plot is written as .png, .svg or .json (its numbers)");
        assertThat(files()).containsExactly("ladder.csv");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--plot-size=10", "--frontier-plot=f.png", "--plot-x=Q", "--gtol=0"})
    void aCommandThatFailsLateLeavesNoFileBehind(String option) throws IOException {
        Path csv = write("ladder.csv", LADDER);
        List<String> args = new ArrayList<>(List.of("fit", s(csv), "--law", LAW, "--starts", "lhs:4",
                "--out", s(dir.resolve("fit.json")), "--plot", s(dir.resolve("new/fit.png")), "--ftol", "0"));
        args.add(option.replace("f.png", s(dir.resolve("f.png"))));
        Result r = run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isIn(1, 2);
        assertThat(r.err()).doesNotContain("Exception");
        assertThat(r.out()).doesNotContain("saved").doesNotContain("plotted");
        // no fit.json, no picture, no temporary file, and the folder made for the plot is gone again
        assertThat(files()).containsExactly("ladder.csv");
    }

    @Test
    void bootstrapAndReportLeaveNothingWhenTheirPictureFails() throws IOException {
        Path csv = write("ladder.csv", LADDER);
        Result boot = run("bootstrap", s(csv), "--law", LAW, "--starts", "lhs:3", "--replicates", "5",
                "--out", s(dir.resolve("boot.json")), "--plot", s(dir.resolve("b.png")), "--plot-x", "Q");
        assertThat(boot.code()).isEqualTo(2);
        Result report = run("report", s(csv), "--law", LAW, "--starts", "lhs:3", "--out", s(dir.resolve("r.html")),
                "--plot-size", "0x0");
        assertThat(report.code()).isEqualTo(2);
        assertThat(files()).containsExactly("ladder.csv");
    }

    @Test
    void anOutputThatNamesAFolderOrAPlaceInsideAFileIsRefusedBeforeAnyWork() throws IOException {
        Path csv = write("ladder.csv", LADDER);
        Files.createDirectory(dir.resolve("folder"));
        Result folder = run("fit", s(csv), "--law", LAW, "--out", s(dir.resolve("folder")));
        assertThat(folder.code()).isEqualTo(2);
        assertThat(folder.out()).isEmpty();
        assertThat(folder.err()).contains("--out", "is a folder");
        assertOneCleanLine(folder);
        Result inFile = run("fit", s(csv), "--law", LAW, "--plot", s(csv.resolve("p.png")));
        assertThat(inFile.code()).isEqualTo(2);
        assertThat(inFile.err()).contains("is a file, not a folder");
        Result twice = run("fit", s(csv), "--law", LAW, "--out", s(dir.resolve("a.png")), "--plot", s(dir.resolve("a.png")));
        assertThat(twice.err()).contains("both name");
    }

    @Test
    void outputsGetThePermissionsOfANewFileUnderTheUmask() throws IOException {
        Path fit = fitFile();
        Path fresh = Files.createFile(dir.resolve("fresh"));
        try {
            assertThat(Files.getPosixFilePermissions(fit)).isEqualTo(Files.getPosixFilePermissions(fresh));
        } catch (UnsupportedOperationException e) {
            return; // not a POSIX file system: nothing to compare
        }
        Path boot = dir.resolve("boot.json");
        assertThat(run("bootstrap", s(dir.resolve("ladder.csv")), "--law", LAW, "--starts", "lhs:3", "--replicates", "5",
                "--out", s(boot)).code()).isZero();
        assertThat(Files.getPosixFilePermissions(boot)).isEqualTo(Files.getPosixFilePermissions(fresh));
    }

    // ---- fit files

    @Test
    void predictBindsParametersByNameNotByTheirOrderInTheFile() throws IOException {
        Path fit = fitFile();
        String before = run("predict", s(fit), "N=1e9").out();
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = (ObjectNode) m.readTree(fit.toFile());
        ArrayNode params = (ArrayNode) root.get("parameters");
        ArrayNode reversed = m.createArrayNode();
        for (int i = params.size() - 1; i >= 0; i--) {
            reversed.add(params.get(i));
        }
        root.set("parameters", reversed);
        Path edited = write("reversed.json", root.toPrettyString());
        Result after = run("predict", s(edited), "N=1e9");
        assertThat(after.code()).as(after.err()).isZero();
        assertThat(after.out()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text value", "null value", "true value", "missing parameter", "unknown parameter",
            "twice", "format 2", "infinite bound"})
    void aDamagedFitFileIsOneLineNamingWhatIsWrong(String damage) throws IOException {
        Path fit = fitFile();
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = (ObjectNode) m.readTree(fit.toFile());
        ArrayNode params = (ArrayNode) root.get("parameters");
        ObjectNode alpha = (ObjectNode) params.get(2);
        String expected = switch (damage) {
            case "text value" -> {
                alpha.put("value", "abc");
                yield "parameter \"alpha\" \"value\" must be a finite number, got \"abc\"";
            }
            case "null value" -> {
                alpha.putNull("value");
                yield "parameter \"alpha\" \"value\" must be a finite number, got null";
            }
            case "true value" -> {
                alpha.put("value", true);
                yield "must be a finite number, got true";
            }
            case "missing parameter" -> {
                params.remove(2);
                yield "no value for parameter \"alpha\"";
            }
            case "unknown parameter" -> {
                alpha.put("name", "gamma");
                yield "no value for parameter \"alpha\"";
            }
            case "twice" -> {
                params.add(alpha.deepCopy());
                yield "parameter \"alpha\" is given twice";
            }
            case "format 2" -> {
                root.put("slaw_fit", 2);
                yield "slaw fit format 2 is not one this slaw reads (1)";
            }
            default -> {
                alpha.put("lower", "-inf");
                yield "parameter \"alpha\" \"lower\" must be a finite number";
            }
        };
        Path edited = write("edited.json", root.toPrettyString());
        for (String[] command : List.of(new String[]{"predict", s(edited), "N=1e9"},
                new String[]{"plan", s(edited), "--target-loss", "3"},
                new String[]{"report", s(dir.resolve("ladder.csv")), "--fit", s(edited), "--out", s(dir.resolve("r.html"))})) {
            Result r = run(command);
            assertThat(r.code()).as(command[0] + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).contains("edited.json", expected);
            assertOneCleanLine(r);
        }
        assertThat(dir.resolve("r.html")).doesNotExist();
    }

    @Test
    void aBinaryOrUnreadableFitFileIsOneLine() throws IOException {
        Path binary = dir.resolve("binary.json");
        Files.write(binary, new byte[]{(byte) 0xff, (byte) 0xfe, 0, 1, (byte) 0xc3, 0x28});
        Result r = run("predict", s(binary), "N=1e9");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("binary.json", "not UTF-8");
        assertOneCleanLine(r);
        Result folder = run("predict", s(dir), "N=1e9");
        assertThat(folder.code()).isEqualTo(2);
        assertOneCleanLine(folder);
    }

    @Test
    void aReportOfASavedFitOnOtherDataSaysSo() throws IOException {
        Path fit = fitFile();
        Path other = write("other.csv", LADDER.replace("2.98", "2.95"));
        Result r = run("report", s(other), "--fit", s(fit), "--out", s(dir.resolve("r.html")));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("these rows differ from the ones the fit was made on");
        Result same = run("report", s(dir.resolve("ladder.csv")), "--fit", s(fit), "--out", s(dir.resolve("r.html")));
        assertThat(same.err()).doesNotContain("differ");
    }

    @Test
    void aPredictionOutsideTheLawsDomainIsAnErrorNamingThePoint() throws IOException {
        Path fit = fitFile();
        Result zero = run("predict", s(fit), "N=0");
        assertThat(zero.code()).isEqualTo(2);
        assertThat(zero.err()).contains("N=0: outside the domain of law " + LAW, "Infinity");
        Result negative = run("predict", s(fit), "N=-1");
        assertThat(negative.code()).isEqualTo(2);
        assertThat(negative.err()).contains("N=-1: outside the domain", "NaN");
        Path at = write("at.csv", "N\n1e9\n0\n");
        Result table = run("predict", s(fit), "--at", s(at));
        assertThat(table.err()).contains("row 3 (N=0): outside the domain");
    }

    @Test
    void aDataRowOutsideTheLawsDomainIsNamed() throws IOException {
        Path csv = write("zero.csv", LADDER.replace("4e6,3.45", "0,3.45"));
        Result r = run("fit", s(csv), "--law", LAW);
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("zero.csv: row 4 (N = 0.0) is outside the domain of law " + LAW)
                .doesNotContain("no start reached");
    }

    // ---- readers

    @Test
    void jsonTrueWhereANumberIsExpectedIsAnError() throws IOException {
        StringBuilder rows = new StringBuilder();
        for (String line : LADDER.strip().lines().skip(1).toList()) {
            String[] c = line.split(",");
            rows.append("{\"N\": ").append(c[0]).append(", \"loss\": ").append(c[1]).append("}\n");
        }
        rows.append("{\"N\": true, \"loss\": 2.9}\n");
        Path jsonl = write("runs.jsonl", rows.toString());
        Result r = run("fit", s(jsonl), "--law", LAW, "--starts", "lhs:3");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("runs.jsonl", "\"N\"", "true");
        Path at = write("at.jsonl", "{\"N\": true}\n");
        assertThat(run("predict", s(fitFile()), "--at", s(at)).code()).isEqualTo(2);
    }

    @Test
    void aSemicolonFileReadsACommaAsTheDecimalSeparator() throws IOException {
        Path fit = fitFile();
        Path semi = write("at.csv", "N;other\n3,370;1\n");
        Path plain = write("plain.csv", "N\n3.37\n");
        Result r = run("predict", s(fit), "--at", s(semi));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("3.370").isEqualTo(run("predict", s(fit), "--at", s(plain)).out());
    }

    @Test
    void aHeaderOnlyFileIsAnError() throws IOException {
        Path empty = write("empty.csv", "N,loss\n");
        Result imported = run("import", s(empty), "--name", "empty", "--db", s(dir.resolve("runs.duckdb")));
        assertThat(imported.code()).isEqualTo(2);
        assertThat(imported.err()).contains("empty.csv: no rows");
        Result predicted = run("predict", s(fitFile()), "--at", s(empty));
        assertThat(predicted.code()).isEqualTo(2);
        assertThat(predicted.out()).isEmpty();
        assertThat(predicted.err()).contains("empty.csv: no rows");
    }

    @Test
    void lossCurvesGoThroughTheOneTableReader() throws IOException {
        StringBuilder curve = new StringBuilder("\uFEFFstep,loss\n");
        for (int step = 100; step <= 2000; step += 100) {
            curve.append(step).append(',').append(3 + 20 / Math.sqrt(step)).append('\n');
        }
        Path bom = write("bom.csv", curve.toString());
        Path empty = write("empty.csv", "step,loss\n");
        Result headerOnly = run("curve", "fit", s(bom), s(empty));
        assertThat(headerOnly.code()).isEqualTo(2);
        assertThat(headerOnly.err()).contains("empty.csv: no rows");

        Path duplicate = write("dup.csv", "step,loss,loss\n1,3,3\n");
        Result dup = run("curve", "fit", s(duplicate));
        assertThat(dup.err()).contains("dup.csv", "duplicate column name");

        Path bad = write("bad.csv", "step,loss\n1,3\n2,3\n3,3\n4,3\n5,oops\n");
        Result named = run("curve", "fit", s(bom), s(bad));
        assertThat(named.err()).contains("bad.csv: row 6, column \"loss\"");
    }

    // ---- no stack trace, ever

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--law", "--where", "--param", "--derive", "slaw.toml"})
    void aFormulaNestedTooDeeplyIsOneLine(String where) throws IOException {
        Path csv = write("ladder.csv", LADDER);
        String deep = "(".repeat(1500) + "N" + ")".repeat(1500);
        List<String> args = new ArrayList<>(List.of("fit", s(csv), "--law", LAW, "--starts", "lhs:3"));
        switch (where) {
            case "--law" -> args.set(3, "E + A*" + deep + "^-alpha");
            case "--where" -> args.addAll(List.of("--where", deep + " > 0"));
            case "--param" -> args.addAll(List.of("--param", "alpha = " + deep));
            case "--derive" -> args.addAll(List.of("--derive", "M = " + deep));
            default -> {
                write("slaw.toml", "[dataset.deep]\nsource = \"ladder.csv\"\nderive = [\"M = " + deep + "\"]\n");
                args.set(1, "deep");
                args.addAll(List.of("--project", s(dir.resolve("slaw.toml"))));
            }
        }
        Result r = run(args.toArray(String[]::new));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("nested more than 200 deep");
        assertOneCleanLine(r);
        assertThat(r.err().length()).isLessThan(400);
    }

    @Test
    void deeplyNestedJsonLinesIsOneLine() throws IOException {
        Path deep = write("deep.jsonl", "{\"a\":".repeat(1500) + "1" + "}".repeat(1500) + "\n");
        Result r = run("fit", s(deep), "--law", LAW);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("deep.jsonl: row 1", "nesting depth");
        assertOneCleanLine(r);
    }

    @ParameterizedTest(name = "--level {0}")
    @ValueSource(strings = {"envelope", "isoflop"})
    void anIntervalLevelOutsideZeroToOneIsOneLine(String plan) throws IOException {
        Path csv = write("runs.csv", "N,D,loss\n1e6,1e8,4\n2e6,1e8,3.9\n");
        Result r = run("plan", plan, s(csv), "--level", "1.5");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--level must be between 0 and 1");
        assertOneCleanLine(r);
    }

    @Test
    void runningOutOfMemoryIsOneLineWithAHintAndLeavesNoFile() throws IOException, InterruptedException {
        StringBuilder rows = new StringBuilder("N,D,loss\n");
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < 300_000; i++) {
            rows.append(1e6 + random.nextDouble() * 1e9).append(',').append(1e8 + random.nextDouble() * 1e11).append(',')
                    .append(2 + random.nextDouble()).append('\n');
        }
        Path big = write("big.csv", rows.toString());
        // a real process with a 16 MB heap, as a user with -Xmx too small for the table would run it
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx16m",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "fit", s(big),
                "--law", "chinchilla", "--starts", "lhs:2", "--out", s(dir.resolve("fit.json")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isEqualTo(2);
        assertThat(err).contains("out of memory", "JAVA_OPTS=-Xmx4g").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(err.strip().lines().count()).isEqualTo(1);
        assertThat(files()).containsExactly("big.csv");
    }

    @Test
    void failuresOutsideSlawAreOneLineWithAHint() {
        assertThat(Main.describe(new OutOfMemoryError("Java heap space"))).contains("out of memory", "JAVA_OPTS=-Xmx4g");
        assertThat(Main.describe(new StackOverflowError())).contains("nested too deeply");
        assertThat(Main.describe(new java.nio.file.AccessDeniedException("/x/fit.json")))
                .isEqualTo("/x/fit.json: permission denied");
        assertThat(Main.describe(new IllegalStateException("boom"))).doesNotContain("Exception")
                .contains("internal error (IllegalState: boom)", "please report it", "rerun with SLAW_DEBUG=1 for the trace");
    }
}
