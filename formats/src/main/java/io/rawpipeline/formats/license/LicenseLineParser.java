package io.rawpipeline.formats.license;

import io.rawpipeline.formats.BadValueException;
import io.rawpipeline.formats.Line;
import io.rawpipeline.formats.LineParser;
import io.rawpipeline.formats.ParseResult;
import io.rawpipeline.formats.Provenance;
import io.rawpipeline.formats.Values;
import io.rawpipeline.raw.License;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Parses a row of the nightly license export (RFC 4180 CSV: quoted cells, doubled quotes, CRLF or LF, line breaks
 * inside quotes). The export's header row decides the columns, in any order and case; columns the schema does not
 * know are kept in {@code extra}. Empty cells are null.
 *
 * <p>A line read before any header is the header: the parser answers it with a columns directive.
 */
public final class LicenseLineParser extends LineParser<License> {

    private static final Provenance PROVENANCE = new Provenance(License.getClassSchema());

    private static final CSVFormat CSV = CSVFormat.RFC4180;

    private String cachedColumns;
    private CsvHeader cachedHeader;

    @Override
    protected ParseResult<License> read(Line line) {
        String utf8Problem = Values.utf8Problem(line.bytes(), line.offset(), line.length());
        if (utf8Problem != null) {
            return ParseResult.rejected(utf8Problem);
        }
        String text = line.text();
        if (text.isEmpty()) {
            return ParseResult.rejected("empty line");
        }
        if (line.columns() == null) {
            return ParseResult.directive(text);
        }
        CsvHeader header = header(line.columns());
        if (header.problem != null) {
            return ParseResult.rejected(header.problem);
        }
        List<String> cells = cells(text);
        if (cells.size() != header.names.length) {
            return ParseResult.rejected("row has " + cells.size() + " cells but the header has " + header.names.length);
        }
        License license = new License();
        Map<String, String> extra = header.hasExtra ? new HashMap<>() : null;
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i).isEmpty() ? null : cells.get(i);
            if (header.fields[i] == null) {
                extra.put(header.names[i], cell);
            } else if (cell != null) {
                license.put(header.fields[i].pos(), switch (header.types[i]) {
                    case LONG -> Values.parseLong(cell, header.fields[i].name());
                    default -> cell;
                });
            }
        }
        license.setExtra(extra);
        PROVENANCE.stamp(license, line);
        return ParseResult.parsed(license);
    }

    private CsvHeader header(String columns) {
        if (!columns.equals(cachedColumns)) {
            CsvHeader header;
            try {
                header = CsvHeader.of(cells(columns));
            } catch (BadValueException e) {
                header = CsvHeader.invalid("header row: " + e.getMessage());
            }
            cachedHeader = header;
            cachedColumns = columns;
        }
        return cachedHeader;
    }

    /** The cells of exactly one CSV record. */
    private static List<String> cells(String text) {
        try (CSVParser parser = CSVParser.parse(new StringReader(text), CSV)) {
            List<CSVRecord> records = parser.getRecords();
            if (records.size() != 1) {
                throw new BadValueException("line holds " + records.size() + " CSV records, expected one");
            }
            return records.get(0).toList();
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new BadValueException("not valid CSV: " + e.getMessage());
        }
    }
}
