package org.mmkgrec.service.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code ./mmkg} command line. Each subcommand is its own class; this one only dispatches.
 * Bad arguments print the usage of the subcommand and exit with 2. Every other failure, an
 * {@link Error} such as running out of memory included, ends with one line
 * {@code mmkg <command>: <what went wrong>} and exit code 1; the stack trace only with
 * {@code --verbose} (or {@code -Dmmkg.debug=true}).
 */
@Command(name = "mmkg", mixinStandardHelpOptions = true, version = "MMKG-Rec 0.1.0",
        description = "Multimodal knowledge-graph recommender on Neo4j.",
        subcommands = {LoadCommand.class, StatsCommand.class, TrainCommand.class, VersionsCommand.class, TuneCommand.class, ServeCommand.class, DemoCommand.class, EvaluateCommand.class, BenchLoadCommand.class,
                DeriveSparseCommand.class, GenerateCommand.class,
                CommandLine.HelpCommand.class})
public final class MmkgCli implements Runnable {

    /** Exit code of a command that failed (bad input, I/O, out of memory...); 2 is picocli's for bad arguments. */
    static final int FAILED = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "print the stack trace of a failure (default: one line)")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(execute(commandLine(), args));
    }

    /** Runs the command line; a throwable that escapes picocli (an Error) still ends in one line. */
    static int execute(CommandLine cli, String... args) {
        try {
            return cli.execute(args);
        } catch (Throwable e) {
            boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
            report(e, "mmkg", cli.getErr(), cli.getColorScheme(), verbose);
            return FAILED;
        }
    }

    static CommandLine commandLine() {
        return configure(new CommandLine(new MmkgCli()));
    }

    /** Installs the number converters and the one-line failure handler on a command line. */
    static CommandLine configure(CommandLine cli) {
        // NaN and infinities parse as doubles but are no threshold, rate or fraction: refused as bad arguments
        CommandLine.ITypeConverter<Double> finite = MmkgCli::finiteDouble;
        cli.registerConverter(Double.class, finite);
        cli.registerConverter(Double.TYPE, finite);
        cli.registerConverter(Float.class, v -> finiteDouble(v).floatValue());
        cli.registerConverter(Float.TYPE, v -> finiteDouble(v).floatValue());
        cli.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            report(e, "mmkg " + cmd.getCommandName(), cmd.getErr(), cmd.getColorScheme(), verbose(parseResult));
            return FAILED;
        });
        return cli;
    }

    static Double finiteDouble(String value) {
        double x;
        try {
            x = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a number");
        }
        if (!Double.isFinite(x)) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a finite number");
        }
        return x;
    }

    /** One line: what failed and why; the stack trace only when asked for. */
    static void report(Throwable e, String command, PrintWriter err, CommandLine.Help.ColorScheme colors, boolean verbose) {
        err.println(colors.errorText(command + ": " + describe(e) + (verbose ? "" : hint(e))));
        if (verbose || Boolean.getBoolean("mmkg.debug")) {
            e.printStackTrace(err);
        }
        err.flush();
    }

    /**
     * The failure in one line: its message, its cause's where that adds something (an I/O error's
     * reason), and for exceptions without a message (a bug) the exception's type and place.
     */
    static String describe(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "out of memory; raise -Xmx (e.g. MMKG_JAVA_OPTS=-Xmx12g ./mmkg ...) or use a smaller input";
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            StackTraceElement[] at = e.getStackTrace();
            message = "internal error " + e.getClass().getName() + (at.length > 0 ? " at " + at[0] : "");
        }
        Throwable cause = e.getCause();
        if (cause != null && cause != e && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message += ": " + cause.getMessage();
        }
        return message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    private static String hint(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() || e instanceof Error
                ? " (run with --verbose for the stack trace)" : "";
    }

    private static boolean verbose(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (load, stats, serve, demo)");
    }
}
