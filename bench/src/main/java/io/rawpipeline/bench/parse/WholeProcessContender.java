package io.rawpipeline.bench.parse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A contender that is a whole process, as a person runs it: the JVM's start, class loading and JIT warm-up, reading
 * the file, and exit. The process says how many rows it read on its output; {@code rows} finds the number there.
 */
final class WholeProcessContender implements Contender {

    private final String name;
    private final Function<Path, List<String>> command;
    private final Pattern rows;

    WholeProcessContender(String name, Function<Path, List<String>> command, Pattern rows) {
        this.name = name;
        this.command = command;
        this.rows = rows;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long run(Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command.apply(file)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        Matcher matcher = rows.matcher(output);
        if (exit != 0 || !matcher.find()) {
            throw new IllegalStateException(name + " exited with " + exit + " and did not say its rows:\n" + output);
        }
        return Long.parseLong(matcher.group(1).replace(",", ""));
    }
}
