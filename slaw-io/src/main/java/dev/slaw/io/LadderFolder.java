package dev.slaw.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.downstream.ChainProtocol;
import dev.slaw.downstream.TaskLadder;
import dev.slaw.io.table.DelimitedTableReader;
import dev.slaw.io.table.RawColumn;
import dev.slaw.io.table.RawTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model ladder as the OLMo ladder stores it: a folder of per-run checkpoint CSVs named
 * {@code <size>-<k>xC.csv}, and a config ({@code configs/final.json}) whose entries list each
 * size's run files with N ({@code n}); entries of mode {@code train} are the ladder, one of mode
 * {@code eval} the target. Reads each task's two datasets for a {@link dev.slaw.downstream.Chain}
 * as the protocol summarises the checkpoints.
 */
public final class LadderFolder {
    private static final Pattern RUN_FILE = Pattern.compile("(.+)-([0-9.]+)xC\\.csv");

    /**
     * A task: its loss and accuracy columns (averaged with the weights, as MMLU's categories are)
     * and its chance accuracy.
     */
    public record Task(String name, List<String> lossColumns, List<String> accuracyColumns, List<Double> weights,
                       double chance) {
        static Task rc5shot(String name, String key, double chance) {
            return new Task(name, List.of("eval/downstream_bpb/" + key + "_rc_5shot_bpb"),
                    List.of("eval/downstream/" + key + "_rc_5shot_len_norm"), List.of(1.0), chance);
        }
    }

    /** One run of the ladder: its file, N, D at its last checkpoint, and its table. */
    public record Run(String name, double parameters, double tokens, RawTable table) {
    }

    /** The 8 tasks of Bhagia et al.'s main table, 5-shot ranked classification, MMLU weighted by category. */
    public static final List<Task> PAPER_TASKS = List.of(
            new Task("mmlu_avg_test_5shot",
                    mmluColumns("eval/downstream_bpb/mmlu_%s_test_rc_5shot_bpb"),
                    mmluColumns("eval/downstream/mmlu_%s_test_rc_5shot_len_norm"),
                    List.of(0.215, 0.335, 0.219, 0.231), 0.25),
            Task.rc5shot("hellaswag_val_5shot", "hellaswag_val", 0.25),
            Task.rc5shot("arc_challenge_test_5shot", "arc_challenge_test", 0.25),
            Task.rc5shot("arc_easy_test_5shot", "arc_easy_test", 0.25),
            Task.rc5shot("piqa_val_5shot", "piqa_val", 0.5),
            Task.rc5shot("csqa_val_5shot", "csqa_val", 0.2),
            Task.rc5shot("socialiqa_val_5shot", "socialiqa_val", 1.0 / 3),
            Task.rc5shot("openbookqa_test_5shot", "openbookqa_test", 0.25));

    private final List<Run> runs;
    private final Run target;

    private LadderFolder(List<Run> runs, Run target) {
        this.runs = runs;
        this.target = target;
    }

    private static List<String> mmluColumns(String format) {
        return List.of("stem", "humanities", "social_sciences", "other").stream()
                .map(c -> String.format(format, c)).toList();
    }

    /** The config beside the folder as the OLMo ladder lays it out: {@code ../../configs/final.json}. */
    public static Path defaultConfig(Path folder) {
        return folder.resolve("../../configs/final.json").normalize();
    }

    /**
     * Reads the ladder's runs and the target.
     *
     * @param targetRun the config entry of the target, or null for the eval entry with the
     *                  largest N whose file is in the folder
     */
    public static LadderFolder read(Path folder, Path config, String targetRun) {
        if (!Files.isDirectory(folder)) {
            throw new BadInputException(folder + ": not a folder of ladder runs");
        }
        if (!Files.isRegularFile(config)) {
            throw new BadInputException(config + ": no ladder config (give it with --config)");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(config.toFile());
        } catch (IOException e) {
            throw new BadInputException(config + ": not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        List<Run> runs = new ArrayList<>();
        Run target = null;
        double targetN = -1;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode entry = e.getValue();
            String mode = entry.path("mode").asText("");
            double n = entry.path("n").asDouble(Double.NaN);
            if (!(n > 0)) {
                throw new BadInputException(config + ": entry " + e.getKey() + " has no positive n");
            }
            for (JsonNode p : entry.path("paths")) {
                String fileName = Path.of(p.asText()).getFileName().toString();
                Path file = folder.resolve(fileName);
                if (mode.equals("train")) {
                    if (!RUN_FILE.matcher(fileName).matches()) {
                        throw new BadInputException(config + ": run file " + fileName + " is not named <size>-<k>xC.csv");
                    }
                    runs.add(run(fileName.substring(0, fileName.length() - 4), n, file));
                } else if (mode.equals("eval") && Files.isRegularFile(file)
                        && (targetRun == null ? n > targetN : e.getKey().equals(targetRun))) {
                    target = run(e.getKey(), n, file);
                    targetN = n;
                }
            }
        }
        if (runs.isEmpty()) {
            throw new BadInputException(config + ": no entry of mode train lists a run");
        }
        if (target == null) {
            throw new BadInputException(config + ": " + (targetRun == null ? "no eval entry whose file is in " + folder
                    : "no eval entry " + targetRun + " whose file is in " + folder));
        }
        return new LadderFolder(List.copyOf(runs), target);
    }

    private static Run run(String name, double n, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": run file listed in the config is missing");
        }
        RawTable t = DelimitedTableReader.read(file, file.toString());
        double[] tokens = t.column("throughput/total_tokens").map(c -> c.numbersOrFail(file.toString())).orElse(null);
        int last = t.rowCount() - 1;
        if (last < 0) {
            throw new BadInputException(file + ": no checkpoints");
        }
        double d = tokens != null ? tokens[last]
                : column(t, "_step")[last] * column(t, "batch_size_in_tokens")[last];
        return new Run(name, n, d, t);
    }

    private static double[] column(RawTable t, String name) {
        RawColumn c = t.column(name).orElseThrow(() -> new BadInputException(t.source() + ": no column " + name));
        return c.numbersOrFail(t.source());
    }

    /** The ladder's runs, in the config's order. */
    public List<Run> runs() {
        return runs;
    }

    /** The target model's run. */
    public Run target() {
        return target;
    }

    /** Each task's datasets for the chain, as the protocol summarises the checkpoints. */
    public List<TaskLadder> tasks(List<Task> tasks, ChainProtocol protocol) {
        return tasks(tasks, protocol, null);
    }

    /**
     * As {@link #tasks(List, ChainProtocol)}, each run's upstream loss (for a loss-to-loss step)
     * read from this column, summarised as step 1's loss is.
     *
     * @param upstream a column of every run file and the target's: its full name, or NAME for
     *                 {@code eval/NAME/CrossEntropyLoss}; null for none
     */
    public List<TaskLadder> tasks(List<Task> tasks, ChainProtocol protocol, String upstream) {
        String column = upstream == null ? null : upstreamColumn(upstream);
        return tasks.stream().map(t -> task(t, protocol, column)).toList();
    }

    /** The column an upstream loss names, checked in every run file and the target's. */
    private String upstreamColumn(String name) {
        String column = target.table().column(name).isPresent() ? name : "eval/" + name + "/CrossEntropyLoss";
        for (Run run : allRuns()) {
            if (run.table().column(column).isEmpty()) {
                throw new BadInputException("loss-to-loss:" + name + ": " + run.table().source() + " has no column "
                        + name + (column.equals(name) ? "" : " nor " + column) + " (its losses: "
                        + String.join(", ", run.table().columnNames().stream()
                        .filter(c -> c.endsWith("/CrossEntropyLoss")).toList()) + ")");
            }
        }
        return column;
    }

    private List<Run> allRuns() {
        List<Run> all = new ArrayList<>(runs);
        all.add(target);
        return all;
    }

    private TaskLadder task(Task task, ChainProtocol protocol, String upstream) {
        int k = protocol.lastMean();
        double[] n = new double[runs.size()];
        double[] d = new double[runs.size()];
        double[] x = new double[runs.size()];
        double[] acc = new double[runs.size()];
        double[] u = new double[runs.size()];
        List<double[]> stepTwo = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            Run run = runs.get(r);
            double[] loss = weighted(run.table(), task.lossColumns(), task.weights());
            double[] accuracy = weighted(run.table(), task.accuracyColumns(), task.weights());
            n[r] = run.parameters();
            d[r] = run.tokens();
            x[r] = lastMean(loss, k);
            acc[r] = lastMean(accuracy, k);
            if (upstream != null) {
                u[r] = lastMean(column(run.table(), upstream), k);
            }
            int skip = (int) Math.ceil(protocol.skipFraction() * loss.length);
            double[] xs = movingAverage(loss, skip, protocol.movingAverage());
            double[] ys = movingAverage(accuracy, skip, protocol.movingAverage());
            for (int i = 0; i < xs.length; i++) {
                stepTwo.add(new double[]{xs[i], ys[i], r});
            }
        }
        Map<String, double[]> lossColumns = new LinkedHashMap<>();
        lossColumns.put("N", n);
        lossColumns.put("D", d);
        lossColumns.put("x", x);
        lossColumns.put("acc", acc);
        if (upstream != null) {
            lossColumns.put("u", u);
        }
        Map<String, double[]> accuracyColumns = new LinkedHashMap<>();
        String[] names = {"x", "y", "run"};
        for (int c = 0; c < names.length; c++) {
            int col = c;
            accuracyColumns.put(names[c], stepTwo.stream().mapToDouble(row -> row[col]).toArray());
        }
        double[] targetLoss = weighted(target.table(), task.lossColumns(), task.weights());
        double[] targetAccuracy = weighted(target.table(), task.accuracyColumns(), task.weights());
        return new TaskLadder(task.name(), task.chance(),
                Dataset.of(task.name() + " loss per run", lossColumns),
                Dataset.of(task.name() + " accuracy per checkpoint", accuracyColumns),
                target.parameters(), target.tokens(), lastMean(targetLoss, k), lastMean(targetAccuracy, k),
                upstream == null ? Double.NaN : lastMean(column(target.table(), upstream), k));
    }

    private static double[] weighted(RawTable t, List<String> columns, List<Double> weights) {
        double[] out = new double[t.rowCount()];
        for (int c = 0; c < columns.size(); c++) {
            double[] v = column(t, columns.get(c));
            for (int i = 0; i < out.length; i++) {
                out[i] += weights.get(c) * v[i];
            }
        }
        return out;
    }

    /** The mean of the last k values (all of them when there are fewer). */
    static double lastMean(double[] v, int k) {
        int from = Math.max(0, v.length - k);
        double s = 0;
        for (int i = from; i < v.length; i++) {
            s += v[i];
        }
        return s / (v.length - from);
    }

    /**
     * The values after the first {@code skip}, each replaced by the mean of it and up to k - 1
     * kept values before it (the first ones average what there is).
     */
    static double[] movingAverage(double[] v, int skip, int k) {
        int m = Math.max(0, v.length - skip);
        double[] out = new double[m];
        double sum = 0;
        for (int i = 0; i < m; i++) {
            sum += v[skip + i];
            if (i >= k) {
                sum -= v[skip + i - k];
            }
            out[i] = sum / Math.min(i + 1, k);
        }
        return out;
    }
}
