package io.rawpipeline.connect.avro;

import io.confluent.kafka.schemaregistry.client.rest.exceptions.RestClientException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Set;

/**
 * Tells a registry that is away from a record that is bad. Confluent 7.7's converter reports both as the same
 * {@code DataException}; only the cause chain says which: a refused or reset connection, an unknown host, a timeout,
 * or an answer that says "try later" (408, 429, 5xx) mean the registry is away; an unknown schema id (404), a bad
 * magic byte or bytes that do not decode mean the record is bad.
 */
final class RegistryFailures {

    private static final Set<Integer> TRY_LATER = Set.of(408, 429, 500, 502, 503, 504);

    private RegistryFailures() {
    }

    static boolean registryAway(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RestClientException answer) {
                return TRY_LATER.contains(answer.getStatus());
            }
            // SocketException covers ConnectException (refused) and a reset; InterruptedIOException a timeout.
            // Not IOException as such: a truncated record fails with an EOFException.
            if (cause instanceof SocketException || cause instanceof UnknownHostException
                    || cause instanceof InterruptedIOException) {
                return true;
            }
        }
        return false;
    }
}
