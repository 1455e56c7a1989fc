package dev.slaw.cli;

import dev.slaw.Slaw;
import dev.slaw.data.BadInputException;
import dev.slaw.fit.FitFailedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code slaw} command: one verb per job. Exit codes: 0 success, 1 a fit that found no
 * optimum or did not converge, 2 bad input or usage (one line on standard error naming what and
 * where).
 */
@Command(name = "slaw", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Fit scaling laws to training runs, quantify their uncertainty, extrapolate and plan.",
        subcommands = {LawsCommand.class, FitCommand.class, PredictCommand.class, BootstrapCommand.class,
                ValidateCommand.class, SensitivityCommand.class, PlanCommand.class, CurveCommand.class,
                ReportCommand.class, ImportCommand.class, RunsCommand.class, FitsCommand.class, SqlCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code for input or usage the user can fix. */
    public static final int BAD_INPUT = 2;
    /** Exit code for a fit that found no usable optimum. */
    public static final int FIT_FAILED = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    /** The configured command line (error handling, exit codes). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof BadInputException) {
                err.println("slaw: " + oneLine(e.getMessage()));
                return BAD_INPUT;
            }
            if (e instanceof FitFailedException) {
                err.println("slaw: " + oneLine(e.getMessage()));
                return FIT_FAILED;
            }
            throw e;
        });
        cl.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("slaw: " + oneLine(e.getMessage()) + " (see 'slaw help " + e.getCommandLine().getCommandName()
                    + "')");
            return BAD_INPUT;
        });
        return cl;
    }

    private static String oneLine(String s) {
        return s == null ? "error" : s.replace('\n', ' ').strip();
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
