package dev.slaw.io.bench;

import dev.slaw.io.Checkpoints;
import dev.slaw.io.DatasetLoader;
import dev.slaw.io.LoadedDataset;
import dev.slaw.io.Recipe;
import dev.slaw.io.json.JsonObject;
import dev.slaw.io.store.RunStore;
import dev.slaw.io.store.StoredDataset;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times reading a large checkpoint table: generates a CSV of {@code rows} checkpoints (default
 * two million: 2,000 runs of 1,000 checkpoints, eight columns, as a W&amp;B export of a model
 * ladder looks; kept in {@code --dir} and reused), reads it into a dataset, keeps the last checkpoint of each run, imports it
 * into a run store and lists the store as {@code slaw runs} does.
 *
 * <p>Run with a heap cap to check the memory target, e.g.
 * {@code java -Xmx1g -cp ... dev.slaw.io.bench.ReadBenchmark --rows 2000000 --dir /tmp/bench}.
 * Targets: read under 3 s within 1 GB of heap; listing the store under 1 s.
 */
public final class ReadBenchmark {

    /** CPU time shows the cost of the read itself when other processes share the cores. */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ReadBenchmark() {
    }

    /**
     * Benchmark settings.
     *
     * @param rows  how many checkpoint rows to generate (two million for the target)
     * @param dir   where the CSV (kept and reused) and the store go
     * @param store whether to time the import and the listing too
     */
    public record Settings(int rows, Path dir, boolean store) {
    }

    public static void main(String[] args) throws IOException {
        int rows = 2_000_000;
        Path dir = null;
        boolean store = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--no-store" -> store = false;
                default -> {
                    System.err.println("usage: ReadBenchmark [--rows N] [--dir DIR] [--no-store]");
                    System.exit(2);
                }
            }
        }
        if (dir == null) {
            dir = Files.createTempDirectory("slaw-bench");
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        run(new Settings(rows, dir, store), out);
    }

    /**
     * Runs the benchmark, printing one line per measurement as it is made (for {@code slaw bench});
     * returns the same figures by name (for {@code slaw bench read --json}), in seconds and megabytes.
     */
    public static JsonObject run(Settings settings, PrintWriter out) throws IOException {
        Files.createDirectories(settings.dir());
        Path csv = settings.dir().resolve("checkpoints-" + settings.rows() + ".csv");
        JsonObject figures = new JsonObject().put("benchmark", "read").put("csv", csv.toString());
        if (Files.exists(csv)) {
            out.printf(Locale.ROOT, "reuse     %s (%.0f MB)%n", csv, Files.size(csv) / 1e6);
            figures.put("csv_reused", true);
        } else {
            long t0 = System.nanoTime();
            Path partial = settings.dir().resolve(csv.getFileName() + ".partial");
            generate(partial, settings.rows());
            Files.move(partial, csv);
            double generateSeconds = seconds(t0);
            out.printf(Locale.ROOT, "generate  %,d rows, %.0f MB: %.2f s%n", settings.rows(), Files.size(csv) / 1e6,
                    generateSeconds);
            figures.put("csv_reused", false).put("generate_seconds", generateSeconds);
        }
        figures.put("csv_mb", Files.size(csv) / 1e6);

        System.gc();
        resetPeaks();
        long t1 = System.nanoTime();
        long cpu1 = THREADS.getCurrentThreadCpuTime();
        LoadedDataset all = DatasetLoader.load(csv, Recipe.DEFAULT);
        double readSeconds = seconds(t1);
        double readCpu = (THREADS.getCurrentThreadCpuTime() - cpu1) / 1e9;
        double peakHeapMb = peakHeapBytes() / 1e6;
        out.printf(Locale.ROOT, "read      %,d rows x %d columns + %d labels: %.2f s (thread CPU %.2f s),"
                        + " peak heap %.0f MB (max %.0f MB)%n",
                all.dataset().rowCount(), all.dataset().columnNames().size(), all.dataset().labels().size(),
                readSeconds, readCpu, peakHeapMb, Runtime.getRuntime().maxMemory() / 1e6);
        figures.put("rows", all.dataset().rowCount()).put("columns", all.dataset().columnNames().size())
                .put("labels", all.dataset().labels().size()).put("read_seconds", readSeconds)
                .put("read_cpu_seconds", readCpu).put("peak_heap_mb", peakHeapMb)
                .put("max_heap_mb", Runtime.getRuntime().maxMemory() / 1e6);

        long t2 = System.nanoTime();
        LoadedDataset last = DatasetLoader.load(csv, Recipe.DEFAULT.withCheckpoints(
                Checkpoints.of(List.of("run_id"), "step").withLastOnly(true)));
        double lastSeconds = seconds(t2);
        out.printf(Locale.ROOT, "read+last %,d runs: %.2f s%n", last.dataset().rowCount(), lastSeconds);
        figures.put("runs", last.dataset().rowCount()).put("read_last_seconds", lastSeconds);

        if (!settings.store()) {
            return figures;
        }
        Path db = settings.dir().resolve("bench.duckdb");
        Files.deleteIfExists(db);
        long t3 = System.nanoTime();
        try (RunStore runs = RunStore.open(db)) {
            runs.save("checkpoints", all, csv.toString(), true);
        }
        double importSeconds = seconds(t3);
        out.printf(Locale.ROOT, "import    %,d rows: %.2f s%n", all.dataset().rowCount(), importSeconds);

        long t4 = System.nanoTime();
        List<StoredDataset> listed;
        try (RunStore runs = RunStore.openExisting(db)) {
            listed = runs.datasets();
        }
        double listSeconds = seconds(t4);
        out.printf(Locale.ROOT, "runs      %d dataset(s), %,d rows: %.3f s (in process, store already warm)%n",
                listed.size(), listed.get(0).rows(), listSeconds);
        out.println("store     " + db);
        out.flush();
        return figures.put("import_seconds", importSeconds).put("list_seconds", listSeconds).put("store", db.toString());
    }

    /** Writes a checkpoint table: run id, step, parameters, tokens, compute, learning rate, two losses. */
    static void generate(Path csv, int rows) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        int perRun = 1_000;
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("run_id,step,N,D,C,lr,loss,C4 Eval Loss\n");
            StringBuilder line = new StringBuilder(128);
            double n = 0;
            double lr = 0;
            for (int i = 0; i < rows; i++) {
                int run = i / perRun;
                int checkpoint = i % perRun + 1;
                if (checkpoint == 1) {
                    n = 1e7 * Math.pow(10, random.nextDouble() * 3);
                    lr = 1e-3 * (1 + random.nextInt(8));
                }
                int step = checkpoint * 128;
                double d = step * 524_288.0;
                double loss = 1.8 + 480 / Math.pow(n, 0.35) + 2100 / Math.pow(d, 0.37) + random.nextGaussian() * 0.01;
                line.setLength(0);
                line.append("run_").append(run).append(',').append(step).append(',').append((long) n).append(',')
                        .append((long) d).append(',').append(6 * n * d).append(',').append(lr).append(',')
                        .append(loss).append(',').append(loss + 0.05).append('\n');
                w.append(line);
            }
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** Sum of the heap pools' peaks since the last reset: an upper bound on the heap the read needed. */
    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
