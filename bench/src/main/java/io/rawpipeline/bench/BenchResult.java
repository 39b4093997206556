package io.rawpipeline.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a benchmark measured and judged: its figures, each the median of the timed rounds beside its ceiling and
 * target, and the peak resident memory of the processes it ran. Every bench ends with {@link #print} of it, or
 * prints it as JSON for machines ({@code --json}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BenchResult(String bench, List<Figure> figures, long peakRssBytes, String peakRssOf) {

    /**
     * One judged figure: the rounds and their median in {@code unit}, the ceiling it is measured against (null when
     * none), the ratio to it, the target in words and whether the median meets it (null when there is none).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Figure(String name, String unit, List<Double> rounds, double median, Double ceiling, Double ratio,
            String target, Boolean met) {

        /** A figure judged against a ceiling: met when median / ceiling reaches {@code targetRatio}. */
        public static Figure ofRatio(String name, String unit, List<Double> rounds, double ceiling,
                double targetRatio) {
            double median = BenchResult.median(rounds);
            return new Figure(name, unit, List.copyOf(rounds), median, ceiling, median / ceiling,
                    String.format(Locale.ROOT, ">= %.2fx the ceiling", targetRatio), median / ceiling >= targetRatio);
        }

        /** A figure judged against a floor in its own unit. */
        public static Figure ofAtLeast(String name, String unit, List<Double> rounds, double floor) {
            double median = BenchResult.median(rounds);
            return new Figure(name, unit, List.copyOf(rounds), median, null, null,
                    String.format(Locale.ROOT, ">= %,.0f %s", floor, unit), median >= floor);
        }

        /** A figure judged against a ceiling in its own unit (a latency, say). */
        public static Figure ofAtMost(String name, String unit, List<Double> rounds, double limit) {
            double median = BenchResult.median(rounds);
            return new Figure(name, unit, List.copyOf(rounds), median, null, null,
                    String.format(Locale.ROOT, "<= %,.2f %s", limit, unit), median <= limit);
        }

        /** This figure beside a ceiling in its unit, with the ratio to it; the target stays what it was. */
        public Figure against(double ceiling) {
            return new Figure(name, unit, rounds, median, ceiling, median / ceiling, target, met);
        }

        /** A figure reported, not judged. */
        public static Figure of(String name, String unit, List<Double> rounds) {
            return new Figure(name, unit, List.copyOf(rounds), BenchResult.median(rounds), null, null, null, null);
        }
    }

    /** The middle value; of an even count, the mean of the two middle ones. */
    public static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** True when no judged figure misses its target: the one verdict a script reads from {@code --json}. */
    @JsonProperty("met")
    public boolean met() {
        return figures.stream().noneMatch(figure -> Boolean.FALSE.equals(figure.met()));
    }

    public void print(PrintWriter out) {
        out.println();
        out.printf(Locale.ROOT, "%-44s %14s %14s %7s  %-24s %-8s %s%n", bench + ": figure", "median", "ceiling",
                "ratio", "target", "verdict", "rounds");
        for (Figure figure : figures) {
            out.printf(Locale.ROOT, "%-44s %14s %14s %7s  %-24s %-8s %s%n", figure.name() + " (" + figure.unit() + ")",
                    number(figure.median()), figure.ceiling() == null ? "" : number(figure.ceiling()),
                    figure.ratio() == null ? "" : String.format(Locale.ROOT, "%.2fx", figure.ratio()),
                    figure.target() == null ? "" : figure.target(),
                    figure.met() == null ? "" : figure.met() ? "met" : "NOT MET",
                    figure.rounds().stream().map(BenchResult::number).collect(Collectors.joining("  ")));
        }
        out.printf(Locale.ROOT, "peak RSS: %,d MB (%s)%n", peakRssBytes >> 20, peakRssOf);
        out.flush();
    }

    public void printJson(PrintWriter out) {
        try {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    private static String number(double value) {
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }
}
