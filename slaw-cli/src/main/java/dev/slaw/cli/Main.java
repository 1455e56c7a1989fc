package dev.slaw.cli;

import dev.slaw.Slaw;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;

/**
 * The {@code slaw} command: one verb per job. Exit codes: 0 success, 1 a fit that found no
 * optimum or did not converge, 2 bad input or usage (one line on standard error naming what and
 * where).
 */
@Command(name = "slaw", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Fit scaling laws to training runs, quantify their uncertainty, extrapolate and plan.")
public final class Main implements Runnable {
    /**
     * The verbs, in the order help lists them. Only the one named on the command line is built:
     * picocli reads every option of a command by reflection, and building all of them costs
     * about 0.3 s of a start-up.
     */
    private static final List<String> VERBS = List.of("laws", "fit", "predict", "bootstrap", "likelihood",
            "validate", "sensitivity", "plan", "curve", "report", "import", "runs", "fits", "sql", "bench");
    /** Exit code for input or usage the user can fix. */
    public static final int BAD_INPUT = 2;
    /** Exit code for a fit that found no usable optimum. */
    public static final int FIT_FAILED = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // no option takes a date, a time or a database type: picocli need not load those
        // modules' classes to register converters for them at every start (10 ms)
        if (System.getProperty("picocli.converters.excludes") == null) {
            System.setProperty("picocli.converters.excludes", "java\\.sql\\..*,java\\.time\\..*");
        }
        // a thread of slaw's own that fails says so in one line too, never with a trace
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> System.err.println("slaw: " + Failures.describe(e)));
        // standard output buffered and flushed once at the end: flushing each line made a
        // two-million-row prediction spend most of its time in write calls
        PrintWriter out = new PrintWriter(new java.io.BufferedWriter(new java.io.OutputStreamWriter(
                new java.io.FileOutputStream(java.io.FileDescriptor.out), java.nio.charset.Charset.defaultCharset()),
                1 << 16), false);
        int code = run(args, out, new PrintWriter(System.err, true));
        out.flush();
        System.exit(code);
    }

    /**
     * A new command object for a verb. A switch rather than a table of constructor references:
     * each reference loads its command class and spins a lambda class at start-up (20 ms for all).
     */
    private static Object command(String verb) {
        return switch (verb) {
            case "laws" -> new LawsCommand();
            case "fit" -> new FitCommand();
            case "predict" -> new PredictCommand();
            case "bootstrap" -> new BootstrapCommand();
            case "likelihood" -> new LikelihoodCommand();
            case "validate" -> new ValidateCommand();
            case "sensitivity" -> new SensitivityCommand();
            case "plan" -> new PlanCommand();
            case "curve" -> new CurveCommand();
            case "report" -> new ReportCommand();
            case "import" -> new ImportCommand();
            case "runs" -> new RunsCommand();
            case "fits" -> new FitsCommand();
            case "sql" -> new SqlCommand();
            case "bench" -> new BenchCommand();
            default -> throw new IllegalArgumentException("no verb " + verb);
        };
    }

    /** Runs the command line with the given streams and returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(args.length > 0 ? args[0] : null);
        cl.setOut(out);
        cl.setErr(err);
        try {
            return cl.execute(args);
        } catch (Throwable e) { // the last stop: errors (memory, stack) pass picocli's handler
            CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
            if (cl.getSubcommands().size() == 1) {
                spec = cl.getSubcommands().values().iterator().next().getCommandSpec();
            }
            return Failures.report(spec, e);
        }
    }

    /** The configured command line with every verb (error handling, exit codes). */
    public static CommandLine commandLine() {
        return commandLine(null);
    }

    /** The configured command line with just the named verb, or every verb when it is not one. */
    static CommandLine commandLine(String verb) {
        CommandLine cl = new CommandLine(new Main());
        if (verb != null && VERBS.contains(verb)) {
            cl.addSubcommand(verb, command(verb));
        } else {
            for (String name : VERBS) {
                cl.addSubcommand(name, command(name));
            }
            cl.addSubcommand("help", new CommandLine.HelpCommand());
        }
        cl.setExecutionStrategy(Main::executeStaged);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> Failures.report(commandLine.getCommandSpec(), e));
        cl.setParameterExceptionHandler((e, args) -> {
            String help = e.getCommandLine().getCommandSpec().qualifiedName();
            return Failures.report(e.getCommandLine().getCommandSpec(), e.getMessage() + " (see '"
                    + (help.equals("slaw") ? "slaw --help" : help + " --help") + "')", BAD_INPUT);
        });
        return cl;
    }

    /**
     * Runs the command with its output files staged: every output path is checked before any
     * work, and the files appear only when the command returns 0 (see {@link Outputs}).
     */
    private static int executeStaged(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult command = parseResult;
        while (command.hasSubcommand()) {
            command = command.subcommand();
        }
        Outputs outputs;
        try {
            outputs = Outputs.begin(parseResult);
        } catch (RuntimeException e) { // picocli passes only this exception to the handler
            throw new CommandLine.ExecutionException(command.commandSpec().commandLine(), e.getMessage(), e);
        }
        try (outputs) {
            int code = new CommandLine.RunLast().execute(parseResult);
            if (code == 0) {
                try {
                    outputs.commit();
                } catch (RuntimeException e) {
                    throw new CommandLine.ExecutionException(command.commandSpec().commandLine(), e.getMessage(), e);
                }
            }
            return code;
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reports the slaw version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"slaw " + Slaw.version() + " (Java " + System.getProperty("java.version") + ")"};
        }
    }
}
