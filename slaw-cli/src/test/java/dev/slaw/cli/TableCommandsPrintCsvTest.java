package dev.slaw.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Commands whose result is a table print it as CSV with {@code --csv}, and refuse {@code --csv} with {@code --json}. */
class TableCommandsPrintCsvTest {
    private static final String CHINCHILLA = "../examples/chinchilla-epoch/svg_extracted_data.csv";
    private static final String MISFITTING = "../examples/misfitting/scaling_results_last_ckpt_only.csv";

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void tablesPrintAsCsvWithAHeaderAndEqualRows() {
        String fit = dir.resolve("fit.json").toString();
        assertThat(run("fit", CHINCHILLA, "--law", "chinchilla", "--map", "N=Model Size", "--derive",
                "D=Training FLOP / (6*N)", "--target", "loss", "--drop-highest", "loss=5", "--starts", "lhs:20:1",
                "--out", fit).code()).isZero();
        Map<String, String[]> commands = new LinkedHashMap<>();
        commands.put("compute_flops,parameter_count", new String[]{"plan", fit, "--frontier", "1e20:1e24:5"});
        commands.put("compute_flops,label,runs", new String[]{"plan", "isoflop", MISFITTING, "--replicates", "20"});
        commands.put("compute_flops,parameter_count,token_count,loss",
                new String[]{"plan", "envelope", "../examples/misfitting/scaling_results.csv"});
        commands.put("N,D,loss", new String[]{"predict", fit, "N=70B", "D=1.4T"});
        commands.put("task,bpb_actual,step1_pred", new String[]{"chain", "../examples/olmo-ladder/data/ladder-runs",
                "--protocol", "bhagia-2024", "--tasks", "piqa_val_5shot"});
        commands.put("model,family,compute,observed,predicted,error", new String[]{"observe",
                "../examples/obsscaling/base_llm_benchmark_eval.csv", "--target", "MMLU"});
        commands.put("family,anchor,held_out_models,rows,mae,mae_largest", new String[]{"skills",
                "../examples/obsscaling/base_llm_benchmark_eval.csv", "--leave-out-family", "Pythia"});
        commands.put("row,N,D,loss,predicted", new String[]{"validate", MISFITTING, "--law", "chinchilla", "--holdout",
                "N >= 5e8", "--starts", "lhs:20:1", "--replicates", "5"});
        for (Map.Entry<String, String[]> c : commands.entrySet()) {
            List<String> args = new java.util.ArrayList<>(List.of(c.getValue()));
            args.add("--csv");
            Result r = run(args.toArray(String[]::new));
            assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isZero();
            String[] lines = r.out().split("\n");
            assertThat(lines[0]).as(args.toString()).startsWith(c.getKey());
            assertThat(lines.length).as(args.toString()).isGreaterThan(1);
            int fields = lines[0].split(",", -1).length;
            for (String line : lines) {
                assertThat(line.split(",", -1)).as(args + ": " + line).hasSize(fields);
            }
        }
    }

    @Test
    void jsonAndCsvTogetherIsOneLineAndExitTwo() {
        Result r = run("plan", "--law", "chinchilla", "--set", "E=1.8", "--set", "A=482", "--set", "B=2085",
                "--set", "alpha=0.35", "--set", "beta=0.37", "--compute", "1e23", "--json", "--csv");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).contains("--json and --csv").doesNotContain("\n").doesNotContain("Exception");
    }
}
