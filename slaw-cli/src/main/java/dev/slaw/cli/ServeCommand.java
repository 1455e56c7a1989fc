package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.io.store.RunStore;
import dev.slaw.server.Commands;
import dev.slaw.server.Workbench;
import dev.slaw.uncertainty.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code slaw serve}: the web workbench and its REST API over a run store. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Start the web workbench and its REST API (Ctrl-C stops it).",
        footer = {"", "Example:", "  slaw serve --db runs.duckdb --port 8080", "",
                "The API is described at /openapi.json; docs/serve.md shows it called from Python and curl."})
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--db", paramLabel = "FILE", defaultValue = RunStore.DEFAULT_FILE,
            description = "The run store that uploads go into (default: ${DEFAULT-VALUE}); uploaded files and fits are kept in FILE.serve/ beside it.")
    Path db;

    @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 lets the system choose).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only). Any other exposes the store and its files to the network.")
    String host;

    @Option(names = "--max-upload", paramLabel = "BYTES", defaultValue = "200M",
            description = "Largest upload, e.g. 200M or 2G (default: ${DEFAULT-VALUE}); a larger one gets 413.")
    String maxUpload;

    /** The commands a client may run; never serve itself, nor one that writes files it names. */
    private static final Set<String> SERVED = Set.of("laws", "fit", "predict", "bootstrap", "plan", "import", "rows", "table", "validate",
            "sensitivity", "curve", "mixture", "chain",
            // the store's datasets listed, and one imported by the command line read (read-only) for the workbench
            "runs", "sql");

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new BadInputException("--port must be between 0 and 65535, got " + port);
        }
        Workbench.Settings settings = Workbench.Settings.of(db).withHost(host).withPort(port)
                .withMaxUpload(bytes(maxUpload));
        PrintWriter err = spec.commandLine().getErr();
        if (!Workbench.isLoopback(host)) {
            err.println("slaw serve: WARNING: listening on " + host + ", not only on this machine: anyone who can reach it"
                    + " can read and add datasets and run fits; there is no login");
            err.flush();
        }
        Workbench workbench = new Workbench(settings, COMMANDS);
        String address;
        try {
            address = workbench.start();
        } catch (RuntimeException e) {
            workbench.close();
            throw new BadInputException("cannot listen on " + host + ":" + port + " (" + rootMessage(e) + ")");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            workbench.close();
            stopped.countDown();
        }, "slaw-serve-stop"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("slaw serve: the workbench is at " + address + " (store " + db + "; Ctrl-C stops it)");
        out.flush();
        stopped.await();
        return 0;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** 200M, 2G, 1048576: bytes. */
    static long bytes(String text) {
        String t = text.strip().toUpperCase(java.util.Locale.ROOT);
        long factor = 1;
        if (t.endsWith("K") || t.endsWith("M") || t.endsWith("G")) {
            factor = switch (t.charAt(t.length() - 1)) {
                case 'K' -> 1024L;
                case 'M' -> 1024L * 1024;
                default -> 1024L * 1024 * 1024;
            };
            t = t.substring(0, t.length() - 1);
        }
        try {
            long n = Long.parseLong(t.strip());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(n, factor);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BadInputException("--max-upload: \"" + text + "\" is not a size such as 200M, 2G or 1048576");
        }
    }

    /** The slaw commands for the workbench, run in this process; a deleted fit is dropped from memory. */
    static final Commands COMMANDS = new Commands() {
        @Override
        public Outcome run(List<String> args, ProgressListener progress) {
            return runInProcess(args, progress);
        }

        @Override
        public void forget(Path fitFile) {
            ServedPredictions.forget(fitFile);
        }
    };

    /**
     * Runs a command line as {@link Main#run} does, with its output captured and the progress of
     * its long work sent to {@code progress}. Requests run commands side by side: the served
     * commands write no files of their own choosing (the workbench refuses options that name
     * one), so the staging of outputs, which assumes one command at a time, stays unused.
     */
    static Commands.Outcome runInProcess(List<String> args, ProgressListener progress) {
        if (args.isEmpty() || !SERVED.contains(args.get(0))) {
            throw new IllegalArgumentException("the workbench does not run " + args);
        }
        Commands.Outcome point = ServedPredictions.tryPoint(args);
        if (point != null) {
            return point;
        }
        if (args.get(0).equals("table")) {
            return table(args.get(1), Integer.parseInt(args.get(2)), args.subList(3, args.size()));
        }
        if (args.get(0).equals("rows")) {
            return rows(args.get(1), args.get(2), args.subList(3, args.size()));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Progress.SERVED.set(progress == ProgressListener.NONE ? null : progress);
        try {
            int code = Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
            return new Commands.Outcome(code, out.toString(), err.toString());
        } finally {
            Progress.SERVED.remove();
        }
    }

    /**
     * The rows a fit was fitted to, for the workbench's plot: the table read with the fit's own
     * options (as {@code slaw fit} read it), each row's variables, observed target and the fit's
     * prediction.
     */
    private static Commands.Outcome rows(String fitFile, String table, List<String> fitOptions) {
        try {
            FitCommand command = new FitCommand();
            java.util.List<String> args = new java.util.ArrayList<>(fitOptions);
            args.add(0, table);
            new picocli.CommandLine(command).parseArgs(args.toArray(String[]::new));
            Path file = Path.of(fitFile);
            dev.slaw.io.LoadedDataset loaded = command.data.load(table);
            FitCommand.FitSettings.Prepared prepared = command.settings.prepare(loaded);
            dev.slaw.data.Dataset d = prepared.data();
            dev.slaw.io.json.JsonObject doc = new dev.slaw.io.json.JsonObject();
            String target;
            List<String> variables;
            double[] predicted;
            if (dev.slaw.io.fit.GroupedFitJson.isGroupedFile(file)) {
                // one fit per group: each row predicted by its own group's fit, the group named per row
                dev.slaw.fit.GroupedFit grouped = dev.slaw.io.fit.GroupedFitJson.load(file);
                target = grouped.target();
                variables = grouped.law().variables();
                String[] groups = GroupedFits.groupOfRows(loaded, d);
                predicted = new double[d.rowCount()];
                java.util.Arrays.fill(predicted, Double.NaN);
                for (var e : dev.slaw.fit.GroupFitter.rowsByGroup(d, grouped.groupColumn(), groups).entrySet()) {
                    if (grouped.fits().containsKey(e.getKey())) {
                        double[] y = grouped.fit(e.getKey()).predict(d.select(e.getValue()));
                        for (int i = 0; i < y.length; i++) {
                            predicted[e.getValue()[i]] = y[i];
                        }
                    }
                }
                doc.put("grouped_by", grouped.groupColumn());
                doc.putTexts("groups", java.util.Arrays.asList(groups));
            } else {
                dev.slaw.fit.Fit fit = dev.slaw.io.fit.FitJson.load(file);
                target = fit.target();
                variables = fit.law().variables();
                predicted = fit.predict(d);
            }
            doc.put("target", target);
            doc.putTexts("variables", variables);
            dev.slaw.io.json.JsonObject columns = dev.slaw.io.json.JsonObject.ofNames();
            for (String v : variables) {
                dev.slaw.io.json.JsonArray a = columns.putArray(v);
                for (double x : d.column(v)) {
                    a.add(x);
                }
            }
            doc.put("columns", columns);
            dev.slaw.io.json.JsonArray observed = doc.putArray("observed");
            for (double y : d.column(target)) {
                observed.add(y);
            }
            dev.slaw.io.json.JsonArray p = doc.putArray("predicted");
            for (double y : predicted) {
                p.add(y);
            }
            dev.slaw.io.json.JsonArray rows = doc.putArray("row_numbers");
            for (int r : d.rowNumbers()) {
                rows.add(r);
            }
            return new Commands.Outcome(0, doc.toString() + "\n", "");
        } catch (BadInputException | picocli.CommandLine.ParameterException e) {
            return new Commands.Outcome(Main.BAD_INPUT, "", "slaw serve: " + e.getMessage() + "\n");
        }
    }

    /**
     * A table as {@code slaw fit} reads it with the data options given (the upload's
     * {@code --map} and {@code --derive}): its numeric columns and labels, the first rows and
     * the loader's notes, for the workbench's preview.
     */
    /** The data options alone, as every command that reads a table takes them. */
    @picocli.CommandLine.Command(name = "table")
    static final class TableRead {
        @picocli.CommandLine.Mixin
        DataOptions data = new DataOptions();
    }

    private static Commands.Outcome table(String table, int rows, List<String> dataOptions) {
        try {
            TableRead command = new TableRead();
            new picocli.CommandLine(command).parseArgs(dataOptions.toArray(String[]::new));
            dev.slaw.io.LoadedDataset loaded = command.data.load(table);
            dev.slaw.data.Dataset d = loaded.dataset();
            dev.slaw.io.json.JsonObject doc = new dev.slaw.io.json.JsonObject().put("row_count", d.rowCount());
            List<String> names = new java.util.ArrayList<>(d.columnNames());
            names.addAll(d.labels().keySet());
            doc.putTexts("columns", names);
            dev.slaw.io.json.JsonArray numeric = doc.putArray("numeric");
            names.forEach(n -> numeric.addValue(d.hasColumn(n)));
            List<Object> columns = new java.util.ArrayList<>();
            names.forEach(n -> columns.add(d.hasColumn(n) ? d.column(n) : d.labels().get(n)));
            dev.slaw.io.json.JsonArray data = doc.putArray("rows");
            for (int r = 0; r < Math.min(rows, d.rowCount()); r++) {
                dev.slaw.io.json.JsonArray row = data.addArray();
                for (Object c : columns) {
                    if (c instanceof double[] x) {
                        row.add(x[r]);
                    } else {
                        String v = ((String[]) c)[r];
                        row.add(v == null ? "" : v);
                    }
                }
            }
            doc.putTexts("notes", loaded.notes());
            return new Commands.Outcome(0, doc.toString() + "\n", "");
        } catch (BadInputException | picocli.CommandLine.ParameterException e) {
            return new Commands.Outcome(Main.BAD_INPUT, "", "slaw serve: " + e.getMessage() + "\n");
        }
    }
}
