package io.rawpipeline.cli.deadletters;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pipeline dead-letters redrive}: back to the stage that failed them, once, after a fix. */
@Command(name = "redrive", mixinStandardHelpOptions = true,
        description = {"Sends the selected dead letters back to the stage that failed them: a raw line to its raw "
                + "topic (parsed again), a sink's record to the topic its sink reads. Each is sent once, however often "
                + "this runs; what is still bad becomes a dead letter again with its new reason.",
                "Without --execute it only shows what it would send."})
public final class DeadLettersRedriveCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DeadLetterOptions options;

    @Option(names = "--execute", description = "Send them (default: a dry run).")
    private boolean execute;

    @Override
    public Integer call() throws Exception {
        List<DeadLetter> selected = DeadLettersCommand.select(options);
        Redrive redrive = new Redrive(options.clientSettings());
        PrintWriter out = spec.commandLine().getOut();
        long notRedrivable = selected.stream().filter(letter -> letter.redrive() == null).count();
        List<DeadLetter> sent = execute ? redrive.send(selected) : Redrive.toSend(selected, redrive.ledger());
        Map<String, Long> byTarget = new TreeMap<>();
        sent.forEach(letter -> byTarget.merge(letter.topic() + " -> " + letter.redriveTo(), 1L, Long::sum));
        out.printf("%s %d of %d selected dead letters (%d re-driven before, %d not re-drivable from Kafka: "
                + "objects are read again with 'pipeline backfill --force').%n",
                execute ? "Re-drove" : "Would re-drive", sent.size(), selected.size(), selected.size() - sent.size() - notRedrivable, notRedrivable);
        byTarget.forEach((target, count) -> out.printf("  %7d  %s%n", count, target));
        if (!execute && !sent.isEmpty()) {
            out.println("Run again with --execute to send them.");
        }
        out.flush();
        return 0;
    }
}
