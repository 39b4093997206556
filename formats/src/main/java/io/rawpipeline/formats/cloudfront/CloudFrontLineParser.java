package io.rawpipeline.formats.cloudfront;

import io.rawpipeline.formats.BadValueException;
import io.rawpipeline.formats.Line;
import io.rawpipeline.formats.LineParser;
import io.rawpipeline.formats.ParseResult;
import io.rawpipeline.formats.Values;
import io.rawpipeline.raw.CloudFrontLogEntry;
import java.nio.charset.StandardCharsets;

/**
 * Parses a line of a CloudFront standard log (W3C extended format, tab-separated). The file's {@code #Fields:}
 * directive decides the columns, so 24-, 26- and 33-field files, subsets in any order and fields AWS adds later all
 * read right. {@code -} is null; text is kept exactly as written; one trailing tab is not a field.
 */
public final class CloudFrontLineParser implements LineParser<CloudFrontLogEntry> {

    private String cachedColumns;
    private FieldsDirective cachedDirective;

    @Override
    public ParseResult<CloudFrontLogEntry> parse(Line line) {
        try {
            return read(line);
        } catch (BadValueException e) {
            return ParseResult.rejected(e.getMessage());
        } catch (RuntimeException e) {
            return ParseResult.rejected("unexpected error reading the line: " + e);
        }
    }

    private ParseResult<CloudFrontLogEntry> read(Line line) {
        byte[] b = line.bytes();
        int off = line.offset();
        int len = line.length();
        if (len == 0) {
            return ParseResult.rejected("empty line");
        }
        if (b[off] == '#') {
            String text = line.text();
            return ParseResult.directive(text.startsWith(FieldsDirective.PREFIX) ? text : null);
        }
        if (line.columns() == null) {
            return ParseResult.rejected("no " + FieldsDirective.PREFIX + " directive before this line");
        }
        FieldsDirective directive = directive(line.columns());
        if (directive.problem != null) {
            return ParseResult.rejected(directive.problem);
        }
        String utf8Problem = Values.utf8Problem(b, off, len);
        if (utf8Problem != null) {
            return ParseResult.rejected(utf8Problem);
        }
        int end = off + len;
        if (b[end - 1] == '\t') {
            end--;
        }
        int expected = directive.names.length;
        CloudFrontLogEntry entry = new CloudFrontLogEntry();
        int column = 0;
        int start = off;
        for (int i = off; i <= end; i++) {
            if (i < end && b[i] != '\t') {
                continue;
            }
            if (column >= expected) {
                return wrongCount(countValues(b, off, end), expected);
            }
            set(entry, directive, column, b, start, i - start);
            column++;
            start = i + 1;
        }
        if (column != expected) {
            return wrongCount(column, expected);
        }
        entry.setSourceFile(line.origin().sourceFile());
        entry.setSourceLine(line.number());
        entry.setIngestedAt(line.origin().ingestedAt());
        return ParseResult.parsed(entry);
    }

    private static void set(CloudFrontLogEntry entry, FieldsDirective directive, int column,
                            byte[] b, int off, int len) {
        int position = directive.positions[column];
        if (position < 0 || Values.isDash(b, off, len)) {
            return;
        }
        String name = directive.names[column];
        Object value = switch (directive.types[column]) {
            case LONG -> Values.parseLong(b, off, len, name);
            case DOUBLE -> Values.parseDouble(b, off, len, name);
            default -> new String(b, off, len, StandardCharsets.UTF_8);
        };
        entry.put(position, value);
    }

    private FieldsDirective directive(String columns) {
        if (!columns.equals(cachedColumns)) {
            cachedDirective = FieldsDirective.parse(columns);
            cachedColumns = columns;
        }
        return cachedDirective;
    }

    private static int countValues(byte[] b, int off, int end) {
        int count = 1;
        for (int i = off; i < end; i++) {
            if (b[i] == '\t') {
                count++;
            }
        }
        return count;
    }

    private static ParseResult<CloudFrontLogEntry> wrongCount(int values, int expected) {
        return ParseResult.rejected("line has " + values + " tab-separated values but #Fields names " + expected);
    }
}
