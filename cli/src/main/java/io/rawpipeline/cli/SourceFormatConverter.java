package io.rawpipeline.cli;

import io.rawpipeline.formats.SourceFormat;
import java.util.Arrays;
import java.util.Iterator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --format} by the formats' lower-case ids, so a wrong value gets a usage error naming the known ones. */
public final class SourceFormatConverter implements ITypeConverter<SourceFormat> {

    @Override
    public SourceFormat convert(String value) {
        try {
            return SourceFormat.fromId(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** The ids for {@code ${COMPLETION-CANDIDATES}} in option descriptions and for shell completion. */
    public static final class Ids implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(SourceFormat.values()).map(SourceFormat::id).iterator();
        }
    }
}
