package io.rawpipeline.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Numbers read straight from bytes agree with the JDK's parsers wherever the text is plain decimal notation. */
class ValuesProperties {

    @Property(tries = 5000)
    void decimalsReadExactlyAsDoubleParseDouble(@ForAll("decimals") String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);

        assertThat(Values.parseDouble(b, 0, b.length, "f")).isEqualTo(Double.parseDouble(text));
    }

    @Property(tries = 3000)
    void wholeNumbersReadExactlyAsLongParseLongOrAreRejected(@ForAll("wholes") String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        Long expected;
        try {
            expected = Long.parseLong(text);
        } catch (NumberFormatException e) {
            expected = null;
        }
        if (expected == null || expected == Long.MIN_VALUE) {
            assertThat(catchThrowable(() -> Values.parseLong(b, 0, b.length, "f")))
                    .isInstanceOf(BadValueException.class);
        } else {
            assertThat(Values.parseLong(b, 0, b.length, "f")).isEqualTo(expected);
        }
    }

    @Provide
    Arbitrary<String> decimals() {
        Arbitrary<String> digits = Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(20);
        return Arbitraries.oneOf(
                digits.flatMap(whole -> digits.map(fraction -> whole + "." + fraction)),
                digits,
                digits.map(d -> "-" + d),
                digits.flatMap(whole -> digits.map(fraction -> "-" + whole + "." + fraction)),
                Arbitraries.doubles().map(d -> Double.toString(Math.abs(d))).filter(s -> !s.contains("E")),
                Arbitraries.of("0.000", "-0.0", "0.1", "0.2", "0.3", "123456789012345.6", "9007199254740993",
                        "1e3", "2.5E-3", "12."));
    }

    @Provide
    Arbitrary<String> wholes() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(n -> Long.toString(n)),
                Arbitraries.strings().withChars("0123456789-+x ").ofMinLength(0).ofMaxLength(21),
                Arbitraries.of("9223372036854775807", "9223372036854775808", "-9223372036854775808",
                        "99999999999999999999", "+5", "-", "+", "007"));
    }
}
