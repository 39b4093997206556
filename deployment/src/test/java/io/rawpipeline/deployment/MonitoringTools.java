package io.rawpipeline.deployment;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * promtool (Debian package prometheus) and amtool (prometheus-alertmanager), run with a timeout. A tool missing from
 * the PATH fails the test with how to install it, or, with {@code -Dmonitoring.tools.optional=true}, skips it.
 */
final class MonitoringTools {

    static final String OPTIONAL = "monitoring.tools.optional";
    static final String INSTALL = "apt-get install -y prometheus prometheus-alertmanager";
    static final long TIMEOUT_SECONDS = 60;

    /** One run: the command, its exit code and what it printed (stdout and stderr together). */
    record Run(List<String> command, int exitCode, String output) {
        @Override
        public String toString() {
            return String.join(" ", command) + " exited " + exitCode + ":\n" + output;
        }
    }

    private MonitoringTools() {
    }

    static Path promtool() {
        return require("promtool");
    }

    static Path amtool() {
        return require("amtool");
    }

    static Path require(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(tool);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String message = tool + " is not on the PATH. Install it (promtool: Debian package prometheus; amtool: "
                + "prometheus-alertmanager) with `" + INSTALL + "`, or run with -D" + OPTIONAL + "=true to skip "
                + "the monitoring checks that need it.";
        if (Boolean.getBoolean(OPTIONAL)) {
            Assumptions.abort(message);
        }
        return fail(message);
    }

    /** Runs the tool in dir; its output goes to a file there, so that a chatty tool cannot block on a full pipe. */
    static Run run(Path dir, Path tool, String... args) {
        List<String> command = new ArrayList<>();
        command.add(tool.toString());
        command.addAll(List.of(args));
        Path output = dir.resolve(tool.getFileName() + "-" + args[0] + ".out");
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail(String.join(" ", command) + " did not end within " + TIMEOUT_SECONDS + " s");
            }
            return new Run(command, process.exitValue(), Files.readString(output));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }

    /** deployment/target/monitoring/ (or a folder in it) without the files a previous run left. */
    static Path workDir(String... names) {
        Path dir = Manifests.root().resolve("deployment/target/monitoring");
        for (String name : names) {
            dir = dir.resolve(name);
        }
        try {
            Files.createDirectories(dir);
            try (var files = Files.list(dir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.delete(file);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
