package io.rawpipeline.cli.schemas;

import io.rawpipeline.registry.RegistryException;
import io.rawpipeline.registry.SchemaRegistryClient;
import io.rawpipeline.registry.compatibility.PastVersion;
import io.rawpipeline.registry.compatibility.ReleasedSchemas;
import io.rawpipeline.registry.compatibility.SchemaCheck;
import io.rawpipeline.registry.compatibility.SchemaIncompatibility;
import io.rawpipeline.registry.compatibility.SubjectReport;
import io.rawpipeline.registry.compatibility.SubjectSchema;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pipeline schemas check}: every subject's current schema against its released and registered versions. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Checks each subject's current .avsc against every released version (schemas/released) and, "
                + "with --registry, every version in the registry, under the subject's compatibility mode "
                + "(default BACKWARD_TRANSITIVE). Exits 1 naming subject, field and rule when one is incompatible, "
                + "2 when the check cannot run."})
public final class SchemasCheckCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private SchemaDirs dirs;

    @Option(names = "--registry", paramLabel = "URL",
            description = "Also check against this Confluent-API registry's versions (e.g. "
                    + "http://host:8080/apis/ccompat/v7).")
    private String registry;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        dirs.check();
        SchemaRegistryClient client = registry == null ? null : SchemasCommand.client(registry);
        List<SubjectReport> reports;
        try {
            List<SubjectSchema> subjects = Subjects.current(dirs.schemas);
            out.printf("Checking %d subjects: %s against %s%s%n", subjects.size(), dirs.schemas, dirs.released,
                    registry == null ? "" : " and the registry at " + registry);
            SchemaCheck check = new SchemaCheck(new ReleasedSchemas(dirs.released), client);
            reports = new ArrayList<>();
            for (SubjectSchema subject : subjects) {
                SubjectReport report = check.check(subject);
                reports.add(report);
                print(out, report);
            }
        } catch (RegistryException | IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            err.println("pipeline schemas check: could not run: " + e.getMessage());
            return SchemasCommand.EXIT_ERROR;
        }
        List<SubjectReport> failed = reports.stream().filter(r -> !r.compatible()).toList();
        if (failed.isEmpty()) {
            out.printf("All %d subjects compatible.%n", reports.size());
            return 0;
        }
        err.printf("%d of %d subjects INCOMPATIBLE:%n", failed.size(), reports.size());
        failed.forEach(report -> report.incompatibilities().forEach(i -> err.println("  " + i.describe())));
        return SchemasCommand.EXIT_INCOMPATIBLE;
    }

    static void print(PrintWriter out, SubjectReport report) {
        String against = report.checked().isEmpty() ? "nothing to compare with"
                : report.checked().stream().map(PastVersion::label).collect(Collectors.joining(", "));
        out.printf("  %-36s %-26s %-20s %s: %s%n", report.subject().subject(),
                report.subject().file().getFileName(), report.level(),
                report.compatible() ? "compatible" : "INCOMPATIBLE (" + report.incompatibilities().size() + ")",
                against);
        for (String note : report.notes()) {
            out.printf("      %s%n", note);
        }
        for (SchemaIncompatibility incompatibility : report.incompatibilities()) {
            out.printf("      ✗ %s%n", incompatibility.describe());
        }
        out.flush();
    }
}
