package io.rawpipeline.cli.deadletters;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code pipeline dead-letters show}: the dead letters themselves, newest first. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Prints dead letters, newest first: where, when, the object and line, the reason, the input.")
public final class DeadLettersShowCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DeadLetterOptions options;

    @Option(names = "--limit", defaultValue = "20", description = "At most this many (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Option(names = "--json", description = "One JSON object per line instead of text.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        if (limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1, not " + limit);
        }
        List<DeadLetter> letters = DeadLettersCommand.select(options);
        PrintWriter out = spec.commandLine().getOut();
        ObjectMapper mapper = new ObjectMapper();
        for (DeadLetter letter : letters.subList(0, Math.min(limit, letters.size()))) {
            if (json) {
                ObjectNode node = mapper.createObjectNode().put("topic", letter.topic())
                        .put("partition", letter.partition()).put("offset", letter.offset())
                        .put("time", letter.time().toString()).put("stage", letter.stage())
                        .put("reason", letter.reason()).put("object", letter.object());
                node.put("line", letter.line());
                node.put("input", letter.input()).put("redrive_to", letter.redriveTo());
                out.println(mapper.writeValueAsString(node));
            } else {
                out.printf("%s  %s  %s (%s)%n  from:   %s%n  reason: %s%n  input:  %s%n%n", letter.time(),
                        letter.id(), letter.stage(), letter.redriveTo() == null ? "not re-drivable"
                                : "re-drives to " + letter.redriveTo(), letter.where(), letter.reason(),
                        letter.input());
            }
        }
        if (!json && letters.size() > limit) {
            out.printf("%d more; narrow with --reason, --object, --since, or raise --limit.%n",
                    letters.size() - limit);
        }
        out.flush();
        return 0;
    }
}
