package io.rawpipeline.registry.compatibility;

import io.rawpipeline.registry.CompatibilityLevel;
import java.nio.file.Path;
import java.util.List;

/**
 * What registering one subject did.
 *
 * @param outcome          registered, already registered, or refused (by the local check or by the registry)
 * @param version          the subject's version in the registry holding the current schema; 0 when refused
 * @param id               its schema id; 0 when refused
 * @param levelBefore      the subject's own mode in the registry before; null when it had none
 * @param levelAfter       the mode it has now
 * @param releasedFile     the {@code v<N>.avsc} written to the released history; null when none was
 * @param incompatibilities the rules the local check found broken (outcome REFUSED_BY_CHECK)
 * @param registryMessage  the registry's answer when it refused
 */
public record Registration(SubjectSchema subject, Outcome outcome, int version, int id,
                           CompatibilityLevel levelBefore, CompatibilityLevel levelAfter, Path releasedFile,
                           List<SchemaIncompatibility> incompatibilities, String registryMessage) {

    public enum Outcome { REGISTERED, UNCHANGED, REFUSED_BY_CHECK, REFUSED_BY_REGISTRY }

    public Registration {
        incompatibilities = List.copyOf(incompatibilities);
    }

    public boolean refused() {
        return outcome == Outcome.REFUSED_BY_CHECK || outcome == Outcome.REFUSED_BY_REGISTRY;
    }
}
