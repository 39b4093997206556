package io.rawpipeline.local.alerts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus or Alertmanager, the distribution's binary in a process of its own, appending to a log file. Its pid is
 * kept in its folder, so that a start after a SIGKILLed run first stops the one that run left behind (it would
 * hold the port and the storage lock).
 */
final class MonitoringServer implements AutoCloseable {

    private static final String PID_FILE = "pid";

    private final String name;
    private final Process process;
    private final URI url;
    private final Path log;

    private MonitoringServer(String name, Process process, URI url, Path log) {
        this.name = name;
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /**
     * Runs {@code binary} with {@code arguments} and waits until {@code url}'s {@code /-/ready} answers 200.
     *
     * @param dir the server's own folder (its storage and pid file)
     */
    static MonitoringServer start(String name, Path binary, List<String> arguments, URI url, Path dir, Path log,
            Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        stopLeftover(dir.resolve(PID_FILE), binary);
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(arguments);
        Files.writeString(log, "---- starting " + name + ": " + String.join(" ", command) + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Files.writeString(dir.resolve(PID_FILE), Long.toString(process.pid()));
        MonitoringServer server = new MonitoringServer(name, process, url, log);
        try {
            server.awaitReady(timeout);
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    URI url() {
        return url;
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(url.resolve("/-/ready")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " before it was ready; see " + log);
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void stopLeftover(Path pidFile, Path binary) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()))
                .filter(leftover -> leftover.info().command().map(c -> c.equals(binary.toString())
                        || Path.of(c).getFileName().equals(binary.getFileName())).orElse(false))
                .ifPresent(leftover -> {
                    leftover.destroy();
                    try {
                        leftover.onExit().get(15, TimeUnit.SECONDS);
                    } catch (Exception notYet) {
                        leftover.destroyForcibly();
                    }
                });
        Files.delete(pidFile);
    }
}
