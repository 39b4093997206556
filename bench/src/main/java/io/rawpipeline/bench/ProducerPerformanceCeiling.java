package io.rawpipeline.bench;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * Kafka's own producer benchmark, run in this JVM against the benchmark's broker: what one producer appends to one
 * partition with {@code acks=all}, the ceiling the connector is measured against. The tool prints to System.out,
 * which is captured (and echoed to stderr as progress) while it runs.
 */
public final class ProducerPerformanceCeiling {

    public static final int RECORD_SIZE = 500;

    private ProducerPerformanceCeiling() {
    }

    public static List<String> arguments(String bootstrapServers, String topic, long records) {
        return arguments(bootstrapServers, topic, records, RECORD_SIZE);
    }

    public static List<String> arguments(String bootstrapServers, String topic, long records, int recordSize) {
        return List.of("--topic", topic, "--num-records", Long.toString(records),
                "--record-size", Integer.toString(recordSize), "--throughput", "-1",
                "--command-property", "bootstrap.servers=" + bootstrapServers, "acks=all");
    }

    public static ProducerPerformanceSummary run(String bootstrapServers, String topic, long records, PrintStream progress)
            throws Exception {
        return run(bootstrapServers, topic, records, RECORD_SIZE, progress);
    }

    /** As above, with records of {@code recordSize} bytes: the size of the records the ceiling stands for. */
    public static ProducerPerformanceSummary run(String bootstrapServers, String topic, long records, int recordSize,
            PrintStream progress) throws Exception {
        List<String> arguments = arguments(bootstrapServers, topic, records, recordSize);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                captured.write(b);
                progress.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                captured.write(b, off, len);
                progress.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8));
        // the tool exits the JVM on bad arguments; here that must be an exception
        Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException("ProducerPerformance exited with " + status + ": " + message);
        });
        try {
            ProducerPerformance.main(arguments.toArray(String[]::new));
        } finally {
            System.out.flush();
            System.setOut(stdout);
            Exit.resetExitProcedure();
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        return ProducerPerformanceSummary.parse(output).orElseThrow(() -> new IllegalStateException(
                "no summary line in ProducerPerformance's output:\n" + output));
    }
}
