package io.rawpipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProducerPerformanceSummaryTest {

    // what kafka-tools 4.3.1 prints: progress lines every 5 s, then the total
    static final String OUTPUT = """
            530849 records sent, 106169.8 records/sec (50.63 MB/sec), 513.0 ms avg latency, 774.0 ms max latency.
            1000000 records sent, 128287.363695 records/sec (61.17 MB/sec), 456.12 ms avg latency, 774.00 ms max \
            latency, 443 ms 50th, 722 ms 95th, 751 ms 99th, 773 ms 99.9th.
            """;

    @Test
    void readsTheTotalNotTheProgressLines() {
        assertThat(ProducerPerformanceSummary.parse(OUTPUT)).contains(new ProducerPerformanceSummary(1_000_000,
                128287.363695, 61.17, 456.12, 774.0, 443, 751));
    }

    @Test
    void skipsTheSteadyStateSummaryThatFollowsTheTotalWithWarmupRecords() {
        String output = OUTPUT + "900000 steady state records sent, 130000.0 records/sec (62.00 MB/sec), 400.00 ms "
                + "avg latency, 700.00 ms max latency, 400 ms 50th, 650 ms 95th, 690 ms 99th, 699 ms 99.9th.\n";

        assertThat(ProducerPerformanceSummary.parse(output)).get()
                .extracting(ProducerPerformanceSummary::records).isEqualTo(1_000_000L);
    }

    @Test
    void findsNothingInOutputWithoutATotal() {
        assertThat(ProducerPerformanceSummary.parse("Option --producer-props has been deprecated\n")).isEmpty();
        assertThat(ProducerPerformanceSummary.parse(OUTPUT.lines().findFirst().orElseThrow())).isEmpty();
    }

    @Test
    void asksForTheCeilingOfTheIssueOnTheGivenBroker() {
        assertThat(String.join(" ", ProducerPerformanceCeiling.arguments("localhost:9092", "ceiling", 1_000_000)))
                .isEqualTo("--topic ceiling --num-records 1000000 --record-size 500 --throughput -1 "
                        + "--command-property bootstrap.servers=localhost:9092 acks=all");
    }
}
