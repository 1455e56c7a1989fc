package dev.slaw.io;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.io.project.ProjectFile;
import dev.slaw.io.store.ParquetFiles;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input never crashes a reader: random bytes, truncated files, ragged rows, duplicate
 * headers and mixed types, in every format (CSV, TSV, JSON, JSON Lines, a folder of JSON files,
 * Parquet, the project file), give either a table or one {@link BadInputException} line that
 * names the file, never another exception.
 */
class ReadersNeverCrashTest {

    private static final List<String> EXTENSIONS = List.of(".csv", ".tsv", ".json", ".jsonl", ".parquet", "");
    private static Path dir;
    private static byte[] validParquet;
    private static int counter;

    @BeforeContainer
    static void makeDirectory() throws IOException {
        dir = Files.createTempDirectory("slaw-readers");
        Path p = dir.resolve("valid.parquet");
        ParquetFiles.write(Dataset.of("x", Map.of("N", new double[] {1, 2, 3}, "loss", new double[] {3, 2, Double.NaN}))
                .withLabel("run", new String[] {"a", "b", "c"}), p);
        validParquet = Files.readAllBytes(p);
    }

    @AfterContainer
    static void removeDirectory() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Property(tries = 200)
    void randomBytesInAnyFormat(@ForAll("bytes") byte[] content, @ForAll("extensions") String extension) {
        readEveryWay(write(extension, content));
    }

    @Property(tries = 300)
    void raggedDuplicatedMixedAndTruncatedDelimitedText(@ForAll("tables") String table, @ForAll("separators") String sep,
                                                        @ForAll @IntRange(min = 0, max = 100) int keepPercent) {
        String text = table.replace(",", sep);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] cut = Arrays.copyOf(bytes, bytes.length * keepPercent / 100);
        readEveryWay(write(sep.equals("\t") ? ".tsv" : ".csv", bytes));
        readEveryWay(write(".csv", cut));
    }

    @Property(tries = 150)
    void mixedAndTruncatedJson(@ForAll("jsonRows") List<String> rows, @ForAll @IntRange(min = 0, max = 100) int keepPercent) {
        String array = "[" + String.join(",\n", rows) + "]";
        String lines = String.join("\n", rows);
        readEveryWay(write(".json", array.getBytes(StandardCharsets.UTF_8)));
        readEveryWay(write(".jsonl", lines.getBytes(StandardCharsets.UTF_8)));
        byte[] bytes = array.getBytes(StandardCharsets.UTF_8);
        readEveryWay(write(".json", Arrays.copyOf(bytes, bytes.length * keepPercent / 100)));
        Path folder = dir.resolve("runs" + (counter++));
        try {
            Files.createDirectories(folder);
            for (int i = 0; i < rows.size(); i++) {
                String row = rows.get(i);
                byte[] b = row.getBytes(StandardCharsets.UTF_8);
                Files.write(folder.resolve("run" + i + ".json"), i == 0 ? Arrays.copyOf(b, b.length * keepPercent / 100) : b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        readEveryWay(folder);
    }

    @Property(tries = 50)
    void truncatedParquet(@ForAll @IntRange(min = 0, max = 99) int keepPercent) {
        readEveryWay(write(".parquet", Arrays.copyOf(validParquet, validParquet.length * keepPercent / 100)));
    }

    @Property(tries = 300)
    void projectFilesParseOrFailWithALine(@ForAll("tomlish") String text) {
        Path p = write(".toml", text.getBytes(StandardCharsets.UTF_8));
        try {
            ProjectFile.read(p);
        } catch (BadInputException e) {
            assertThat(e.getMessage()).startsWith(p.toString()).doesNotContain("\n");
        }
    }

    @Provide
    Arbitrary<String> tomlish() {
        Arbitrary<String> piece = Arbitraries.of("[dataset.a]\n", "[dataset.b]\n", "source = \"x.csv\"\n", "map = { N = \"a\" }\n",
                "derive = [\"D = C/(6*N)\"]\n", "where = [\"N >\"]\n", "checkpoints = { every = 0 }\n", "group = 3\n",
                "drop-highest = \"loss=x\"\n", "[[x]]\n", "a = [1,\n", "\"", "= 1\n", "only = [\"m\"]\n", "scale = { x = \"2B\" }\n",
                "# c\n", "x = 1979-05-27\n", "header-units = \"yes\"\n", "\\u00\n");
        return piece.list().ofMaxSize(8).map(l -> String.join("", l));
    }

    /** Reads with no recipe, and with a recipe that maps, filters, derives and groups. */
    private static void readEveryWay(Path path) {
        readOrFailCleanly(path, Recipe.DEFAULT);
        readOrFailCleanly(path, Recipe.DEFAULT.withMapping("L", "loss").withWhere("L > 0")
                .withDerivation(Recipe.Derivation.parse("x = log(L)")).withGroup("run")
                .withDropHighest(Recipe.DropHighest.parse("L=1")));
        readOrFailCleanly(path, Recipe.DEFAULT.withCheckpoints(
                Checkpoints.of(List.of("run"), "step").withLastOnly(true)));
    }

    private static void readOrFailCleanly(Path path, Recipe recipe) {
        try {
            LoadedDataset loaded = DatasetLoader.load(path, recipe);
            assertThat(loaded.dataset().rowCount()).isLessThanOrEqualTo(loaded.sourceRows());
        } catch (BadInputException e) {
            assertThat(e.getMessage()).startsWith(path.toString()).doesNotContain("\n");
        }
    }

    private static Path write(String extension, byte[] content) {
        Path p = dir.resolve("input" + (counter++) + extension);
        try {
            Files.write(p, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    }

    @Provide
    Arbitrary<String> extensions() {
        return Arbitraries.of(EXTENSIONS);
    }

    @Provide
    Arbitrary<String> separators() {
        return Arbitraries.of(",", "\t", ";");
    }

    private static Arbitrary<String> cells() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().map(d -> Double.toString(d)),
                Arbitraries.of("12M", "1.4B", "2T", "32.0K", "1.1E+07", "11%", "\"1,024\"", "12 parrots", "", "NA",
                        "#REF!", "\"a \"\"quoted\"\" cell\"", "\"line\nbreak\"", "-", "1e999", "inf", "\"", "x\"y"),
                Arbitraries.strings().withChars("ab1,.\"%eE- \n").ofMaxLength(6));
    }

    @Provide
    Arbitrary<String> tables() {
        Arbitrary<String> header = Arbitraries.of("loss", "run", "step", "N", "", "loss", "Model Size")
                .list().ofMinSize(1).ofMaxSize(5).map(h -> String.join(",", h));
        Arbitrary<String> row = cells().list().ofMinSize(0).ofMaxSize(6).map(r -> String.join(",", r));
        return Combinators.combine(header, row.list().ofMaxSize(8), Arbitraries.of("\n", "\r\n"))
                .as((h, rows, eol) -> h + eol + String.join(eol, rows));
    }

    @Provide
    Arbitrary<List<String>> jsonRows() {
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.doubles().between(-1e6, 1e6).map(d -> Double.toString(d)),
                Arbitraries.of("\"12M\"", "\"12 parrots\"", "null", "true", "[1, 2]", "{\"a\": 1}", "\"\"", "[]",
                        "[{\"val_data\": \"c4\", \"loss\": 3.1}]"));
        Arbitrary<String> key = Arbitraries.of("loss", "run", "step", "N", "a.b", "loss");
        Arbitrary<String> field = Combinators.combine(key, value).as((k, v) -> "\"" + k + "\": " + v);
        Arbitrary<String> object = field.list().ofMaxSize(5).map(f -> "{" + String.join(", ", f) + "}");
        Arbitrary<String> notObject = Arbitraries.of("1", "\"x\"", "[1]", "{", "}");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, object), net.jqwik.api.Tuple.of(1, notObject))
                .list().ofMinSize(1).ofMaxSize(5).map(ArrayList::new);
    }
}
