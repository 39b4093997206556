package io.rawpipeline.bench.gateway;

import io.rawpipeline.bench.BenchEnvironment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of wrk against the gateway: as fast as its connections go, or paced (each connection waits
 * {@code delayMs} before each request). The figures come from the one line {@code ping.lua} prints when wrk is done.
 */
record WrkPhase(String name, int connections, Integer delayMs, Map<String, Long> wrk, double cores) {

    private static final Pattern WRK = Pattern.compile("WRK (.*)");

    static WrkPhase run(String name, String url, Path script, int threads, int connections, int seconds,
            Integer delayMs) throws IOException, InterruptedException {
        List<String> command = List.of("wrk", "-t" + Math.min(threads, connections), "-c" + connections,
                "-d" + seconds + "s", "--latency", "-s", script.toString(), url);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (delayMs != null) {
            builder.environment().put("PING_DELAY_MS", Integer.toString(delayMs));
        }
        long cpuBefore = BenchEnvironment.processCpuNanos();
        long start = System.nanoTime();
        Process process = builder.start();
        Map<String, Long> values = new HashMap<>();
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                output.append(line).append('\n');
                Matcher matcher = WRK.matcher(line);
                if (matcher.matches()) {
                    for (String pair : matcher.group(1).split(" ")) {
                        String[] nameValue = pair.split("=");
                        values.put(nameValue[0], Long.parseLong(nameValue[1]));
                    }
                }
            }
        }
        if (process.waitFor() != 0 || values.isEmpty()) {
            throw new IllegalStateException("wrk failed: " + String.join(" ", command) + "\n" + output);
        }
        double cores = (BenchEnvironment.processCpuNanos() - cpuBefore) / (double) (System.nanoTime() - start);
        return new WrkPhase(name, connections, delayMs, values, cores);
    }

    /** Answers wrk read as 200 (the gateway answers 200 or 4xx/5xx). */
    long ok() {
        return wrk.get("requests") - wrk.get("non2xx");
    }

    double perSecond() {
        return wrk.get("requests") / (wrk.get("duration_us") / 1e6);
    }

    double p50Millis() {
        return wrk.get("p50_us") / 1e3;
    }

    double p99Millis() {
        return wrk.get("p99_us") / 1e3;
    }

    boolean clean() {
        return wrk.get("non2xx") == 0 && wrk.get("connect_errors") + wrk.get("read_errors") + wrk.get("write_errors")
                + wrk.get("timeouts") == 0;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%-26s %4d conn%-8s %,9.0f req/s  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms"
                        + "  max %6.1f ms  %,9d requests  %d non-2xx  socket errors %d/%d/%d/%d  %.2f cores",
                name, connections, delayMs == null ? "" : " x " + delayMs + "ms", perSecond(), p50Millis(),
                wrk.get("p90_us") / 1e3, p99Millis(), wrk.get("max_us") / 1e3, wrk.get("requests"),
                wrk.get("non2xx"), wrk.get("connect_errors"), wrk.get("read_errors"), wrk.get("write_errors"),
                wrk.get("timeouts"), cores);
    }
}
