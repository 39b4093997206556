package io.rawpipeline.cli.deadletters;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pipeline dead-letters list}: counts by topic, reason and object, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Counts the dead letters by topic, reason and source object, the newest group first.")
public final class DeadLettersListCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DeadLetterOptions options;

    @Option(names = "--json", description = "One JSON array of groups instead of a table.")
    private boolean json;

    /** Dead letters alike: same topic, reason and object. */
    record Group(String topic, String reason, String object, long count, Instant newest) {
    }

    @Override
    public Integer call() throws Exception {
        Map<List<String>, Group> groups = new LinkedHashMap<>();
        for (DeadLetter letter : DeadLettersCommand.select(options)) {
            String object = letter.object() == null ? "-" : letter.object();
            groups.merge(List.of(letter.topic(), letter.reason(), object),
                    new Group(letter.topic(), letter.reason(), object, 1, letter.time()),
                    (a, b) -> new Group(a.topic(), a.reason(), a.object(), a.count() + 1,
                            a.newest().isAfter(b.newest()) ? a.newest() : b.newest()));
        }
        List<Group> sorted = new ArrayList<>(groups.values());
        sorted.sort(Comparator.comparing(Group::newest).reversed());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ArrayNode array = mapper.createArrayNode();
            sorted.forEach(g -> array.addObject().put("topic", g.topic()).put("reason", g.reason())
                    .put("object", g.object()).put("count", g.count()).put("newest", g.newest().toString()));
            out.println(mapper.writeValueAsString(array));
        } else if (sorted.isEmpty()) {
            out.println("No dead letters.");
        } else {
            out.printf("%-7s  %-24s  %-28s  %s%n", "COUNT", "NEWEST", "TOPIC", "REASON / OBJECT");
            for (Group g : sorted) {
                out.printf("%7d  %-24s  %-28s  %s%n%63s%s%n", g.count(), g.newest(), g.topic(), g.reason(), "",
                        g.object());
            }
        }
        out.flush();
        return 0;
    }
}
