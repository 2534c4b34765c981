package org.mmkgrec.service.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./mmkg} command line. Each subcommand is its own class; this one only dispatches.
 * Bad arguments print the usage of the subcommand and exit with 2.
 */
@Command(name = "mmkg", mixinStandardHelpOptions = true, version = "MMKG-Rec 0.1.0",
        description = "Multimodal knowledge-graph recommender on Neo4j.",
        subcommands = {LoadCommand.class, StatsCommand.class, TrainCommand.class, TuneCommand.class, ServeCommand.class, DemoCommand.class, EvaluateCommand.class, BenchLoadCommand.class,
                DeriveSparseCommand.class,
                CommandLine.HelpCommand.class})
public final class MmkgCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new MmkgCli());
        cli.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            cmd.getErr().println(cmd.getColorScheme().errorText("mmkg " + cmd.getCommandName() + ": " + e.getMessage()));
            if (Boolean.getBoolean("mmkg.debug")) {
                e.printStackTrace(cmd.getErr());
            }
            return 1;
        });
        return cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (load, stats, serve, demo)");
    }
}
