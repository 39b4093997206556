package io.rawpipeline.formats.cloudfront;

import io.rawpipeline.formats.Line;
import io.rawpipeline.formats.LineParser;
import io.rawpipeline.formats.ParseResult;
import io.rawpipeline.formats.Provenance;
import io.rawpipeline.formats.Values;
import io.rawpipeline.formats.line.ByteSearch;
import io.rawpipeline.raw.CloudFrontLogEntry;

/**
 * Parses a line of a CloudFront standard log (W3C extended format, tab-separated). The file's {@code #Fields:}
 * directive decides the columns, so 24-, 26- and 33-field files, subsets in any order and fields AWS adds later all
 * read right. {@code -} is null; text is kept exactly as written; one trailing tab is not a field.
 *
 * <p>This is the hottest loop of the pipeline, so a line is scanned once, eight bytes at a time, for its tabs and for
 * non-ASCII bytes, and text columns reuse the previous line's string when their bytes repeat (edge, method, host,
 * status, result types, TLS... mostly do).
 */
public final class CloudFrontLineParser extends LineParser<CloudFrontLogEntry> {

    private static final long TABS = ByteSearch.pattern((byte) '\t');
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final Provenance PROVENANCE = new Provenance(CloudFrontLogEntry.getClassSchema());

    private String cachedColumns;
    private FieldsDirective directive;
    private RepeatedText text;
    private int[] tabs;
    private boolean ascii;

    @Override
    protected ParseResult<CloudFrontLogEntry> read(Line line) {
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
        useDirective(line.columns());
        if (directive.problem != null) {
            return ParseResult.rejected(directive.problem);
        }
        int end = off + len;
        if (b[end - 1] == '\t') {
            end--;
        }
        int tabCount = findTabs(b, off, end);
        if (!ascii) {
            String utf8Problem = Values.utf8Problem(b, off, len);
            if (utf8Problem != null) {
                return ParseResult.rejected(utf8Problem);
            }
        }
        int expected = directive.names.length;
        if (tabCount + 1 != expected) {
            return ParseResult.rejected("line has " + (tabCount + 1) + " tab-separated values but #Fields names "
                    + expected);
        }
        CloudFrontLogEntry entry = new CloudFrontLogEntry();
        int start = off;
        for (int column = 0; column < expected; column++) {
            int stop = column < tabCount ? tabs[column] : end;
            set(entry, column, b, start, stop - start);
            start = stop + 1;
        }
        PROVENANCE.stamp(entry, line);
        return ParseResult.parsed(entry);
    }

    private void set(CloudFrontLogEntry entry, int column, byte[] b, int off, int len) {
        int position = directive.positions[column];
        if (position < 0 || Values.isDash(b, off, len)) {
            return;
        }
        String name = directive.names[column];
        Object value = switch (directive.types[column]) {
            case LONG -> Values.parseLong(b, off, len, name);
            case DOUBLE -> Values.parseDouble(b, off, len, name);
            default -> text.of(column, b, off, len, ascii);
        };
        entry.put(position, value);
    }

    /**
     * Counts the tabs in {@code b[off, end)}, records the positions of as many as a line under the directive has, and
     * whether the line is all ASCII.
     */
    private int findTabs(byte[] b, int off, int end) {
        int count = 0;
        long any = 0;
        int i = off;
        for (; i <= end - Long.BYTES; i += Long.BYTES) {
            long word = ByteSearch.word(b, i);
            any |= word;
            long found = ByteSearch.matches(word, TABS);
            while (found != 0) {
                if (count < tabs.length) {
                    tabs[count] = i + ByteSearch.firstFlagged(found);
                }
                count++;
                found &= found - 1;
            }
        }
        for (; i < end; i++) {
            any |= b[i];
            if (b[i] == '\t') {
                if (count < tabs.length) {
                    tabs[count] = i;
                }
                count++;
            }
        }
        ascii = (any & HIGH_BITS) == 0;
        return count;
    }

    private void useDirective(String columns) {
        if (!columns.equals(cachedColumns)) {
            directive = FieldsDirective.parse(columns);
            text = new RepeatedText(directive.names.length);
            tabs = new int[Math.max(0, directive.names.length - 1)];
            cachedColumns = columns;
        }
    }
}
