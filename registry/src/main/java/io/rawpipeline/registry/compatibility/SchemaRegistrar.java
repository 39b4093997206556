package io.rawpipeline.registry.compatibility;

import io.rawpipeline.registry.CompatibilityLevel;
import io.rawpipeline.registry.RegistryException;
import io.rawpipeline.registry.SchemaRegistryClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Registers each subject's current schema and sets the subject's mode in the registry. A schema the released history
 * says is incompatible is not sent; one the registry accepts as a new version is written to the released history as
 * its next {@code v<N>.avsc}, to be committed with the change.
 */
public final class SchemaRegistrar {

    private final ReleasedSchemas released;
    private final SchemaRegistryClient registry;

    public SchemaRegistrar(ReleasedSchemas released, SchemaRegistryClient registry) {
        this.released = released;
        this.registry = registry;
    }

    public Registration register(SubjectSchema subject) {
        String name = subject.subject();
        CompatibilityLevel level = released.level(name);
        List<SchemaIncompatibility> broken =
                CompatibilityChecker.check(name, subject.schema(), released.versions(name), level);
        if (!broken.isEmpty()) {
            return new Registration(subject, Registration.Outcome.REFUSED_BY_CHECK, 0, 0, null, null, null, broken,
                    null);
        }
        boolean exists = !registry.versions(name).isEmpty();
        Optional<CompatibilityLevel> before = exists ? registry.subjectCompatibility(name) : Optional.empty();
        // an existing subject gets its mode first, so the registry checks the new version under it; a new subject
        // has nothing to check against and some registries keep no config for a subject that does not exist
        if (exists && before.orElse(null) != level) {
            registry.setCompatibility(name, level);
        }
        Registration.Outcome outcome;
        int id;
        if (exists && isRegistered(subject)) {
            outcome = Registration.Outcome.UNCHANGED;
            id = registry.idOf(name, subject.schema());
        } else {
            try {
                id = registry.register(name, subject.schema());
                outcome = Registration.Outcome.REGISTERED;
            } catch (RegistryException e) {
                if (e.status() == 409 || e.status() == 422) {
                    return new Registration(subject, Registration.Outcome.REFUSED_BY_REGISTRY, 0, 0,
                            before.orElse(null), level, null, List.of(),
                            e.registryMessage() == null ? e.getMessage() : e.registryMessage());
                }
                throw e;
            }
        }
        if (!exists) {
            registry.setCompatibility(name, level);
        }
        int version = registry.latestVersion(name).version();
        Path written = released.isUnreleased(name, subject.schema()) ? released.release(name, subject.schema())
                : null;
        return new Registration(subject, outcome, version, id, before.orElse(null), level, written, List.of(), null);
    }

    private boolean isRegistered(SubjectSchema subject) {
        try {
            registry.idOf(subject.subject(), subject.schema());
            return true;
        } catch (RegistryException e) {
            if (e.isNotFound()) {
                return false;
            }
            throw e;
        }
    }
}
