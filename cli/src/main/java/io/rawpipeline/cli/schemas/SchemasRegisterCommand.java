package io.rawpipeline.cli.schemas;

import io.rawpipeline.registry.RegistryException;
import io.rawpipeline.registry.SchemaRegistryClient;
import io.rawpipeline.registry.compatibility.Registration;
import io.rawpipeline.registry.compatibility.ReleasedSchemas;
import io.rawpipeline.registry.compatibility.SchemaRegistrar;
import io.rawpipeline.registry.compatibility.SubjectSchema;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pipeline schemas register}: registers each subject's current schema and sets its compatibility mode. */
@Command(name = "register", mixinStandardHelpOptions = true,
        description = {"Registers each subject's current .avsc with the registry (POST /subjects/<s>/versions) and "
                + "sets the subject's compatibility mode (PUT /config/<s>), printing what changed. A schema the "
                + "released history finds incompatible is not sent. A new version the registry accepts is written to "
                + "schemas/released/<subject>/v<N>.avsc: commit it with the change. Exits 1 when a subject was "
                + "refused, 2 when registering could not run."})
public final class SchemasRegisterCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private SchemaDirs dirs;

    @Option(names = "--registry", required = true, paramLabel = "URL",
            description = "The Confluent-API registry (e.g. http://host:8080/apis/ccompat/v7).")
    private String registry;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int registered = 0;
        int unchanged = 0;
        int refused = 0;
        dirs.check();
        SchemaRegistryClient client = SchemasCommand.client(registry);
        try {
            List<SubjectSchema> subjects = Subjects.current(dirs.schemas);
            out.printf("Registering %d subjects from %s with %s%n", subjects.size(), dirs.schemas, registry);
            SchemaRegistrar registrar = new SchemaRegistrar(new ReleasedSchemas(dirs.released), client);
            for (SubjectSchema subject : subjects) {
                Registration result = registrar.register(subject);
                switch (result.outcome()) {
                    case REGISTERED -> registered++;
                    case UNCHANGED -> unchanged++;
                    default -> refused++;
                }
                print(out, err, result);
            }
        } catch (RegistryException | IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            err.println("pipeline schemas register: could not run: " + e.getMessage());
            return SchemasCommand.EXIT_ERROR;
        }
        out.printf("%d registered, %d unchanged, %d refused.%n", registered, unchanged, refused);
        return refused == 0 ? 0 : SchemasCommand.EXIT_INCOMPATIBLE;
    }

    private static void print(PrintWriter out, PrintWriter err, Registration result) {
        String subject = result.subject().subject();
        switch (result.outcome()) {
            case REGISTERED -> out.printf("  %-36s registered as version %d (id %d)%n", subject, result.version(),
                    result.id());
            case UNCHANGED -> out.printf("  %-36s unchanged (id %d, latest version %d)%n", subject, result.id(),
                    result.version());
            case REFUSED_BY_CHECK -> {
                err.printf("  %-36s NOT registered: incompatible with the released versions%n", subject);
                result.incompatibilities().forEach(i -> err.println("      ✗ " + i.describe()));
            }
            case REFUSED_BY_REGISTRY -> err.printf("  %-36s NOT registered: the registry refused it: %s%n", subject,
                    result.registryMessage());
        }
        if (result.levelAfter() != null && result.levelAfter() != result.levelBefore()) {
            out.printf("      compatibility %s → %s%n",
                    result.levelBefore() == null ? "(registry default)" : result.levelBefore(), result.levelAfter());
        }
        if (result.releasedFile() != null) {
            out.printf("      wrote %s (commit it)%n", result.releasedFile());
        }
        out.flush();
        err.flush();
    }
}
