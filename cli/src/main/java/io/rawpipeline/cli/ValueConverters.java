package io.rawpipeline.cli;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Times and URLs read from the command line, with an error that shows the form expected, not a parser's trace. */
final class ValueConverters {

    private ValueConverters() {
    }

    static CommandLine registerOn(CommandLine commandLine) {
        return commandLine
                .registerConverter(Instant.class, converter(Instant::parse,
                        "an ISO-8601 instant in UTC such as 2024-01-01T00:00:00Z"))
                .registerConverter(LocalDate.class, converter(LocalDate::parse, "a date such as 2024-01-31"))
                .registerConverter(Duration.class, converter(Duration::parse,
                        "an ISO-8601 duration such as PT30S or PT5M"))
                .registerConverter(URI.class, converter(ValueConverters::url, "a URL such as http://127.0.0.1:9000"));
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
