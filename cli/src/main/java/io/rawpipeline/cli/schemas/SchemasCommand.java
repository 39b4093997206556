package io.rawpipeline.cli.schemas;

import io.rawpipeline.registry.RegistryConfig;
import io.rawpipeline.registry.SchemaRegistryClient;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pipeline schemas}: check schema changes for compatibility and register them. */
@Command(name = "schemas", mixinStandardHelpOptions = true,
        description = "Schema evolution: check the .avsc files against the released versions, register them.",
        subcommands = {SchemasCheckCommand.class, SchemasRegisterCommand.class})
public final class SchemasCommand implements Runnable {

    /** Exit code when a schema is incompatible (check) or refused (register). */
    public static final int EXIT_INCOMPATIBLE = 1;
    /** Exit code when the check could not run: unreadable files, a registry that does not answer. */
    public static final int EXIT_ERROR = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    static SchemaRegistryClient client(String url) {
        return new SchemaRegistryClient(new RegistryConfig(Map.of(
                RegistryConfig.SCHEMA_REGISTRY_URL_CONFIG, url,
                RegistryConfig.RETRIES_CONFIG, "2")));
    }
}
