package io.rawpipeline.local.faults;

import io.rawpipeline.local.Host;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * One part of the pipeline in a JVM of its own, started through the main class its image runs with its settings
 * file, appending its output to a log file; it can be started again the same way after it was killed.
 */
final class ChildProcess {

    private static final int LOG_TAIL_LINES = 30;

    private final String name;
    private final List<String> command;
    private final Path log;
    private final BooleanSupplier ready;
    private Process process;

    /**
     * @param ready whether the part serves (asked until it says so); it must answer within a few seconds
     */
    ChildProcess(String name, Host host, List<String> jvmOptions, String mainClass, Path settings, Path log,
            BooleanSupplier ready) {
        List<String> java = new ArrayList<>(List.of(javaExecutable()));
        java.addAll(jvmOptions);
        java.add("-XX:+ExitOnOutOfMemoryError");
        String logConfig = System.getProperty("log4j2.configurationFile");
        if (logConfig != null) {
            java.add("-Dlog4j2.configurationFile=" + logConfig);
        }
        java.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass, settings.toString()));
        this.name = name;
        this.command = host.command(java);
        this.log = log;
        this.ready = ready;
    }

    /** Starts the process and waits until it is ready; fails with the end of its log if it exits first. */
    void start(Duration timeout) throws IOException, TimeoutException, InterruptedException {
        Files.writeString(log, "---- starting " + name + ": " + String.join(" ", command) + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " before it was ready; the end of " + log + ":\n" + logTail());
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(name + " was not ready within " + timeout + "; the end of " + log + ":\n"
                        + logTail());
            }
            Thread.sleep(250);
        }
    }

    /** SIGKILL: the process ends at once, without running any shutdown code. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(30));
        }
    }

    /** SIGTERM, as an orchestrator stops a container; SIGKILL if it has not ended within {@code grace}. */
    void terminate(Duration grace) throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
        }
    }

    /** The exit code of a process that ended without being asked to (none while it runs or before its start). */
    OptionalInt exitCode() {
        return process == null || process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    long pid() {
        return process.pid();
    }

    private void awaitExit(Duration timeout) throws InterruptedException {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(name + " (pid " + process.pid() + ") did not end within " + timeout, e);
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
