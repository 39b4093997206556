package io.rawpipeline.local.faults;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** What a fault run did and found: each fault and how long the pipeline took to recover, then every table checked. */
public final class FaultReport {

    /**
     * @param atSeconds       when the fault began, from the start of the load
     * @param backSeconds     from the fault until the part served again
     * @param caughtUpSeconds from the fault until the parse app and the sink had processed everything that was in
     *                        Kafka when the part was back; negative if they had not within the time allowed
     */
    public record Fault(int number, String description, double atSeconds, double backSeconds,
            double caughtUpSeconds) {
    }

    /**
     * @param sent       lines in the objects sent (pings: acknowledged by the gateway, plus those logged by CloudFront)
     * @param inTopic    committed records in the parsed topic
     * @param landed     rows in the warehouse
     * @param lost       sent but not landed
     * @param duplicated records or rows beyond one per line (or ping)
     * @param note       what else a reader should know (pings the gateway did not answer)
     */
    public record Table(String table, long sent, long inTopic, long landed, long lost, long duplicated, String note) {
    }

    /** A dead-letter topic: what must be there (the planted bad lines and pings) and what is. */
    public record DeadLetters(String topic, long expectedMin, long expectedMax, long found) {

        boolean asExpected() {
            return found >= expectedMin && found <= expectedMax;
        }
    }

    private final List<Fault> faults = new ArrayList<>();
    private final List<Table> tables = new ArrayList<>();
    private final List<DeadLetters> deadLetters = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    void add(Fault fault) {
        faults.add(fault);
    }

    void add(Table table) {
        tables.add(table);
    }

    void add(DeadLetters letters) {
        deadLetters.add(letters);
    }

    /** Something the run found wrong that the tables do not show (a part that did not catch up, say). */
    void problem(String problem) {
        problems.add(problem);
    }

    public List<Fault> faults() {
        return List.copyOf(faults);
    }

    public List<Table> tables() {
        return List.copyOf(tables);
    }

    public List<DeadLetters> deadLetters() {
        return List.copyOf(deadLetters);
    }

    public long lost() {
        return tables.stream().mapToLong(Table::lost).sum();
    }

    public long duplicated() {
        return tables.stream().mapToLong(Table::duplicated).sum();
    }

    /** No loss, no duplicate, the dead letters exactly the planted ones, every fault recovered from. */
    public boolean passed() {
        return lost() == 0 && duplicated() == 0 && deadLetters.stream().allMatch(DeadLetters::asExpected)
                && problems.isEmpty();
    }

    public void print(PrintWriter out) {
        out.println();
        out.printf("%3s  %-34s %8s %8s %10s%n", "#", "fault", "at", "back", "caught up");
        for (Fault fault : faults) {
            out.printf("%3d  %-34s %6.1f s %6.1f s %10s%n", fault.number(), fault.description(), fault.atSeconds(),
                    fault.backSeconds(), fault.caughtUpSeconds() < 0 ? "not yet"
                            : String.format("%8.1f s", fault.caughtUpSeconds()));
        }
        out.println();
        out.printf("%-28s %9s %9s %9s %6s %10s%n", "table", "sent", "in topic", "landed", "lost", "duplicated");
        for (Table table : tables) {
            out.printf("%-28s %9d %9d %9d %6d %10d%s%n", table.table(), table.sent(), table.inTopic(),
                    table.landed(), table.lost(), table.duplicated(),
                    table.note().isEmpty() ? "" : "  (" + table.note() + ")");
        }
        out.println();
        out.printf("%-28s %12s %9s%n", "dead-letter topic", "expected", "found");
        for (DeadLetters letters : deadLetters) {
            String expected = letters.expectedMin() == letters.expectedMax() ? Long.toString(letters.expectedMin())
                    : letters.expectedMin() + "-" + letters.expectedMax();
            out.printf("%-28s %12s %9d%s%n", letters.topic(), expected, letters.found(),
                    letters.asExpected() ? "" : "  <- not as expected");
        }
        problems.forEach(problem -> out.println("problem: " + problem));
        out.println();
        out.println(passed() ? "PASSED: nothing lost, nothing duplicated, only the planted bad lines dead-lettered"
                : "FAILED: " + lost() + " lost, " + duplicated() + " duplicated"
                        + (deadLetters.stream().allMatch(DeadLetters::asExpected) ? ""
                        : ", dead letters not as expected") + (problems.isEmpty() ? "" : ", " + problems.size()
                        + " problems"));
        out.flush();
    }
}
