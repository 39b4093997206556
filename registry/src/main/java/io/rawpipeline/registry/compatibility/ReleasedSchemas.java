package io.rawpipeline.registry.compatibility;

import io.rawpipeline.registry.CompatibilityLevel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The committed history of released schema versions: {@code <dir>/<subject>/v<N>.avsc}, N from 1, and optionally
 * {@code <dir>/<subject>/compatibility} holding the subject's mode (one word, e.g. FULL_TRANSITIVE; absent:
 * {@link #DEFAULT_LEVEL}).
 */
public final class ReleasedSchemas {

    public static final CompatibilityLevel DEFAULT_LEVEL = CompatibilityLevel.BACKWARD_TRANSITIVE;
    public static final String MODE_FILE = "compatibility";

    private static final Pattern VERSION_FILE = Pattern.compile("v([1-9][0-9]*)\\.avsc");

    private final Path dir;

    public ReleasedSchemas(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The released versions of the subject, oldest first; empty for a subject never released. */
    public List<PastVersion> versions(String subject) {
        Path subjectDir = dir.resolve(subject);
        if (!Files.isDirectory(subjectDir)) {
            return List.of();
        }
        List<PastVersion> versions = new ArrayList<>();
        try (Stream<Path> files = Files.list(subjectDir)) {
            for (Path file : files.toList()) {
                Matcher matcher = VERSION_FILE.matcher(file.getFileName().toString());
                if (matcher.matches()) {
                    versions.add(new PastVersion("released", Integer.parseInt(matcher.group(1)), parse(file)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + subjectDir, e);
        }
        versions.sort(Comparator.comparingInt(PastVersion::version));
        return List.copyOf(versions);
    }

    /** The subject's mode: its {@code compatibility} file, else {@link #DEFAULT_LEVEL}. */
    public CompatibilityLevel level(String subject) {
        return configuredLevel(subject).orElse(DEFAULT_LEVEL);
    }

    public Optional<CompatibilityLevel> configuredLevel(String subject) {
        Path file = dir.resolve(subject).resolve(MODE_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        try {
            return Optional.of(CompatibilityLevel.valueOf(text.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " holds '" + text + "', not a compatibility mode (one of "
                    + List.of(CompatibilityLevel.values()) + ")", e);
        }
    }

    /** Whether the schema differs from the subject's latest released version (or none is released). */
    public boolean isUnreleased(String subject, Schema schema) {
        List<PastVersion> versions = versions(subject);
        return versions.isEmpty() || !sameSchema(versions.get(versions.size() - 1).schema(), schema);
    }

    /** Writes the schema as the subject's next released version and returns that file. */
    public Path release(String subject, Schema schema) {
        List<PastVersion> versions = versions(subject);
        int next = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
        Path file = dir.resolve(subject).resolve("v" + next + ".avsc");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, schema.toString(true) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /** Same JSON once parsed (docs and properties included, whitespace not). */
    static boolean sameSchema(Schema a, Schema b) {
        return a.toString().equals(b.toString());
    }

    /** Parses one {@code .avsc} file on its own. */
    public static Schema parse(Path file) {
        try {
            return new Schema.Parser().parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (SchemaParseException e) {
            throw new IllegalArgumentException(file + " is not a valid Avro schema: " + e.getMessage(), e);
        }
    }
}
