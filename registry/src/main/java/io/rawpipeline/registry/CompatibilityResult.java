package io.rawpipeline.registry;

import java.util.List;

/** The registry's verdict on a candidate schema; {@code messages} explain an incompatibility when it says why. */
public record CompatibilityResult(boolean compatible, List<String> messages) {

    public CompatibilityResult {
        messages = List.copyOf(messages);
    }
}
