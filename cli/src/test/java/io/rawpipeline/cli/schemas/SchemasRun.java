package io.rawpipeline.cli.schemas;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import picocli.CommandLine;

/** One in-process run of {@code pipeline schemas …} with its output captured, and helpers to edit test schemas. */
record SchemasRun(int exitCode, String out, String err) {

    static final Path SCHEMAS_DIR = Path.of("..", "schemas", "src", "main", "avro");
    static final Path RELEASED_DIR = Path.of("..", "schemas", "released");

    static SchemasRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new SchemasCommand()).setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new SchemasRun(exitCode, out.toString(), err.toString());
    }

    /** A copy of a directory's files (one level of subdirectories, as schemas/released has). */
    static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return to;
    }

    /** Adds a field (its JSON) at the end of the record in the .avsc file. */
    static void addField(Path avsc, String fieldJson) throws IOException {
        String text = Files.readString(avsc).stripTrailing();
        int fieldsEnd = text.lastIndexOf(']');
        Files.writeString(avsc, text.substring(0, fieldsEnd).stripTrailing() + ",\n    " + fieldJson + "\n  "
                + text.substring(fieldsEnd) + "\n");
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
