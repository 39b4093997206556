package io.rawpipeline.registry.compatibility;

import io.rawpipeline.registry.CompatibilityLevel;
import io.rawpipeline.registry.SchemaRegistryClient;
import io.rawpipeline.registry.SchemaVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks each subject's current schema against its released versions ({@link ReleasedSchemas}) and, given a
 * registry, against the versions registered there, under the subject's mode from the released history.
 */
public final class SchemaCheck {

    private final ReleasedSchemas released;
    private final SchemaRegistryClient registry;

    /** @param registry null to check against the released history only */
    public SchemaCheck(ReleasedSchemas released, SchemaRegistryClient registry) {
        this.released = released;
        this.registry = registry;
    }

    public SubjectReport check(SubjectSchema subject) {
        String name = subject.subject();
        CompatibilityLevel level = released.level(name);
        List<String> notes = new ArrayList<>();
        List<PastVersion> releasedVersions = released.versions(name);
        List<SchemaIncompatibility> found = new ArrayList<>(
                CompatibilityChecker.check(name, subject.schema(), releasedVersions, level));
        List<PastVersion> checked = new ArrayList<>(releasedVersions);
        if (releasedVersions.isEmpty()) {
            notes.add("no released version in " + released.dir().resolve(name) + ": a new subject");
        } else if (released.isUnreleased(name, subject.schema())) {
            notes.add("changed since released v" + releasedVersions.get(releasedVersions.size() - 1).version()
                    + "; register writes the next version");
        }
        if (registry != null) {
            List<PastVersion> registered = new ArrayList<>();
            for (int version : registry.versions(name)) {
                SchemaVersion fetched = registry.version(name, version);
                registered.add(new PastVersion("registry", fetched.version(), fetched.schema()));
            }
            Optional<CompatibilityLevel> registryLevel = registry.subjectCompatibility(name);
            if (registered.isEmpty()) {
                notes.add("not in the registry yet");
            } else if (registryLevel.isPresent() && registryLevel.get() != level) {
                notes.add("the registry checks it under " + registryLevel.get() + "; register sets " + level);
            }
            found.addAll(CompatibilityChecker.check(name, subject.schema(), registered, level));
            checked.addAll(registered);
        }
        return new SubjectReport(subject, level, checked, found, notes);
    }

    public List<SubjectReport> checkAll(List<SubjectSchema> subjects) {
        return subjects.stream().map(this::check).toList();
    }
}
