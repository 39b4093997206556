package io.rawpipeline.connect.avro;

import static org.assertj.core.api.Assertions.assertThat;

import io.confluent.kafka.schemaregistry.client.rest.exceptions.RestClientException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The failures as Confluent 7.7's converter wraps them: DataException ← SerializationException ← the cause. */
class RegistryFailuresTest {

    @Test
    void aRefusedConnectionAnUnknownHostOrATimeoutIsTheRegistryAway() {
        assertThat(RegistryFailures.registryAway(converterFailure(new ConnectException("Connection refused"))))
                .isTrue();
        assertThat(RegistryFailures.registryAway(converterFailure(new UnknownHostException("registry")))).isTrue();
        assertThat(RegistryFailures.registryAway(converterFailure(new SocketTimeoutException("Read timed out"))))
                .isTrue();
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void anAnswerThatSaysTryLaterIsTheRegistryAway(int status) {
        RestClientException answer = new RestClientException("busy", status, status * 100);
        assertThat(RegistryFailures.registryAway(converterFailure(answer))).isTrue();
    }

    @Test
    void anUnknownSchemaIdIsABadRecord() {
        assertThat(RegistryFailures.registryAway(converterFailure(
                new RestClientException("Schema 99999 not found", 404, 40403)))).isFalse();
    }

    @Test
    void bytesThatDoNotDecodeAreABadRecord() {
        assertThat(RegistryFailures.registryAway(new DataException("Unknown magic byte!"))).isFalse();
        assertThat(RegistryFailures.registryAway(converterFailure(new EOFException()))).isFalse();
    }

    private static DataException converterFailure(Throwable cause) {
        return new DataException("Failed to deserialize data for topic t to Avro: ",
                new RuntimeException("Error retrieving Avro value schema for id 1", cause));
    }
}
