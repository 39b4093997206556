package io.rawpipeline.cli.status;

import java.time.Instant;
import java.util.List;

/**
 * The answer to "is it healthy?" at one moment. Figures that could not be read are null (shown as unknown).
 *
 * @param health   HEALTHY, DEGRADED or UNREACHABLE; {@code problems} says why when it is not HEALTHY
 * @param parseApp the parse app's state (RUNNING, NOT_READY, UNKNOWN) and its lag over every raw topic
 */
public record PipelineStatus(Instant at, Health health, List<String> problems, String parseApp, Long parseLag,
        List<Connector> connectors, List<Table> tables, List<DeadLetterGroup> deadLetters, Long objectsInProgress,
        Long notificationsWaiting) {

    public enum Health {
        HEALTHY(0), DEGRADED(1), UNREACHABLE(2);

        private final int exitCode;

        Health(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    /** A connector with its tasks, e.g. tasks {@code ["0 RUNNING", "1 FAILED"]}; {@code failure}, a FAILED one's. */
    public record Connector(String name, String state, List<String> tasks, String failure) {

        boolean running() {
            return "RUNNING".equals(state) && !tasks.isEmpty()
                    && tasks.stream().allMatch(task -> task.endsWith(" RUNNING"));
        }
    }

    /**
     * One RAW table (its parsed topic): the raw topics of the sources that feed it, the sinks that land it, how far behind the parse
     * app and the sinks are (records, and the age of the oldest one waiting), when its newest landed record was
     * written, and how many it landed in the last minute and hour.
     */
    public record Table(String table, List<String> rawTopics, List<String> sinks, Long parseLag,
            Long sinkLag, Long oldestWaitingSeconds, Instant newestLanded, Long landedLastMinute,
            Long landedLastHour) {
    }

    /** Dead letters alike: one topic, one reason. */
    public record DeadLetterGroup(String topic, String reason, long count, Instant newest) {
    }
}
