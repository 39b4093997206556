package io.rawpipeline.formats.line;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/** The word-at-a-time searches agree with a byte-by-byte loop, at every alignment and length. */
class ByteSearchProperties {

    @Property(tries = 3000)
    void indexOfFindsTheFirstOccurrence(@ForAll("bytes") byte[] b, @ForAll("targets") byte target,
                                        @ForAll @IntRange(max = 40) int from) {
        int start = Math.min(from, b.length);
        int expected = -1;
        for (int i = start; i < b.length; i++) {
            if (b[i] == target) {
                expected = i;
                break;
            }
        }
        assertThat(ByteSearch.indexOf(b, start, b.length, target)).isEqualTo(expected);
    }

    @Property(tries = 3000)
    void isAsciiMeansNoByteHasItsHighBitSet(@ForAll("bytes") byte[] b, @ForAll @IntRange(max = 40) int from) {
        int start = Math.min(from, b.length);
        boolean expected = true;
        for (int i = start; i < b.length; i++) {
            expected &= b[i] >= 0;
        }
        assertThat(ByteSearch.isAscii(b, start, b.length)).isEqualTo(expected);
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of((byte) '\t', (byte) '\n', (byte) 0x0B, (byte) 0x80, (byte) 0xFF,
                        (byte) 0x00, (byte) 0x89, (byte) 'a')),
                Tuple.of(1, Arbitraries.bytes()))
                .list().ofMaxSize(80)
                .map(list -> {
                    byte[] b = new byte[list.size()];
                    for (int i = 0; i < b.length; i++) {
                        b[i] = list.get(i);
                    }
                    return b;
                });
    }

    @Provide
    Arbitrary<Byte> targets() {
        return Arbitraries.of((byte) '\t', (byte) '\n', (byte) 0x00, (byte) 0xFF, (byte) 0x80);
    }
}
