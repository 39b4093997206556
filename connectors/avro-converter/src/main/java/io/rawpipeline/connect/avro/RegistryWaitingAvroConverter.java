package io.rawpipeline.connect.avro;

import io.confluent.connect.avro.AvroConverter;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;

/**
 * Confluent's {@link AvroConverter}, but a record whose schema cannot be fetched because the registry is away is a
 * {@link RetriableException}, not a {@link DataException}: Connect then retries the record (for
 * {@code errors.retry.timeout}, with back-off up to {@code errors.retry.delay.max.ms}) instead of tolerating it into
 * the dead-letter topic. A record that is bad (unknown schema id, corrupt bytes) is still a {@code DataException}.
 *
 * <p>It extends the converter of the plugin directory it is placed in (the Snowflake connector's), so both share
 * one class loader; Connect finds it there by its service manifest.
 */
public class RegistryWaitingAvroConverter extends AvroConverter implements Versioned {

    private static final String VERSION = RegistryWaitingAvroConverter.class.getPackage().getImplementationVersion();

    @Override
    public String version() {
        return VERSION == null ? "unknown" : VERSION;
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        try {
            return super.toConnectData(topic, value);
        } catch (DataException e) {
            throw retriableIfRegistryAway(topic, e);
        }
    }

    @Override
    public SchemaAndValue toConnectData(String topic, Headers headers, byte[] value) {
        try {
            return super.toConnectData(topic, headers, value);
        } catch (DataException e) {
            throw retriableIfRegistryAway(topic, e);
        }
    }

    private static RuntimeException retriableIfRegistryAway(String topic, DataException e) {
        if (RegistryFailures.registryAway(e)) {
            return new RetriableException("Schema registry unavailable while converting a record of " + topic
                    + "; the record waits: " + e.getMessage(), e);
        }
        return e;
    }
}
