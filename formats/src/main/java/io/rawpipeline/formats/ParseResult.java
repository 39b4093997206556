package io.rawpipeline.formats;

/**
 * What a parser makes of one line: a record, a reject with its reason, or a directive (a line that is not data
 * but tells how to read the lines after it).
 */
public sealed interface ParseResult<T> {

    /** The line is a row. */
    record Parsed<T>(T record) implements ParseResult<T> {
    }

    /** The line cannot be read; the reason names the field and the problem. */
    record Rejected<T>(String reason) implements ParseResult<T> {
    }

    /**
     * The line is a directive. {@code columns} is non-null when it names the columns of the lines after it
     * (CloudFront {@code #Fields:}, a CSV header row); null for other directives such as {@code #Version:}.
     */
    record Directive<T>(String columns) implements ParseResult<T> {
    }

    static <T> ParseResult<T> parsed(T record) {
        return new Parsed<>(record);
    }

    static <T> ParseResult<T> rejected(String reason) {
        return new Rejected<>(reason);
    }

    static <T> ParseResult<T> directive(String columns) {
        return new Directive<>(columns);
    }
}
