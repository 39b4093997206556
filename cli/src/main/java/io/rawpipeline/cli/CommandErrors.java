package io.rawpipeline.cli;

import java.io.PrintWriter;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How a command answers what went wrong: one line on stderr that names the command and the problem (and, for a
 * wrong word, the valid ones), never a stack trace. A bad argument, a bad setting or a value a library refused
 * exits 2; anything else exits 1, its stack trace in the log at DEBUG.
 */
final class CommandErrors {

    static final int BAD_ARGUMENT = 2;
    static final int FAILED = 1;

    private CommandErrors() {
    }

    static int badArgument(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        report(command, e.getMessage() + validChoices(e, command.getCommandSpec()));
        return BAD_ARGUMENT;
    }

    static int failed(Exception e, CommandLine command, ParseResult parsed) {
        if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
            report(command, e.getMessage());
            return BAD_ARGUMENT;
        }
        // the logger only now: starting Log4j costs every command half a second, even --version
        LoggerFactory.getLogger(CommandErrors.class).debug("{} failed", command.getCommandSpec().qualifiedName(), e);
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        report(command, "failed: " + (cause == e ? "" : e.getMessage() + ": ") + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        return FAILED;
    }

    /** An unknown word gets the words this command knows; an unknown subcommand, the subcommands. */
    private static String validChoices(ParameterException e, CommandSpec spec) {
        if (e instanceof UnmatchedArgumentException || e.getMessage().startsWith("Missing required subcommand")) {
            String subcommands = String.join(", ", spec.subcommands().keySet());
            if (!subcommands.isEmpty()) {
                return " (commands: " + subcommands + ")";
            }
            return " (options: " + spec.options().stream().map(OptionSpec::longestName)
                    .collect(Collectors.joining(", ")) + ")";
        }
        return "";
    }

    private static void report(CommandLine command, String message) {
        PrintWriter err = command.getErr();
        err.println(command.getCommandSpec().qualifiedName() + ": " + message.replace('\n', ' ').strip()
                + "; see '" + command.getCommandSpec().qualifiedName() + " --help'");
        err.flush();
    }
}
