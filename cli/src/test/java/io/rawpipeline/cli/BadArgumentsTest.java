package io.rawpipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every option of every command, given a bad value, is answered with one line on stderr that names the command and
 * the problem, and a non-zero exit, before anything is started or contacted; never a stack trace. A new option must
 * get a case here (or a reason in {@link #ANY_VALUE}): {@link #everyOptionHasABadValueTried} fails otherwise.
 */
class BadArgumentsTest {

    private static final Path A_FILE = createFile();
    private static final String NO_SUCH = "/no/such/folder";
    private static final String NOT_A_NUMBER = "x";

    /** The arguments a command needs besides the one tried, so only the tried value can be wrong. */
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "backfill", List.of("--source", "diagnostics", "--from", "2024-01-01", "--to", "2024-01-02",
                    "--queue-url", "http://127.0.0.1:1/queue"),
            "replay", List.of("--source", "diagnostics", "--from", "2024-01-01T00:00:00Z"),
            "schemas check", List.of("--schemas-dir", "../schemas/src/main/avro", "--released-dir",
                    "../schemas/released"),
            "schemas register", List.of("--registry", "http://127.0.0.1:1", "--schemas-dir",
                    "../schemas/src/main/avro", "--released-dir", "../schemas/released"),
            "parse", List.of("--format", "alb", "--input", A_FILE.toString()));

    /** Per command and option, a value that is wrong for a reason of its own (beyond not being a number). */
    private static final Map<String, Map<String, List<String>>> BAD = Map.ofEntries(Map.entry(
            "demo", Map.of("--objects", List.of("0"), "--rows", List.of("0"), "--pings", List.of("-1"),
                    "--timeout", List.of("5", "PT0S"), "--data-dir", List.of(A_FILE.toString()),
                    "--plugin-path", List.of(NO_SUCH))),
            Map.entry("local", Map.of("--data-dir", List.of(A_FILE.toString()), "--plugin-path", List.of(NO_SUCH),
                    "--inbox", List.of(A_FILE.toString()), "--alerts", List.of("nope"))),
            Map.entry("backfill", Map.of("--source", List.of("nope"), "--from", List.of("2024-13-01"),
                    "--to", List.of("2023-12-31"), "--queue-url", List.of("nope"), "--s3-endpoint", List.of("::x"),
                    "--sqs-endpoint", List.of("::x"), "--objects-per-second", List.of("0"),
                    "--state-dir", List.of(A_FILE.toString()))),
            Map.entry("replay", Map.of("--source", List.of("nope"), "--from", List.of("yesterday", "2999-01-01T00:00:00Z"),
                    "--to", List.of("2023-12-31T00:00:00Z"), "--bootstrap-servers", List.of("nope"),
                    "--registry", List.of("nope"), "--config", List.of(NO_SUCH))),
            Map.entry("schemas check", Map.of("--registry", List.of("nope"), "--schemas-dir", List.of(NO_SUCH),
                    "--released-dir", List.of(NO_SUCH))),
            Map.entry("schemas register", Map.of("--registry", List.of("nope"), "--schemas-dir", List.of(NO_SUCH),
                    "--released-dir", List.of(NO_SUCH))),
            Map.entry("parse", Map.of("--format", List.of("xml"), "--input", List.of(NO_SUCH), "--rejects", List.of("/"),
                    "--output", List.of("xml"))),
            Map.entry("bench parse", Map.of("--format", List.of("alb"), "--lines", List.of("0"), "--dir",
                    List.of(A_FILE.toString()), "--rounds", List.of("0"), "--warmup-lines", List.of("0"))),
            Map.entry("bench s3-source", Map.of("--mb", List.of("0"), "--object-mb", List.of("0"), "--tasks", List.of("0"),
                    "--batch-lines", List.of("0"), "--sqs-max-messages", List.of("11"),
                    "--producer-override", List.of("nope=1"), "--ceiling-records", List.of("0"),
                    "--rounds", List.of("0"), "--warmup-mb", List.of("-1"), "--timeout-seconds", List.of("0"))),
            Map.entry("bench e2e", Map.ofEntries(Map.entry("--mb", List.of("0")), Map.entry("--object-mb", List.of("0")),
                    Map.entry("--rounds", List.of("0")), Map.entry("--warmup-mb", List.of("-1")),
                    Map.entry("--rate", List.of("9")), Map.entry("--steady-seconds", List.of("0")),
                    Map.entry("--ceiling-records", List.of("0")), Map.entry("--data-dir", List.of(A_FILE.toString())),
                    Map.entry("--plugin-path", List.of(NO_SUCH)))),
            Map.entry("bench streams", Map.of("--mb", List.of("0"), "--object-mb", List.of("0"), "--rounds",
                    List.of("0"), "--warmup-mb", List.of("-1"), "--data-dir", List.of(A_FILE.toString()),
                    "--plugin-path", List.of(NO_SUCH), "--streams-setting", List.of("commit.interval.ms=soon"))),
            Map.entry("bench sink", Map.of("--mb", List.of("0"), "--object-mb", List.of("0"), "--rounds", List.of("0"),
                    "--warmup-mb", List.of("-1"), "--data-dir", List.of(A_FILE.toString()),
                    "--plugin-path", List.of(NO_SUCH), "--sink-setting", List.of("tasks.max=2"))),
            Map.entry("bench gateway", Map.of("--seconds", List.of("0"), "--warmup-seconds", List.of("-1"),
                    "--rounds", List.of("0"), "--connections", List.of("0"), "--rate", List.of("0", "fast"),
                    "--wrk-threads", List.of("0"), "--partitions", List.of("0"),
                    "--data-dir", List.of(A_FILE.toString()), "--gateway-setting", List.of("listen.port=-5"))),
            Map.entry("status", Map.of("--data-dir", List.of(NO_SUCH), "--bootstrap-servers", List.of("nope"),
                    "--registry", List.of("nope"), "--client-config", List.of(NO_SUCH), "--connect-url",
                    List.of("::x"), "--parse-app-url", List.of("::x"), "--stale-after", List.of("0s"),
                    "--watch", List.of("-5s"))),
            Map.entry("sql", Map.of("--data-dir", List.of(NO_SUCH), "--max-rows", List.of("0"))),
            Map.entry("dead-letters list", deadLetters()),
            Map.entry("dead-letters show", deadLetters()),
            Map.entry("dead-letters redrive", deadLetters()),
            Map.entry("faults", Map.of("--kills", List.of("-1"), "--partitions", List.of("-1"),
                    "--lines-per-object", List.of("0"), "--registry-outage", List.of("-5s", "soon"),
                    "--partition-time", List.of("-1s"), "--data-dir", List.of(A_FILE.toString()),
                    "--plugin-path", List.of(NO_SUCH))));

    private static Map<String, List<String>> deadLetters() {
        return Map.of("--data-dir", List.of(NO_SUCH), "--bootstrap-servers", List.of("nope"),
                "--registry", List.of("nope"), "--client-config", List.of(NO_SUCH), "--topic", List.of("raw.releases"));
    }

    /** Options any value of which is acceptable, and why. */
    private static final Map<String, String> ANY_VALUE = Map.ofEntries(
            Map.entry("dead-letters list --reason", "any text to look for"),
            Map.entry("dead-letters show --reason", "any text to look for"),
            Map.entry("dead-letters redrive --reason", "any text to look for"),
            Map.entry("dead-letters list --object", "any text to look for"),
            Map.entry("dead-letters show --object", "any text to look for"),
            Map.entry("dead-letters redrive --object", "any text to look for"),
            Map.entry("status --queue-url", "any queue URL: one SQS does not know shows as unknown"),
            Map.entry("status --json", "a flag"),
            Map.entry("sql --json", "a flag"),
            Map.entry("sql --csv", "a flag"),
            Map.entry("dead-letters list --json", "a flag"),
            Map.entry("dead-letters show --json", "a flag"),
            Map.entry("dead-letters redrive --execute", "a flag"),
            Map.entry("backfill --bucket", "any bucket name; a bucket that is not there is S3's answer when listing"),
            Map.entry("backfill --prefix", "any key prefix"),
            Map.entry("backfill --region", "any region name; the SDK's endpoint resolution answers for it"),
            Map.entry("backfill --bootstrap-servers",
                    "optional, only for the progress line; the Kafka client names a bad one"),
            Map.entry("backfill --force", "a flag"),
            Map.entry("faults --seed", "any number: it only chooses the parts and the moments"),
            Map.entry("bench parse --json", "a flag"),
            Map.entry("bench s3-source --json", "a flag"),
            Map.entry("bench e2e --json", "a flag"),
            Map.entry("bench streams --json", "a flag"),
            Map.entry("bench sink --json", "a flag"),
            Map.entry("bench gateway --json", "a flag"));

    private static final Set<Class<?>> TYPED = Set.of(int.class, long.class, double.class, java.time.Instant.class,
            java.time.Duration.class, java.time.LocalDate.class);

    record Case(String command, String option, String value) {
        @Override
        public String toString() {
            return "pipeline " + command + " " + option + " " + value;
        }
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (Map.Entry<String, CommandSpec> command : commands().entrySet()) {
            for (OptionSpec option : options(command.getValue())) {
                String name = option.longestName();
                BAD.getOrDefault(command.getKey(), Map.of()).getOrDefault(name, List.of())
                        .forEach(value -> cases.add(new Case(command.getKey(), name, value)));
                if (TYPED.contains(option.type())) {
                    cases.add(new Case(command.getKey(), name, NOT_A_NUMBER));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aBadValueGetsOneLineNamingTheProblemAndANonZeroExit(Case bad) {
        List<String> args = new ArrayList<>(List.of(bad.command().split(" ")));
        List<String> required = new ArrayList<>(REQUIRED.getOrDefault(bad.command(), List.of()));
        int given = required.indexOf(bad.option());
        if (given >= 0) {
            required.subList(given, given + 2).clear();
        }
        args.addAll(required);
        args.add(bad.option());
        args.add(bad.value());

        CommandRun run = CommandRun.of(args.toArray(String[]::new));

        assertThat(run.exitCode()).as("exit code").isNotZero();
        assertThat(run.out()).as("stdout").isEmpty();
        assertThat(run.err().lines().toList()).as("stderr").singleElement().asString()
                .startsWith("pipeline " + bad.command() + ": ")
                .doesNotContain("\tat ", "Exception:")
                .containsAnyOf(bad.option(), bad.value());
    }

    @Test
    void everyOptionHasABadValueTried() {
        List<String> untried = new ArrayList<>();
        for (Map.Entry<String, CommandSpec> command : commands().entrySet()) {
            for (OptionSpec option : options(command.getValue())) {
                String key = command.getKey() + " " + option.longestName();
                boolean tried = BAD.getOrDefault(command.getKey(), Map.of()).containsKey(option.longestName())
                        || TYPED.contains(option.type()) || ANY_VALUE.containsKey(key);
                if (!tried) {
                    untried.add(key);
                }
            }
        }
        assertThat(untried).as("options with no bad value tried and no reason in ANY_VALUE").isEmpty();
    }

    @Test
    void aWrongCommandNamesTheCommandsThereAre() {
        CommandRun run = CommandRun.of("bench", "nope");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().toList()).singleElement().asString()
                .contains("'nope'", "commands: parse, s3-source, e2e");
        assertThat(CommandRun.of("schemas").err()).contains("Missing required subcommand", "commands: check, register");
    }

    @Test
    void aWrongOptionNamesTheOptionsThereAre() {
        CommandRun run = CommandRun.of("bench", "parse", "--formt", "alb");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().toList()).singleElement().asString()
                .contains("'--formt'", "options: --json, --format, --lines, --dir, --rounds, --warmup-lines");
    }

    /** Every command that runs something, by its path under {@code pipeline}. */
    private static Map<String, CommandSpec> commands() {
        Map<String, CommandSpec> commands = new LinkedHashMap<>();
        collect(PipelineCommand.newCommandLine(), "", commands);
        return commands;
    }

    private static void collect(CommandLine command, String path, Map<String, CommandSpec> into) {
        if (command.getSubcommands().isEmpty()) {
            into.put(path, command.getCommandSpec());
        }
        command.getSubcommands().forEach((name, sub) -> collect(sub, path.isEmpty() ? name : path + " " + name, into));
    }

    private static List<OptionSpec> options(CommandSpec command) {
        return command.options().stream().filter(option -> !option.usageHelp() && !option.versionHelp()).toList();
    }

    private static Path createFile() {
        try {
            Path file = Files.createTempFile("bad-arguments", ".log");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
