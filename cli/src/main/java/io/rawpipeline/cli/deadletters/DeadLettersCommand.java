package io.rawpipeline.cli.deadletters;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pipeline dead-letters}: what went to the dead-letter topics and why, and sending it back after a fix. */
@Command(name = "dead-letters", mixinStandardHelpOptions = true,
        description = "The dead-letter topics of a running pipeline: count them, read them, re-drive them.",
        subcommands = {DeadLettersListCommand.class, DeadLettersShowCommand.class, DeadLettersRedriveCommand.class})
public final class DeadLettersCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    /** The dead letters the options select, newest first. */
    static List<DeadLetter> select(DeadLetterOptions options) throws Exception {
        options.check();
        List<DeadLetter> selected = new ArrayList<>();
        try (DeadLetterReader reader = new DeadLetterReader(options.clientSettings(), options.registryUrl())) {
            Set<String> topics = reader.topics(options.topics());
            if (!options.topics().isEmpty() && !topics.containsAll(options.topics())) {
                throw new IllegalArgumentException("no such dead-letter topic among " + options.topics()
                        + "; there are " + reader.topics(Set.of()));
            }
            reader.read(topics, letter -> {
                if (options.selects(letter)) {
                    selected.add(letter);
                }
            });
        }
        selected.sort(Comparator.comparing(DeadLetter::time).reversed());
        return selected;
    }
}
