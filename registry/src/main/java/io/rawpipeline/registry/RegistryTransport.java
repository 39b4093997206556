package io.rawpipeline.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.common.config.types.Password;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON over HTTP to a Confluent-API schema registry. Classifies failures in one place: I/O errors, 5xx and 429 are
 * retried with exponential backoff (failing over to the next URL), any other HTTP error fails at once.
 */
final class RegistryTransport {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT = CONTENT_TYPE + ", application/json";
    private static final int MAX_UNSTRUCTURED_ERROR_CHARS = 300;
    private static final Logger log = LoggerFactory.getLogger(RegistryTransport.class);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http;
    private final List<URI> baseUrls;
    private final String authorization;
    private final Duration requestTimeout;
    private final int retries;
    private final long backoffMs;
    private final long backoffMaxMs;

    RegistryTransport(RegistryConfig config) {
        this.baseUrls = config.urls();
        this.authorization = basicAuthorization(config.userInfo());
        this.requestTimeout = Duration.ofMillis(config.getInt(RegistryConfig.REQUEST_TIMEOUT_MS_CONFIG));
        this.retries = config.getInt(RegistryConfig.RETRIES_CONFIG);
        this.backoffMs = config.getLong(RegistryConfig.RETRY_BACKOFF_MS_CONFIG);
        this.backoffMaxMs = config.getLong(RegistryConfig.RETRY_BACKOFF_MAX_MS_CONFIG);
        this.http = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
    }

    ObjectMapper json() {
        return json;
    }

    JsonNode get(String path, String subject) {
        return send("GET", path, null, subject);
    }

    /**
     * Sends the request and returns the parsed response body ({@link MissingNode} when empty).
     *
     * @param path starts with '/', already URL-encoded, may carry a query
     * @param body serialized with Jackson; null for none
     */
    JsonNode send(String method, String path, Object body, String subject) {
        byte[] payload = body == null ? null : serialize(body);
        for (int attempt = 0; ; attempt++) {
            URI url = URI.create(baseUrls.get(attempt % baseUrls.size()) + path);
            RegistryException failure;
            try {
                HttpResponse<byte[]> response = http.send(request(method, url, payload),
                        HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return parse(response.body());
                }
                failure = error(method, url, subject, status, response.body());
                if (!isRetriable(status)) {
                    throw failure;
                }
            } catch (IOException e) {
                failure = new RegistryException(method, url, subject, describe(e), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException(method, url, subject, "interrupted", e);
            }
            if (attempt >= retries) {
                throw failure;
            }
            long waitMs = backoffMs(attempt);
            log.warn("{}; retry {} of {} in {} ms", failure.getMessage(), attempt + 1, retries, waitMs);
            sleep(waitMs, failure);
        }
    }

    /** Wait before retry number {@code attempt + 1}: the base backoff doubled per earlier retry, capped. */
    long backoffMs(int attempt) {
        long wait = backoffMs << Math.min(attempt, 30);
        return wait < 0 || wait > backoffMaxMs ? backoffMaxMs : wait;
    }

    static boolean isRetriable(int status) {
        return status >= 500 || status == 429;
    }

    private HttpRequest request(String method, URI url, byte[] payload) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(requestTimeout)
                .header("Accept", ACCEPT)
                .method(method, payload == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(payload));
        if (payload != null) {
            request.header("Content-Type", CONTENT_TYPE);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.build();
    }

    private RegistryException error(String method, URI url, String subject, int status, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        try {
            JsonNode error = json.readTree(body);
            if (error != null && (error.has("error_code") || error.has("message"))) {
                return new RegistryException(method, url, subject, status,
                        error.path("error_code").asInt(RegistryException.NONE), error.path("message").asText(null));
            }
        } catch (IOException notJson) {
            // a proxy or load balancer answered; keep the start of its text
        }
        String excerpt = text.length() > MAX_UNSTRUCTURED_ERROR_CHARS
                ? text.substring(0, MAX_UNSTRUCTURED_ERROR_CHARS) + "…" : text;
        return new RegistryException(method, url, subject, status, RegistryException.NONE, excerpt);
    }

    private JsonNode parse(byte[] body) throws IOException {
        return body.length == 0 ? MissingNode.getInstance() : json.readTree(body);
    }

    private byte[] serialize(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot serialize request body " + body, e);
        }
    }

    /** The JDK client's exceptions often have no message; a cause further down says what happened. */
    private static String describe(IOException e) {
        Throwable telling = e;
        while (telling.getMessage() == null && telling.getCause() != null) {
            telling = telling.getCause();
        }
        return telling == e ? e.toString() : e.getClass().getName() + ": " + telling;
    }

    private static void sleep(long ms, RegistryException pending) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.addSuppressed(e);
            throw pending;
        }
    }

    private static String basicAuthorization(Password userInfo) {
        if (userInfo == null) {
            return null;
        }
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.value().getBytes(StandardCharsets.UTF_8));
    }
}
