package dev.slaw.cli;

import dev.slaw.Slaw;
import dev.slaw.data.BadInputException;
import dev.slaw.fit.FitFailedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * The {@code slaw} command: one verb per job. Exit codes: 0 success, 1 a fit that found no
 * optimum or did not converge, 2 bad input or usage (one line on standard error naming what and
 * where). {@link #commandLine()} builds the command line for {@link #main} and the tests alike,
 * and {@link #failed} is its one exception handler: commands throw, they never print a failure.
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
            "validate", "sensitivity", "plan", "curve", "report", "import", "runs", "fits", "sql", "bench", "chain",
            "observe", "mixture", "skills", "discover", "compare", "serve");
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
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            System.err.println("slaw: " + describe(e));
            debugTrace(new PrintWriter(System.err, true), e);
        });
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
            case "compare" -> new CompareCommand();
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
            case "chain" -> new ChainCommand();
            case "observe" -> new ObserveCommand();
            case "mixture" -> new MixtureCommand();
            case "skills" -> new SkillsCommand();
            case "discover" -> new DiscoverCommand();
            case "serve" -> new ServeCommand();
            default -> throw new IllegalArgumentException("no verb " + verb);
        };
    }

    /** Runs the command line with the given streams and returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, null, out, err);
    }

    /**
     * {@link #run(String[], PrintWriter, PrintWriter)} with the verb {@code args[0]} done by the
     * given command object (slaw-spark's bootstrap), or by slaw's own when it is null.
     */
    public static int run(String[] args, Object verbCommand, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(args.length > 0 ? args[0] : null, verbCommand);
        cl.setOut(out);
        cl.setErr(err);
        try {
            return cl.execute(args);
        } catch (Throwable e) { // the last stop: errors (memory, stack) pass picocli's handler
            CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
            if (cl.getSubcommands().size() == 1) {
                spec = cl.getSubcommands().values().iterator().next().getCommandSpec();
            }
            return failed(spec, e);
        }
    }

    /** The configured command line with every verb (error handling, exit codes). */
    public static CommandLine commandLine() {
        return commandLine(null);
    }

    /** The configured command line with just the named verb, or every verb when it is not one. */
    static CommandLine commandLine(String verb) {
        return commandLine(verb, null);
    }

    private static CommandLine commandLine(String verb, Object verbCommand) {
        CommandLine cl = new CommandLine(new Main());
        if (verb != null && VERBS.contains(verb)) {
            cl.addSubcommand(verb, verbCommand != null ? verbCommand : command(verb));
        } else {
            for (String name : VERBS) {
                cl.addSubcommand(name, command(name));
            }
            cl.addSubcommand("help", new CommandLine.HelpCommand());
        }
        cl.setExecutionStrategy(Main::executeStaged);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> failed(commandLine.getCommandSpec(), e));
        cl.setParameterExceptionHandler((e, args) -> {
            String help = e.getCommandLine().getCommandSpec().qualifiedName();
            return report(e.getCommandLine().getCommandSpec(), e.getMessage() + " (see '"
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
            check(command.commandSpec());
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

    /** Checks the values of every {@link CheckedOptions} mixin of a command, nested ones too. */
    private static void check(CommandSpec spec) {
        for (CommandSpec mixin : spec.mixins().values()) {
            if (mixin.userObject() instanceof CheckedOptions options) {
                options.check();
            }
            check(mixin);
        }
    }

    /**
     * The one exception handler: prints one line {@code slaw VERB: what and where} on the command's
     * error stream and returns the exit code. A user's mistake ({@link BadInputException}) exits 2;
     * a fit that failed ({@link FitFailedException}) exits 1; anything else (a file the system
     * refuses, memory running out, a bug) exits 2 with a hint and, under {@code SLAW_DEBUG=1},
     * its stack trace.
     */
    static int failed(CommandSpec spec, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BadInputException) {
                return report(spec, t.getMessage(), BAD_INPUT);
            }
            if (t instanceof FitFailedException) {
                return report(spec, t.getMessage(), FIT_FAILED);
            }
        }
        int code = report(spec, describe(e), BAD_INPUT);
        debugTrace(spec.commandLine().getErr(), e);
        return code;
    }

    /** Prints {@code slaw VERB: message} on one line and returns {@code code}. */
    private static int report(CommandSpec spec, String message, int code) {
        PrintWriter err = spec.commandLine().getErr();
        String who = spec.qualifiedName();
        String line = message == null ? "error" : message.replace('\n', ' ').replace('\r', ' ').strip();
        err.println((who.startsWith("slaw") ? who : "slaw " + who) + ": " + line);
        err.flush();
        return code;
    }

    /** The stack trace, only when {@code SLAW_DEBUG} is set (to anything but 0): a user never sees one unasked. */
    private static void debugTrace(PrintWriter err, Throwable e) {
        String debug = System.getenv("SLAW_DEBUG");
        if (debug != null && !debug.isEmpty() && !debug.equals("0")) {
            e.printStackTrace(err);
            err.flush();
        }
    }

    /** One line for a failure that is not the user's input: what happened, and what to do. */
    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return "out of memory (" + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                        + " MB heap); give Java more, e.g. JAVA_OPTS=-Xmx4g, or read fewer rows";
            }
            if (t instanceof StackOverflowError) {
                return "input nested too deeply to process (a formula, JSON document or expression)";
            }
            if (t instanceof CharacterCodingException) {
                return "a file is not UTF-8 text";
            }
            if (t instanceof AccessDeniedException a) {
                return a.getFile() + ": permission denied";
            }
            if (t instanceof NoSuchFileException n) {
                return n.getFile() + ": no such file or folder";
            }
            if (t instanceof FileSystemException f) {
                return f.getFile() + ": " + (f.getReason() == null ? "cannot use this file" : f.getReason());
            }
            if (t instanceof IOException io) {
                return "cannot read or write a file: " + io.getMessage();
            }
        }
        // named without the word "exception": the user sees one line about slaw, not Java's trace
        String kind = e.getClass().getSimpleName().replace("Exception", "").replace("Error", "");
        return "internal error (" + kind + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")"
                + (e.getStackTrace().length > 0 ? " in " + e.getStackTrace()[0].getClassName() + "."
                + e.getStackTrace()[0].getMethodName() : "") + "; please report it (rerun with SLAW_DEBUG=1 for the trace)";
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
