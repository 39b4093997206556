package io.rawpipeline.gateway;

import io.rawpipeline.gateway.config.GatewayConfig;
import io.rawpipeline.gateway.http.HttpServer;
import io.rawpipeline.gateway.kafka.PingProducer;
import io.rawpipeline.gateway.metrics.GatewayMetrics;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The telemetry gateway: HTTP pings in, records of the raw telemetry topic out. {@link #main} runs it from a
 * properties file until SIGTERM; {@link #close} is the graceful stop (listener closed, open connections drained,
 * the producer flushed within the shutdown timeout).
 */
public final class Gateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    private final GatewayConfig config;
    private final PingProducer pings;
    private final HttpServer http;
    private boolean closed;

    private Gateway(GatewayConfig config, PingProducer pings, HttpServer http) {
        this.config = config;
        this.pings = pings;
        this.http = http;
    }

    /** Starts the producer and the HTTP server; ready ({@code /healthz} 200) once Kafka answers. */
    public static Gateway start(Map<?, ?> settings) throws InterruptedException {
        GatewayConfig config = new GatewayConfig(settings);
        GatewayMetrics metrics = new GatewayMetrics();
        PingProducer pings = new PingProducer(config, metrics);
        try {
            return new Gateway(config, pings, new HttpServer(config, pings, metrics));
        } catch (InterruptedException | RuntimeException e) {
            pings.close(Duration.ZERO);
            throw e;
        }
    }

    public int port() {
        return http.port();
    }

    public boolean ready() {
        return pings.ready();
    }

    @Override
    public synchronized void close() throws InterruptedException {
        if (closed) {
            return;
        }
        closed = true;
        log.info("Stopping: no new connections; draining open ones for at most {} ms",
                config.getLong(GatewayConfig.SHUTDOWN_DRAIN_MS_CONFIG));
        http.stop(config.getLong(GatewayConfig.SHUTDOWN_DRAIN_MS_CONFIG), () -> pings.waiting() == 0,
                config.getLong(GatewayConfig.SHUTDOWN_TIMEOUT_MS_CONFIG));
        pings.close(Duration.ofMillis(config.getLong(GatewayConfig.SHUTDOWN_TIMEOUT_MS_CONFIG)));
        log.info("Gateway stopped");
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: java -jar gateway.jar <settings.properties>");
            System.exit(2);
        }
        Properties file;
        try {
            file = Utils.loadProps(args[0]);
        } catch (IOException e) {
            System.err.println("Cannot read settings " + args[0] + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        Gateway gateway;
        try {
            gateway = start(file);
        } catch (ConfigException e) {
            System.err.println("Invalid settings in " + args[0] + ": " + e.getMessage());
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            // Kafka's client threads are not daemons: exit rather than hang
            log.error("Cannot start the gateway", e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                gateway.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                stopped.countDown();
            }
        }, "gateway-shutdown"));
        stopped.await();
    }
}
