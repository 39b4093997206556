package io.rawpipeline.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.rawpipeline.formats.ObjectParser;
import io.rawpipeline.formats.Origin;
import io.rawpipeline.formats.SourceFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pipeline parse}: reads one log file as the pipeline would and prints its records and rejects as JSON lines. */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = {"Parses a log file (plain or gzip, recognised by its first bytes) and prints one JSON object "
                + "per record on stdout, rejected lines as JSON on stderr or --rejects, and a summary on stderr.",
                "source_file is the absolute path of the input; ingested_at is left out of the JSON."})
public final class ParseCommand implements Callable<Integer> {

    static final int EXIT_UNREADABLE = 1;

    /** What to print for each record. */
    public enum Output { JSON, NONE }

    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    @Spec
    private CommandSpec spec;

    @Option(names = "--format", required = true, converter = SourceFormatConverter.class,
            completionCandidates = SourceFormatConverter.Ids.class,
            description = "Format of the file: ${COMPLETION-CANDIDATES}.")
    private SourceFormat format;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "The file to parse.")
    private Path input;

    @Option(names = "--rejects", paramLabel = "FILE",
            description = "Where to write rejected lines as JSON (line, reason, raw); default: stderr.")
    private Path rejects;

    @Option(names = "--output", defaultValue = "json", paramLabel = "json|none",
            description = "json: one object per record on stdout; none: parse only (for timing). Default: ${DEFAULT-VALUE}.")
    private Output output;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        // the absolute path, so a record names its file whatever directory the command ran in
        Path file = input.toAbsolutePath().normalize();
        if (Files.isDirectory(file)) {
            return fail(err, "cannot read " + input + ": it is a directory");
        }
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            return fail(err, "cannot read " + input + ": no such file");
        } catch (AccessDeniedException e) {
            return fail(err, "cannot read " + input + ": permission denied");
        } catch (IOException e) {
            return fail(err, "cannot read " + input + ": " + e.getMessage());
        }
        Writer rejectsTarget;
        try {
            rejectsTarget = rejects == null ? err : Files.newBufferedWriter(rejects, StandardCharsets.UTF_8);
        } catch (IOException e) {
            in.close();
            return fail(err, "cannot write rejects to " + rejects + ": " + e.getMessage());
        }
        try (in; JsonGenerator recordsJson = JSON.createGenerator(spec.commandLine().getOut());
             JsonGenerator rejectsJson = JSON.createGenerator(rejectsTarget)) {
            ParsedLinesPrinter printer = new ParsedLinesPrinter(
                    output == Output.JSON ? new RecordJsonWriter(recordsJson) : null, new RejectJsonWriter(rejectsJson));
            long started = System.nanoTime();
            ObjectParser.Summary summary;
            try {
                summary = new ObjectParser(format).parse(in, Origin.of(file.toString(), Instant.now()), printer);
            } catch (UncheckedIOException e) {
                return fail(err, "cannot write rejects to " + rejects + ": " + e.getCause().getMessage());
            } catch (IOException e) {
                recordsJson.flush();
                rejectsJson.flush();
                String reached = printer.lastLine() == 0 ? "before its first line"
                        : "after line " + printer.lastLine();
                return fail(err, input + ": corrupt or truncated data " + reached + " (" + e.getMessage() + ")");
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            recordsJson.flush();
            rejectsJson.flush();
            err.println(String.format(Locale.ROOT,
                    "%s: %,d lines: %,d records, %,d rejects, %,d directive lines in %.3f s (%,.0f lines/s)",
                    input, summary.lines(), summary.records(), summary.rejects(), summary.directives(), seconds,
                    summary.lines() / Math.max(seconds, 1e-9)));
            err.flush();
            return 0;
        } finally {
            if (rejectsTarget != err) {
                rejectsTarget.close();
            }
        }
    }

    private int fail(PrintWriter err, String message) {
        spec.commandLine().getOut().flush();
        err.println("pipeline parse: " + message);
        err.flush();
        return EXIT_UNREADABLE;
    }
}
