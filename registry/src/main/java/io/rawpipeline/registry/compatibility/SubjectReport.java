package io.rawpipeline.registry.compatibility;

import io.rawpipeline.registry.CompatibilityLevel;
import java.util.List;

/**
 * The check of one subject.
 *
 * @param subject          the subject and its current schema
 * @param level            the mode checked under
 * @param checked          the earlier versions the current schema was compared with (released and registry)
 * @param incompatibilities every rule broken; empty when compatible
 * @param notes            what else is worth saying (unreleased changes, the registry's own mode)
 */
public record SubjectReport(SubjectSchema subject, CompatibilityLevel level, List<PastVersion> checked,
                            List<SchemaIncompatibility> incompatibilities, List<String> notes) {

    public SubjectReport {
        checked = List.copyOf(checked);
        incompatibilities = List.copyOf(incompatibilities);
        notes = List.copyOf(notes);
    }

    public boolean compatible() {
        return incompatibilities.isEmpty();
    }
}
