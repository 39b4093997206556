package io.rawpipeline.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Numbers read straight from bytes agree with the JDK's parsers wherever the text is plain decimal notation. Each case
 * is built from its seed alone; the seeds come from one fixed master seed, so every run checks the same cases.
 */
class ValuesTest {

    private static final long MASTER_SEED = 0x56_41_4C_55_45_53_00_01L;

    private static final String[] DECIMAL_LITERALS = {"0.000", "-0.0", "0.1", "0.2", "0.3", "123456789012345.6",
        "9007199254740993", "1e3", "2.5E-3", "12."};
    private static final String[] WHOLE_LITERALS = {"9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "99999999999999999999", "+5", "-", "+", "007"};
    private static final long[] LONG_EDGES = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -1, 0, 1, Long.MAX_VALUE - 1,
        Long.MAX_VALUE};
    private static final String WHOLE_CHARS = "0123456789-+x ";
    // one digit, and either side of the 15 digits the fast path reads exactly
    private static final int[] DIGITS_EDGE_LENGTHS = {1, 15, 16, 20};

    /** The case seeds; {@code -Dtest.seed=<seed>} (with {@code -Dtest=ValuesTest#…}) reruns one case. */
    private static LongStream seeds(int count) {
        String one = System.getProperty("test.seed");
        return one != null ? LongStream.of(Long.parseLong(one))
                : new SplittableRandom(MASTER_SEED).longs(count, 0, Long.MAX_VALUE);
    }

    static LongStream decimalCases() {
        return seeds(5000);
    }

    static LongStream wholeCases() {
        return seeds(3000);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("decimalCases")
    void decimalsReadExactlyAsDoubleParseDouble(long seed) {
        String text = decimal(new SplittableRandom(seed));
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        Supplier<String> which = () -> "seed %d: \"%s\"".formatted(seed, text);

        double read = assertDoesNotThrow(() -> Values.parseDouble(b, 0, b.length, "f"), which);
        assertThat(read).as(which).isEqualTo(Double.parseDouble(text));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("wholeCases")
    void wholeNumbersReadExactlyAsLongParseLongOrAreRejected(long seed) {
        String text = whole(new SplittableRandom(seed));
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        Supplier<String> which = () -> "seed %d: \"%s\"".formatted(seed, text);
        Long expected;
        try {
            expected = Long.parseLong(text);
        } catch (NumberFormatException e) {
            expected = null;
        }
        if (expected == null || expected == Long.MIN_VALUE) {
            assertThat(catchThrowable(() -> Values.parseLong(b, 0, b.length, "f"))).as(which)
                    .isInstanceOf(BadValueException.class);
        } else {
            long read = assertDoesNotThrow(() -> Values.parseLong(b, 0, b.length, "f"), which);
            assertThat(read).as(which).isEqualTo(expected);
        }
    }

    private static String decimal(SplittableRandom r) {
        return switch (r.nextInt(6)) {
            case 0 -> digits(r) + "." + digits(r);
            case 1 -> digits(r);
            case 2 -> "-" + digits(r);
            case 3 -> "-" + digits(r) + "." + digits(r);
            case 4 -> plainDoubleText(r);
            default -> DECIMAL_LITERALS[r.nextInt(DECIMAL_LITERALS.length)];
        };
    }

    /** 1 to 20 digits; now and then all zeros or all nines (carries, leading zeros). */
    private static String digits(SplittableRandom r) {
        int length = r.nextInt(5) == 0 ? DIGITS_EDGE_LENGTHS[r.nextInt(DIGITS_EDGE_LENGTHS.length)]
                : 1 + r.nextInt(20);
        int kind = r.nextInt(10);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(kind == 0 ? '0' : kind == 1 ? '9' : (char) ('0' + r.nextInt(10)));
        }
        return s.toString();
    }

    /**
     * {@link Double#toString} of a non-negative double it writes without an exponent (0 and 1e-3 up to 1e7): half
     * with two decimals, half with every digit the shortest representation needs.
     */
    private static String plainDoubleText(SplittableRandom r) {
        String text;
        do {
            double d = r.nextInt(50) == 0 ? 0.0 : Math.pow(10, -3 + 10 * r.nextDouble());
            if (r.nextBoolean()) {
                d = Math.rint(d * 100) / 100;
            }
            text = Double.toString(d);
        } while (text.contains("E"));
        return text;
    }

    private static String whole(SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> Long.toString(longValue(r));
            case 1 -> {
                // empty up to 21 characters: one more than the longest long, sign included
                int length = r.nextInt(10) == 0 ? (r.nextBoolean() ? 0 : 21) : r.nextInt(22);
                StringBuilder s = new StringBuilder(length);
                for (int i = 0; i < length; i++) {
                    s.append(WHOLE_CHARS.charAt(r.nextInt(WHOLE_CHARS.length())));
                }
                yield s.toString();
            }
            default -> WHOLE_LITERALS[r.nextInt(WHOLE_LITERALS.length)];
        };
    }

    /** Any long: the bounds and their neighbours, uniform over the range, and every number of digits. */
    private static long longValue(SplittableRandom r) {
        return switch (r.nextInt(5)) {
            case 0 -> LONG_EDGES[r.nextInt(LONG_EDGES.length)];
            case 1, 2 -> r.nextLong();
            default -> r.nextLong() >> r.nextInt(64);
        };
    }
}
