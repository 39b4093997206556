package io.rawpipeline.bench.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class WholeProcessContenderTest {

    private static final Pattern RECORDS = Pattern.compile("([\\d,]+) records");

    @Test
    void theRowsAreWhatTheProcessSaysItRead() throws Exception {
        WholeProcessContender contender = new WholeProcessContender("echo", file -> List.of("sh", "-c",
                "echo \"" + file + ": 2,000,002 lines: 2,000,000 records, 0 rejects\" >&2"), RECORDS);
        assertThat(contender.run(Path.of("access.log"))).isEqualTo(2_000_000);
    }

    @Test
    void aProcessThatFailsOrDoesNotSayItsRowsFailsTheRound() {
        WholeProcessContender failing = new WholeProcessContender("failing", file -> List.of("sh", "-c",
                "echo '5 records'; exit 3"), RECORDS);
        assertThatThrownBy(() -> failing.run(Path.of("x"))).hasMessageContaining("failing exited with 3");
        WholeProcessContender silent = new WholeProcessContender("silent", file -> List.of("true"), RECORDS);
        assertThatThrownBy(() -> silent.run(Path.of("x"))).hasMessageContaining("did not say its rows");
    }
}
