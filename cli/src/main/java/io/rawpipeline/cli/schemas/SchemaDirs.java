package io.rawpipeline.cli.schemas;

import io.rawpipeline.cli.PathOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the current schemas and the released history are; both default to the repository's. */
final class SchemaDirs {

    @Option(names = "--schemas-dir", paramLabel = "DIR",
            defaultValue = "${sys:pipeline.home:-.}/schemas/src/main/avro",
            description = "The current .avsc files. Default: the repository's schemas/src/main/avro.")
    Path schemas;

    @Option(names = "--released-dir", paramLabel = "DIR", defaultValue = "${sys:pipeline.home:-.}/schemas/released",
            description = "The released versions, <subject>/v<N>.avsc (and an optional <subject>/compatibility). "
                    + "Default: the repository's schemas/released.")
    Path released;

    /** Both folders must be there: a mistyped one would otherwise read as "nothing released yet". */
    void check() {
        PathOptions.existingFolder(schemas, "--schemas-dir", "");
        PathOptions.existingFolder(released, "--released-dir", "");
    }
}
