package io.rawpipeline.cli;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Times and URLs read from the command line, with an error that shows the form expected, not a parser's trace. */
final class ValueConverters {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private ValueConverters() {
    }

    static CommandLine registerOn(CommandLine commandLine) {
        return commandLine
                .registerConverter(Instant.class, converter(Instant::parse,
                        "an ISO-8601 instant in UTC such as 2024-01-01T00:00:00Z"))
                .registerConverter(LocalDate.class, converter(LocalDate::parse, "a date such as 2024-01-31"))
                .registerConverter(Duration.class, converter(ValueConverters::duration,
                        "a duration such as 30s, 5m, 500ms or the ISO-8601 PT30S"))
                .registerConverter(URI.class, converter(ValueConverters::url, "a URL such as http://127.0.0.1:9000"));
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, or ISO-8601 ({@code PT30S}). */
    private static Duration duration(String value) {
        Matcher simple = SHORT_DURATION.matcher(value);
        if (!simple.matches()) {
            return Duration.parse(value);
        }
        long amount = Long.parseLong(simple.group(1));
        return switch (simple.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    private static URI url(String value) {
        URI url = URI.create(value);
        if (url.getScheme() == null || url.getHost() == null) {
            throw new IllegalArgumentException("no scheme or host");
        }
        return url;
    }

    private static <T> ITypeConverter<T> converter(Function<String, T> parse, String expected) {
        return value -> {
            try {
                return parse.apply(value);
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not " + expected);
            }
        };
    }
}
