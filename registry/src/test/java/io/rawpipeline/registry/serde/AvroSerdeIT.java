package io.rawpipeline.registry.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.rawpipeline.local.ApicurioRegistry;
import io.rawpipeline.registry.RegistryConfig;
import io.rawpipeline.registry.SchemaRegistryClient;
import io.rawpipeline.registry.sample.SampleEvent;
import java.nio.file.Paths;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AvroSerdeIT {

    private static ApicurioRegistry registry;

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = ApicurioRegistry.start(Paths.get("target", "apicurio-AvroSerdeIT.log"));
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void roundTripsThroughTheRegistryWithTheRegisteredId() {
        Map<String, Object> configs = Map.of(RegistryConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url());
        try (AvroSerde<SampleEvent> serde = new AvroSerde<>(SampleEvent.class)) {
            serde.configure(configs, false);

            byte[] bytes = serde.serializer().serialize("serde-it", SampleEvents.sample());
            SampleEvent read = serde.deserializer().deserialize("serde-it", bytes);

            int id = new SchemaRegistryClient(new RegistryConfig(configs))
                    .idOf("serde-it-value", SampleEvent.getClassSchema());
            assertThat(ConfluentWireFormat.schemaId("serde-it", bytes)).isEqualTo(id);
            assertThat(read).isEqualTo(SampleEvents.sample());
        }
    }
}
