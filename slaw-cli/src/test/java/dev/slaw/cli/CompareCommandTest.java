package dev.slaw.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

import static dev.slaw.cli.FitCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code slaw compare} on synthetic recipes whose laws are known: the crossover and the multiplier
 * found within their intervals, equal-cost comparison through a throughput column, rankings, the
 * shape flag, and bad input refused in one line with nothing written.
 */
class CompareCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double[] C = {1e17, 3e17, 1e18, 3e18, 1e19, 3e19, 1e20, 3e20};

    @TempDir
    Path dir;

    /** loss = a C^-alpha times lognormal noise, per recipe; rows "recipe,C,loss,throughput". */
    private static void rows(StringBuilder out, String recipe, double a, double alpha, double throughput,
                             SplittableRandom random) {
        for (double c : C) {
            out.append(String.format(Locale.ROOT, "%s,%s,%s,%s%n", recipe, c,
                    a * Math.pow(c, -alpha) * Math.exp(0.004 * random.nextGaussian()), throughput));
        }
    }

    private Path table(String name, String body) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, "recipe,C,loss,throughput\n" + body);
        return f;
    }

    @Test
    void findsAKnownCrossoverAndMultiplierWithinTheirIntervals() throws IOException {
        // A steeper: crosses B at exactly 1e19
        double a1 = 60;
        double alpha1 = 0.08;
        double alpha2 = 0.06;
        double a2 = a1 * Math.pow(1e19, alpha2 - alpha1);
        StringBuilder b = new StringBuilder();
        SplittableRandom random = new SplittableRandom(11);
        rows(b, "A", a1, alpha1, 1, random);
        rows(b, "B", a2, alpha2, 1, random);
        Path data = table("two.csv", b.toString());
        Path plot = dir.resolve("compare.png");
        FitCommandTest.Result r = run("compare", data.toString(), "--by", "recipe", "--law", "power", "--map", "x=C",
                "--target", "loss", "--at", "1e18,1e21", "--replicates", "200", "--plot", plot.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode root = JSON.readTree(r.out());
        JsonNode x = root.get("crossover");
        assertThat(x.get("points").get(0).asDouble() / 1e19).isBetween(0.3, 3.0);
        assertThat(x.get("lower").asDouble()).isLessThan(1e19);
        assertThat(x.get("upper").asDouble()).isGreaterThan(1e19);
        assertThat(x.get("overtaker").asText()).isEqualTo("A");
        for (JsonNode g : root.get("gaps")) {
            double s = g.get("scale").asDouble();
            double truth = Math.pow(a2 / (a1 * Math.pow(s, -alpha1)), 1 / alpha2) / s;
            assertThat(truth).isBetween(g.get("multiplier_lower").asDouble(), g.get("multiplier_upper").asDouble());
        }
        assertThat(root.get("verdict").asText()).contains("The laws cross at C = ").contains("95% interval");
        assertThat(Files.size(plot)).isPositive();
    }

    @Test
    void saysNoCrossoverAndComparesTwoTables() throws IOException {
        SplittableRandom random = new SplittableRandom(12);
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        rows(a, "A", 60, 0.08, 1, random);
        rows(b, "B", 66, 0.08, 1, random);
        Path fa = table("a.csv", a.toString());
        Path fb = table("b.csv", b.toString());
        FitCommandTest.Result r = run("compare", fa.toString(), fb.toString(), "--law", "power", "--map", "x=C",
                "--target", "loss", "--replicates", "200");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("verdict: At C = ").contains("a.csv is better than b.csv")
                .contains("No crossover in [1e17, 3e22] (bootstrap probability of one there: ");
    }

    @Test
    void comparesTwoSavedBootstrapsAsItComparesTables() throws IOException {
        SplittableRandom random = new SplittableRandom(15);
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        rows(a, "A", 60, 0.08, 1, random);
        rows(b, "B", 66, 0.08, 1, random);
        Path fa = table("a.csv", a.toString());
        Path fb = table("b.csv", b.toString());
        Path ba = dir.resolve("a.json");
        Path bb = dir.resolve("b.json");
        for (Path[] pair : new Path[][]{{fa, ba}, {fb, bb}}) {
            FitCommandTest.Result r = run("bootstrap", pair[0].toString(), "--law", "power", "--map", "x=C", "--target",
                    "loss", "--replicates", "100", "--out", pair[1].toString());
            assertThat(r.code()).as(r.err()).isZero();
        }
        FitCommandTest.Result r = run("fits", "compare", ba.toString(), bb.toString(), "--range", "1e17,1e22");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("one law per file, 100 bootstrap replicates each")
                .contains("a.json is better than b.json").contains("No crossover in [1e17, 1e22]");
        assertThat(run("fits", "compare", ba.toString(), bb.toString()).code()).isEqualTo(2);
    }

    @Test
    void comparesAtEqualAcceleratorHours() throws IOException {
        // the same law in tokens, but B processes twice the tokens per hour: at equal hours B is
        // ahead and needs half A's hours to match it
        SplittableRandom random = new SplittableRandom(13);
        StringBuilder b = new StringBuilder();
        rows(b, "A", 60, 0.08, 1e6, random);
        rows(b, "B", 60, 0.08, 2e6, random);
        Path data = table("hours.csv", b.toString());
        FitCommandTest.Result r = run("compare", data.toString(), "--by", "recipe", "--law", "power", "--map", "x=C",
                "--target", "loss", "--throughput", "throughput", "--at", "1e12", "--replicates", "200", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode root = JSON.readTree(r.out());
        assertThat(root.get("axis_title").asText()).isEqualTo("accelerator-hours (C / throughput)");
        JsonNode g = root.get("gaps").get(0);
        assertThat(g.get("multiplier").asDouble()).isBetween(0.4, 0.6);
        assertThat(0.5).isBetween(g.get("multiplier_lower").asDouble(), g.get("multiplier_upper").asDouble());
        assertThat(g.get("second_better_share").asDouble()).isGreaterThan(0.95);
    }

    @Test
    void ranksManyRecipesFromTheirSmallScaleFits() throws IOException {
        SplittableRandom random = new SplittableRandom(14);
        StringBuilder b = new StringBuilder();
        double[] scales = {50, 55, 60, 66, 73};
        for (int k = 0; k < scales.length; k++) {
            rows(b, "R" + k, scales[k], 0.08, 1, random);
        }
        Path data = table("many.csv", b.toString());
        FitCommandTest.Result r = run("compare", data.toString(), "--by", "recipe", "--law", "power", "--map", "x=C",
                "--target", "loss", "--fit-below", "1e20", "--replicates", "100", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode k = JSON.readTree(r.out()).get("ranking");
        assertThat(k.get("pairs").asInt()).isEqualTo(10);
        assertThat(k.get("correct").asDouble()).isEqualTo(1.0);
        assertThat(k.get("lower").asDouble()).isGreaterThan(0.8);
        assertThat(JSON.readTree(r.out()).has("crossover")).isFalse();
    }

    @Test
    void flagsAShapeThatChangesInsideTheData() throws IOException {
        Path fixture = Path.of("..", "examples", "fixtures", "bnsl_4digit_addition.csv");
        Path copy = dir.resolve("shifted.csv");
        StringBuilder shifted = new StringBuilder("train_set_size,test_cross_entropy,split\n");
        for (String line : Files.readAllLines(fixture).subList(1, 18)) {
            String[] f = line.split(",");
            shifted.append(f[0]).append(',').append(Double.parseDouble(f[1]) * 1.05).append(',').append(f[2]).append('\n');
        }
        Files.writeString(copy, shifted.toString());
        FitCommandTest.Result r = run("compare", fixture.toString(), copy.toString(), "--law", "power-offset", "--map",
                "x=train_set_size", "--target", "test_cross_entropy", "--replicates", "20");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("emergent").contains("Extrapolation unreliable: bnsl_4digit_addition.csv is emergent");
        assertThat(r.err()).contains("extrapolation unreliable");
    }

    @Test
    void refusesBadInputInOneLineAndWritesNothing() throws IOException {
        StringBuilder b = new StringBuilder();
        rows(b, "A", 60, 0.08, 1, new SplittableRandom(1));
        Path one = table("one.csv", b.toString());
        Path plot = dir.resolve("never.png");
        String[][] cases = {
                {"compare", one.toString(), "--law", "power", "--map", "x=C", "--target", "loss", "--plot", plot.toString()},
                {"compare", one.toString(), "--by", "recipe", "--law", "power", "--map", "x=C", "--target", "loss",
                        "--plot", plot.toString()},
                {"compare", one.toString(), "--by", "recipe", "--law", "power", "--map", "x=C", "--target", "loss",
                        "--throughput", "nope", "--plot", plot.toString()},
                {"compare", one.toString(), "--by", "recipe", "--law", "power", "--map", "x=C", "--target", "loss",
                        "--range", "5,1", "--plot", plot.toString()},
        };
        for (String[] c : cases) {
            FitCommandTest.Result r = run(c);
            assertThat(r.code()).as(String.join(" ", c) + "\n" + r.err()).isEqualTo(2);
            assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
            assertThat(plot).doesNotExist();
        }
    }
}
