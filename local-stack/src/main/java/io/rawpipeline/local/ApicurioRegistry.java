package io.rawpipeline.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apicurio Registry (H2 storage, in memory or in a file) running as a child process on a free loopback port. Its
 * Confluent-compatible API is at {@link #url()}; its output goes to {@link #logFile()}.
 */
public final class ApicurioRegistry implements AutoCloseable {

    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(90);

    private static final Logger log = LoggerFactory.getLogger(ApicurioRegistry.class);
    private static final int LOG_TAIL_LINES = 40;
    /** In the data folder: the registry serving it, so a start after its parent was killed can stop it. */
    static final String PID_FILE = "registry.pid";

    private final Process process;
    private final Host host;
    private final int port;
    private final Path logFile;
    private final Thread killOnExit;

    private ApicurioRegistry(Process process, Host host, int port, Path logFile) {
        this.process = process;
        this.host = host;
        this.port = port;
        this.logFile = logFile;
        // a test JVM that dies without close() must not leave a registry behind
        this.killOnExit = new Thread(this::stop, "apicurio-registry-stop");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts a registry logging to a temporary file and waits until it is ready. */
    public static ApicurioRegistry start() throws IOException {
        return start(Files.createTempFile("apicurio-registry-", ".log"), DEFAULT_START_TIMEOUT);
    }

    public static ApicurioRegistry start(Path logFile) throws IOException {
        return start(logFile, DEFAULT_START_TIMEOUT);
    }

    public static ApicurioRegistry start(Path logFile, Duration timeout) throws IOException {
        return start(logFile, timeout, null);
    }

    /**
     * @param dataDir where the registry keeps its schemas (an H2 file), so a second start finds the same schema ids;
     *                null keeps them in memory
     */
    public static ApicurioRegistry start(Path logFile, Duration timeout, Path dataDir) throws IOException {
        return start(logFile, timeout, dataDir, 0);
    }

    /** As above, on {@code port} (0: a free one): a registry started again where it was, as after an outage. */
    public static ApicurioRegistry start(Path logFile, Duration timeout, Path dataDir, int port) throws IOException {
        return start(logFile, timeout, dataDir, port, Host.LOOPBACK);
    }

    /** As above, on {@code host}: a registry in a {@link NetworkNamespace} can be cut off the network. */
    public static ApicurioRegistry start(Path logFile, Duration timeout, Path dataDir, int port, Host host)
            throws IOException {
        Path home = ApicurioDistribution.home();
        if (port == 0) {
            port = freeLoopbackPort();
        }
        if (dataDir != null) {
            stopLeftover(dataDir.resolve(PID_FILE));
        }
        List<String> command = new ArrayList<>(List.of(
                javaExecutable(),
                // small and quick: this is a test and demo stand-in, not a production registry
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.host=" + host.address(),
                "-Dquarkus.http.port=" + port,
                "-Dapicurio.storage.kind=sql",
                "-Dapicurio.storage.sql.kind=h2"));
        if (dataDir != null) {
            command.add("-Dapicurio.datasource.url=jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("registry"));
        }
        command.addAll(List.of("-jar", ApicurioDistribution.RUNNER_JAR));
        long startNanos = System.nanoTime();
        Process process = new ProcessBuilder(host.command(command))
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        ApicurioRegistry registry = new ApicurioRegistry(process, host, port, logFile);
        if (dataDir != null) {
            Files.createDirectories(dataDir);
            Files.writeString(dataDir.resolve(PID_FILE), Long.toString(process.pid()));
        }
        try {
            registry.awaitReady(timeout);
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        log.info("Apicurio Registry {} ready at {} in {} ms (pid {}, log {})", ApicurioDistribution.VERSION,
                registry.url(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), process.pid(),
                logFile);
        return registry;
    }

    /** The Confluent Schema Registry compatible base URL. */
    public String url() {
        return "http://" + host.address() + ":" + port + "/apis/ccompat/v7";
    }

    public int port() {
        return port;
    }

    public Host host() {
        return host;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run; nothing to remove
        }
    }

    private void stop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops a registry that still serves the data folder after the JVM that started it was killed (SIGKILL skips the
     * shutdown hook): it holds the H2 file, and a second registry on it would not start.
     */
    private static void stopLeftover(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()))
                .filter(leftover -> leftover.info().commandLine().orElse("").contains(ApicurioDistribution.RUNNER_JAR))
                .ifPresent(leftover -> {
                    log.warn("Stopping the registry (pid {}) left running by an earlier start", leftover.pid());
                    leftover.destroy();
                    try {
                        leftover.onExit().get(15, TimeUnit.SECONDS);
                    } catch (Exception notYet) {
                        leftover.destroyForcibly();
                    }
                });
        Files.delete(pidFile);
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://" + host.address() + ":" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Apicurio Registry exited with code " + process.exitValue()
                        + " before it was ready; last lines of " + logFile + ":\n" + logTail());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling until the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Apicurio Registry", e);
            }
            sleep(Duration.ofMillis(100));
        }
        throw new IllegalStateException("Apicurio Registry on port " + port + " was not ready within " + timeout
                + "; last lines of " + logFile + ":\n" + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Apicurio Registry", e);
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }
}
