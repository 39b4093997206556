package io.rawpipeline.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Client of the Confluent Schema Registry REST API (also served by Apicurio and Karapace), Avro schemas only.
 * Thread-safe; schema ids are cached per (subject, schema) and schemas per id, as both are immutable.
 */
public final class SchemaRegistryClient {

    private final RegistryTransport transport;
    private final Map<SubjectSchema, Integer> ids = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();

    public SchemaRegistryClient(RegistryConfig config) {
        this(new RegistryTransport(config));
    }

    SchemaRegistryClient(RegistryTransport transport) {
        this.transport = transport;
    }

    /** Registers the schema under the subject (a no-op when already registered) and returns its id. */
    public int register(String subject, Schema schema) {
        return cachedId(subject, schema, subjectPath(subject) + "/versions");
    }

    /** The id of a schema already registered under the subject; fails with status 404 when it is not. */
    public int idOf(String subject, Schema schema) {
        return cachedId(subject, schema, subjectPath(subject));
    }

    /** The schema with this id; fails with status 404 when there is none. */
    public Schema schemaById(int id) {
        Schema cached = schemas.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode response = transport.get("/schemas/ids/" + id, null);
        Schema schema = parse(response.path("schema").asText(), "schema id " + id);
        Schema raced = schemas.putIfAbsent(id, schema);
        return raced == null ? schema : raced;
    }

    /** The subject's latest version; not cached, as it changes with every registration. */
    public SchemaVersion latestVersion(String subject) {
        JsonNode response = transport.get(subjectPath(subject) + "/versions/latest", subject);
        return new SchemaVersion(response.path("subject").asText(subject), requiredInt(response, "version", subject),
                requiredInt(response, "id", subject), parse(response.path("schema").asText(), subject));
    }

    /** The subject's version numbers, oldest first; empty when the registry has no such subject. */
    public List<Integer> versions(String subject) {
        JsonNode response;
        try {
            response = transport.get(subjectPath(subject) + "/versions", subject);
        } catch (RegistryException e) {
            if (e.isNotFound()) {
                return List.of();
            }
            throw e;
        }
        List<Integer> versions = new ArrayList<>();
        response.forEach(version -> versions.add(version.intValue()));
        versions.sort(null);
        return List.copyOf(versions);
    }

    /** One version of the subject; fails with status 404 when there is none. */
    public SchemaVersion version(String subject, int version) {
        JsonNode response = transport.get(subjectPath(subject) + "/versions/" + version, subject);
        return new SchemaVersion(response.path("subject").asText(subject), requiredInt(response, "version", subject),
                requiredInt(response, "id", subject), parse(response.path("schema").asText(), subject));
    }

    /** The compatibility level set on the subject itself; empty when it has none (the global one applies). */
    public Optional<CompatibilityLevel> subjectCompatibility(String subject) {
        try {
            JsonNode response = transport.get("/config/" + encode(subject), subject);
            if (!response.has("compatibilityLevel") && !response.has("compatibility")) {
                return Optional.empty();
            }
            return Optional.of(level(response, subject));
        } catch (RegistryException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Tests the schema against the subject's latest version, under the subject's compatibility level. */
    public CompatibilityResult testCompatibility(String subject, Schema schema) {
        JsonNode response = transport.send("POST",
                "/compatibility" + subjectPath(subject) + "/versions/latest?verbose=true", schemaBody(schema), subject);
        List<String> messages = new ArrayList<>();
        response.path("messages").forEach(message -> messages.add(message.asText()));
        return new CompatibilityResult(response.path("is_compatible").asBoolean(false), messages);
    }

    /** The subject's compatibility level, or the registry's global level when the subject has none. */
    public CompatibilityLevel compatibility(String subject) {
        JsonNode response = transport.get("/config/" + encode(subject) + "?defaultToGlobal=true", subject);
        return level(response, subject);
    }

    public CompatibilityLevel setCompatibility(String subject, CompatibilityLevel level) {
        ObjectNode body = transport.json().createObjectNode().put("compatibility", level.name());
        return level(transport.send("PUT", "/config/" + encode(subject), body, subject), subject);
    }

    // not computeIfAbsent: that would hold a map lock during HTTP retries
    private int cachedId(String subject, Schema schema, String path) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = ids.get(key);
        if (cached != null) {
            return cached;
        }
        int id = requiredInt(transport.send("POST", path, schemaBody(schema), subject), "id", subject);
        ids.putIfAbsent(key, id);
        schemas.putIfAbsent(id, schema);
        return id;
    }

    private ObjectNode schemaBody(Schema schema) {
        // schema.toString() is exactly what Confluent's serializers register, so both get the same id
        return transport.json().createObjectNode().put("schema", schema.toString());
    }

    private static CompatibilityLevel level(JsonNode response, String subject) {
        // Confluent answers GET with compatibilityLevel and PUT with compatibility; Apicurio uses the former for both
        JsonNode level = response.has("compatibilityLevel") ? response.get("compatibilityLevel")
                : response.get("compatibility");
        if (level == null || !level.isTextual()) {
            throw new IllegalStateException("Schema registry returned no compatibility level for subject '"
                    + subject + "': " + response);
        }
        return CompatibilityLevel.valueOf(level.asText());
    }

    private static int requiredInt(JsonNode response, String field, String subject) {
        JsonNode value = response.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new IllegalStateException("Schema registry response" + (subject == null ? "" : " for subject '"
                    + subject + "'") + " has no integer '" + field + "': " + response);
        }
        return value.intValue();
    }

    private static Schema parse(String text, String what) {
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw new IllegalStateException("Schema registry returned an unparsable Avro schema for " + what, e);
        }
    }

    private static String subjectPath(String subject) {
        return "/subjects/" + encode(subject);
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private record SubjectSchema(String subject, Schema schema) {
    }
}
