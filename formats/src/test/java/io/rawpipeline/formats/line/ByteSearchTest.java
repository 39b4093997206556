package io.rawpipeline.formats.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The word-at-a-time searches agree with a byte-by-byte loop, at every alignment and length. Each case is built from
 * its seed alone; the seeds come from one fixed master seed, so every run checks the same cases.
 */
class ByteSearchTest {

    private static final long MASTER_SEED = 0x42_59_54_45_53_45_41_52L;
    private static final int CASES = 3000;

    private static final byte[] MEANINGFUL = {'\t', '\n', 0x0B, (byte) 0x80, (byte) 0xFF, 0x00, (byte) 0x89, 'a'};
    private static final byte[] TARGETS = {'\t', '\n', 0x00, (byte) 0xFF, (byte) 0x80};
    private static final byte[] BYTE_EDGES = {0, 1, -1, Byte.MIN_VALUE, Byte.MAX_VALUE};
    private static final int MAX_LENGTH = 80;
    // empty, and either side of the one-, two- and ten-word marks where the word loop hands over to the byte loop
    private static final int[] EDGE_LENGTHS = {0, 1, 7, 8, 9, 15, 16, 17, 79, 80};
    private static final int MAX_FROM = 40;

    /** The case seeds; {@code -Dtest.seed=<seed>} (with {@code -Dtest=ByteSearchTest#…}) reruns one case. */
    static LongStream seeds() {
        String one = System.getProperty("test.seed");
        return one != null ? LongStream.of(Long.parseLong(one))
                : new SplittableRandom(MASTER_SEED).longs(CASES, 0, Long.MAX_VALUE);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void indexOfFindsTheFirstOccurrence(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] b = bytes(r);
        byte target = TARGETS[r.nextInt(TARGETS.length)];
        int start = Math.min(from(r), b.length);
        int expected = -1;
        for (int i = start; i < b.length; i++) {
            if (b[i] == target) {
                expected = i;
                break;
            }
        }
        Supplier<String> which = () -> "seed %d: indexOf(%s, %d, %d, %d)"
                .formatted(seed, Arrays.toString(b), start, b.length, target);

        int found = assertDoesNotThrow(() -> ByteSearch.indexOf(b, start, b.length, target), which);
        assertThat(found).as(which).isEqualTo(expected);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void isAsciiMeansNoByteHasItsHighBitSet(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] b = bytes(r);
        int start = Math.min(from(r), b.length);
        boolean expected = true;
        for (int i = start; i < b.length; i++) {
            expected &= b[i] >= 0;
        }
        Supplier<String> which = () -> "seed %d: isAscii(%s, %d, %d)"
                .formatted(seed, Arrays.toString(b), start, b.length);

        boolean ascii = assertDoesNotThrow(() -> ByteSearch.isAscii(b, start, b.length), which);
        assertThat(ascii).as(which).isEqualTo(expected);
    }

    /** Up to 80 bytes, three in four from the bytes the searches care about. */
    private static byte[] bytes(SplittableRandom r) {
        int length = r.nextInt(4) == 0 ? EDGE_LENGTHS[r.nextInt(EDGE_LENGTHS.length)] : r.nextInt(MAX_LENGTH + 1);
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            if (r.nextInt(4) < 3) {
                b[i] = MEANINGFUL[r.nextInt(MEANINGFUL.length)];
            } else {
                b[i] = r.nextInt(16) == 0 ? BYTE_EDGES[r.nextInt(BYTE_EDGES.length)] : (byte) r.nextInt(256);
            }
        }
        return b;
    }

    /** 0 to 40, the bounds more often; past the end of a short array it starts at the end. */
    private static int from(SplittableRandom r) {
        return switch (r.nextInt(10)) {
            case 0 -> 0;
            case 1 -> MAX_FROM;
            default -> r.nextInt(MAX_FROM + 1);
        };
    }
}
