package io.rawpipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.rawpipeline.bench.BenchResult.Figure;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchResultTest {

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(BenchResult.median(List.of(9.0, 1.0, 5.0))).isEqualTo(5.0);
        assertThat(BenchResult.median(List.of(4.0, 1.0, 2.0, 100.0))).isEqualTo(3.0);
    }

    @Test
    void eachFigureIsJudgedOnItsMedianNotItsBestRound() {
        Figure throughput = Figure.ofRatio("rows", "rows/s", List.of(40.0, 60.0, 45.0), 100, 0.5);
        assertThat(throughput.median()).isEqualTo(45.0);
        assertThat(throughput.ratio()).isEqualTo(0.45);
        assertThat(throughput.met()).isFalse();

        assertThat(Figure.ofAtMost("p99", "ms", List.of(25.0, 10.0, 12.0), 20).met()).isTrue();
        assertThat(Figure.ofAtLeast("pings", "pings/s", List.of(19_000.0, 30_000.0, 19_500.0), 20_000).met())
                .isFalse();
        assertThat(Figure.of("reported", "ms", List.of(1.0)).met()).isNull();
    }

    @Test
    void theResultIsMetOnlyWhenNoJudgedFigureMisses() {
        Figure met = Figure.ofAtLeast("a", "rows/s", List.of(10.0), 5);
        Figure missed = Figure.ofAtLeast("b", "rows/s", List.of(1.0), 5);
        Figure reported = Figure.of("c", "ms", List.of(1.0));
        assertThat(new BenchResult("bench x", List.of(met, reported), 0, "this JVM").met()).isTrue();
        assertThat(new BenchResult("bench x", List.of(met, missed), 0, "this JVM").met()).isFalse();
    }

    @Test
    void theTableShowsEveryFigureWithItsVerdictAndRounds() {
        StringWriter out = new StringWriter();
        new BenchResult("bench x", List.of(Figure.ofAtLeast("sink", "rows/s", List.of(14_300.0, 11_800.0, 15_600.0),
                150_000).against(900_000)), 3L << 30, "this JVM").print(new PrintWriter(out));
        assertThat(out.toString()).contains("sink (rows/s)", "14,300", "900,000", "0.02x", ">= 150,000 rows/s",
                "NOT MET", "14,300  11,800  15,600", "peak RSS: 3,072 MB (this JVM)");
    }
}
