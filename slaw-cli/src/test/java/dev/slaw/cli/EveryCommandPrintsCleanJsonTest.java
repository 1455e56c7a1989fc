package dev.slaw.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slaw.io.json.JsonObject;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import dev.slaw.law.Parameter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command that prints a result, run with {@code --json} on the example data: the output
 * parses, every key is snake_case, and no value is a string standing for a number (issue 13,
 * must-show 2).
 *
 * <p>Two kinds of key are the user's words, not slaw's, and keep their spelling: the names of
 * laws' parameters and variables (the catalogue's, and the example formula's), and the counts of
 * starts by stop reason (the optimiser's message). The value of a {@code group} key is a group
 * column's label, text even when it reads as a number ({@code peak_lr=0.002}).
 */
class EveryCommandPrintsCleanJsonTest {
    private static final String CHINCHILLA = "../examples/chinchilla-epoch/svg_extracted_data.csv";
    private static final String MISFITTING = "../examples/misfitting/scaling_results_last_ckpt_only.csv";
    private static final String CHECKPOINTS = "../examples/misfitting/scaling_results.csv";
    private static final String[] CURVES = {"../examples/multipower/csv_25/cosine_24000.csv",
            "../examples/multipower/csv_25/constant_24000.csv", "../examples/multipower/csv_25/wsdcon_9.csv",
            "--law", "lr-annealing"};
    private static final String[] RECIPE = {"--law", "chinchilla", "--map", "N=Model Size", "--derive",
            "D=Training FLOP / (6*N)", "--target", "loss", "--drop-highest", "loss=5"};
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static String fit;
    private static String boot;
    private static String grouped;
    private static String db;

    @BeforeAll
    static void saveAFitABootstrapAGroupedFitAndAStore() {
        fit = dir.resolve("fit.json").toString();
        boot = dir.resolve("boot.json").toString();
        grouped = dir.resolve("lr.json").toString();
        db = dir.resolve("runs.duckdb").toString();
        ok(concat(List.of("fit", CHINCHILLA), RECIPE, "--starts", "lhs:20:1", "--out", fit));
        ok(concat(List.of("bootstrap", CHINCHILLA), RECIPE, "--starts", "lhs:20:1", "--replicates", "20", "--seed", "1",
                "--out", boot));
        ok("fit", MISFITTING, "--law", "chinchilla", "--group", "peak_lr", "--only", "peak_lr=0.001,0.002",
                "--starts", "lhs:20:1", "--out", grouped);
        ok("import", CHINCHILLA, "--name", "chinchilla", "--map", "N=Model Size", "--derive", "D=Training FLOP / (6*N)",
                "--db", db);
        ok("fit", "chinchilla", "--law", "chinchilla", "--target", "loss", "--starts", "lhs:20:1", "--save", "--db", db);
    }

    @Test
    void everyCommandPrintsParsableSnakeCaseJsonWithNumbersAsNumbers() throws Exception {
        Map<String, String[]> commands = new LinkedHashMap<>();
        commands.put("laws", new String[]{"laws"});
        commands.put("laws NAME", new String[]{"laws", "chinchilla"});
        commands.put("fit", concat(List.of("fit", CHINCHILLA), RECIPE, "--starts", "lhs:20:1"));
        commands.put("fit --group", new String[]{"fit", MISFITTING, "--law", "chinchilla", "--group", "peak_lr",
                "--only", "peak_lr=0.001,0.002", "--shared", "E", "--starts", "lhs:20:1"});
        commands.put("predict", new String[]{"predict", fit, "N=70B", "D=1.4T"});
        commands.put("predict BOOT", new String[]{"predict", boot, "N=70B", "D=1.4T"});
        commands.put("predict GROUPED", new String[]{"predict", grouped, "peak_lr=0.002", "N=1e9", "D=2e10"});
        commands.put("bootstrap", concat(List.of("bootstrap", CHINCHILLA), RECIPE, "--starts", "lhs:20:1",
                "--replicates", "10", "--against", "E=1.69,A=406.4,B=410.7,alpha=0.34,beta=0.28"));
        commands.put("likelihood", concat(List.of("likelihood", CHINCHILLA), RECIPE,
                "--start", "E=1.69,A=406.4,B=410.7,alpha=0.34,beta=0.28"));
        commands.put("validate", new String[]{"validate", MISFITTING, "--law", "chinchilla", "--holdout", "N >= 5e8",
                "--starts", "lhs:20:1", "--replicates", "10"});
        commands.put("validate --rollout", new String[]{"validate", MISFITTING, "--law", "chinchilla", "--rollout", "N",
                "--starts", "lhs:20:1"});
        commands.put("sensitivity", concat(List.of("sensitivity", CHINCHILLA), RECIPE, "--starts", "lhs:10:1",
                "--compute", "5.88e23", "--at", "N=70e9,D=1.4e12"));
        commands.put("plan", new String[]{"plan", fit, "--compute", "5.88e23", "--frontier", "1e20:1e24:3",
                "--target-loss", "2.0", "--bootstrap", boot});
        commands.put("plan --inference-tokens", new String[]{"plan", fit, "--target-loss", "2.1",
                "--inference-tokens", "0,1e12"});
        commands.put("plan --unique-tokens", new String[]{"plan", "--law", "data-constrained", "--set", "E=1.69",
                "--set", "A=406.4", "--set", "B=410.7", "--set", "alpha=0.34", "--set", "beta=0.28", "--set", "RD=15.4",
                "--set", "RN=5.3", "--compute", "1e23", "--unique-tokens", "1e11"});
        commands.put("plan isoflop", new String[]{"plan", "isoflop", MISFITTING, "--replicates", "50"});
        commands.put("plan envelope", new String[]{"plan", "envelope", CHECKPOINTS, "--bins-per-decade", "5"});
        commands.put("plan --streams", new String[]{"plan", "--law", "parscale", "--set", "E=0.69", "--set", "A=0.0113",
                "--set", "k=0.39", "--set", "alpha=0.19", "--streams", "1,2,16", "--parameters", "1e10"});
        commands.put("import", new String[]{"import", CHINCHILLA, "--name", "again", "--map", "N=Model Size", "--db", db});
        commands.put("report", new String[]{"report", CHINCHILLA, "--map", "N=Model Size", "--derive",
                "D=Training FLOP / (6*N)", "--drop-highest", "loss=5", "--fit", fit, "--out",
                dir.resolve("report.html").toString()});
        commands.put("report --group", new String[]{"report", MISFITTING, "--group", "peak_lr", "--only",
                "peak_lr=0.001,0.002", "--fit", grouped, "--out", dir.resolve("report-groups.html").toString()});
        commands.put("bench plot", new String[]{"bench", "plot", "--data", CHINCHILLA, "--warmup", "0", "--repeat", "2"});
        commands.put("bench discover", new String[]{"bench", "discover", "--data", CHINCHILLA, "--warmup", "0",
                "--candidates", "3"});
        commands.put("bench read", new String[]{"bench", "read", "--rows", "3000", "--dir", dir.resolve("bench").toString()});
        commands.put("chain", new String[]{"chain", "../examples/olmo-ladder/data/ladder-runs", "--protocol",
                "bhagia-2024", "--tasks", "mmlu_avg_test_5shot,piqa_val_5shot"});
        commands.put("observe", new String[]{"observe", "../examples/obsscaling/base_llm_benchmark_eval.csv",
                "--target", "GSM8K"});
        commands.put("skills", new String[]{"skills", "../examples/obsscaling/base_llm_benchmark_eval.csv",
                "--leave-out-family", "Pythia"});
        commands.put("compare", new String[]{"compare", "../examples/pythia/final_step.csv", "--by", "data", "--law",
                "power-offset", "--map", "x=params", "--target", "lambada_ppl", "--replicates", "20"});
        commands.put("runs", new String[]{"runs", "--db", db});
        commands.put("runs NAME", new String[]{"runs", "chinchilla", "--db", db});
        commands.put("fits", new String[]{"fits", "--db", db});
        commands.put("sql", new String[]{"sql", "select count(*) as row_count, avg(loss) as mean_loss, 'x' as word"
                + " from dataset_chinchilla", "--db", db});
        String cosine = "warmup(2160)+cosine(peak=3e-4, end=3e-5, total=72000)";
        commands.put("curve fit", concat(List.of("curve", "fit"), CURVES));
        commands.put("curve predict", new String[]{"curve", "predict", "--fit", String.join(",", List.of(CURVES).subList(0, 3)),
                "--law", "lr-annealing", "--schedule", cosine});
        commands.put("curve bootstrap", concat(List.of("curve", "bootstrap"), CURVES, "--replicates", "10",
                "--schedule", cosine));
        commands.put("curve validate", concat(List.of("curve", "validate"), CURVES, "--holdout", "wsdcon_9"));
        Set<String> names = userNames();
        for (Map.Entry<String, String[]> c : commands.entrySet()) {
            List<String> args = new ArrayList<>(List.of(c.getValue()));
            args.add("--json");
            Result r = run(args.toArray(String[]::new));
            assertThat(r.code()).as(c.getKey() + ": " + r.err()).isZero();
            JsonNode root = JSON.readTree(r.out());
            assertThat(root).as(c.getKey()).isNotNull();
            List<String> problems = new ArrayList<>();
            check(root, "", names, problems);
            assertThat(problems).as("slaw " + c.getKey() + " --json").isEmpty();
        }
    }

    @Test
    void theCheckFindsCamelCaseKeysAndNumbersWrittenAsText() throws Exception {
        List<String> problems = new ArrayList<>();
        check(JSON.readTree("{\"flopModel\": \"6*N*D\", \"E\": 1.8, \"at\": {\"loss\": \"NaN\", \"n\": [\"1e3\"]},"
                + " \"group\": \"0.002\"}"), "", userNames(), problems);
        assertThat(problems).containsExactly(".flopModel: key is not snake_case", ".at.loss: \"NaN\" is a number written"
                + " as text", ".at.n[0]: \"1e3\" is a number written as text");
    }

    /** The names users and laws choose: every catalogue law's parameters and variables. */
    private static Set<String> userNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Law law : Catalogue.builtIn().laws()) {
            law.parameters().stream().map(Parameter::name).forEach(names::add);
            names.addAll(law.variables());
        }
        // the loss-curve laws' parameters (multi-power, lr-annealing), which the catalogue does not list
        names.addAll(List.of("L0", "A", "alpha", "B", "C", "beta", "gamma"));
        return names;
    }

    private static void check(JsonNode node, String path, Set<String> names, List<String> problems) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String key = f.getKey();
                String at = path + "." + key;
                boolean byReason = path.endsWith(".stop_reasons");
                if (!JsonObject.isSnakeCase(key) && !names.contains(key) && !byReason) {
                    problems.add(at + ": key is not snake_case");
                }
                if (key.equals("group") && f.getValue().isTextual()) {
                    continue;
                }
                check(f.getValue(), at, names, problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), path + "[" + i + "]", names, problems);
            }
        } else if (node.isTextual() && looksLikeANumber(node.asText())) {
            problems.add(path + ": \"" + node.asText() + "\" is a number written as text");
        }
    }

    private static boolean looksLikeANumber(String text) {
        try {
            Double.parseDouble(text.strip());
            return true;
        } catch (NumberFormatException e) {
            String t = text.strip().toLowerCase(java.util.Locale.ROOT);
            return t.equals("nan") || t.equals("inf") || t.equals("-inf");
        }
    }

    record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    private static void ok(String... args) {
        Result r = run(args);
        assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isZero();
    }

    private static String[] concat(List<String> head, String[] middle, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(middle));
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }
}
