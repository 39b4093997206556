package io.rawpipeline.local.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.rawpipeline.local.NetworkNamespace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short {@code pipeline faults} run: every part in its own process, a SIGKILL and a clean stop of each, the
 * registry down for 10 s and (where this machine allows network namespaces) the broker and the registry each cut
 * off the network for 10 s, all under load; then nothing lost, nothing twice, only the planted bad lines
 * dead-lettered.
 */
class FaultRunIT {

    @TempDir
    Path dataDir;

    @Test
    void nothingIsLostOrDuplicatedAndNoGoodRecordIsDeadLettered() throws Exception {
        int partitions = NetworkNamespace.available() ? 2 : 0;
        FaultRun.Options options = new FaultRun.Options(4, partitions, Duration.ofSeconds(10),
                Duration.ofSeconds(10), 14L, 100, dataDir, Path.of(System.getProperty("rawpipeline.plugin.path")));

        FaultReport report = new FaultRun(options, System.out::println).run();
        report.print(new PrintWriter(System.out, true));

        assertThat(report.faults()).hasSize(4 + 4 + 1 + partitions)
                .allSatisfy(fault -> assertThat(fault.caughtUpSeconds()).as(fault.description()).isPositive());
        assertThat(report.tables()).hasSize(7).allSatisfy(table -> {
            assertThat(table.sent()).as(table.table()).isPositive();
            assertThat(table.lost()).as("lost from " + table.table()).isZero();
            assertThat(table.duplicated()).as("duplicated in " + table.table()).isZero();
            assertThat(table.landed()).as(table.table()).isGreaterThanOrEqualTo(table.sent());
        });
        assertThat(report.deadLetters()).allSatisfy(letters -> assertThat(letters.found()).as(letters.topic())
                .isBetween(letters.expectedMin(), letters.expectedMax()));
        assertThat(report.deadLetters().get(0).found()).as("planted bad lines dead-lettered").isPositive();
        assertThat(report.passed()).isTrue();
    }
}
