package io.rawpipeline.formats.ping;

import io.rawpipeline.formats.BadValueException;
import io.rawpipeline.formats.FieldProperty;
import io.rawpipeline.formats.Line;
import io.rawpipeline.formats.LineParser;
import io.rawpipeline.formats.ParseResult;
import io.rawpipeline.formats.Provenance;
import io.rawpipeline.formats.Values;
import io.rawpipeline.raw.SecurityPing;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * Parses the query string of a security-update-check ping ({@code id=…&b=…&be=…&db=…&os=…&uc=…&tc=…&auc=…&ut=…},
 * optionally with its {@code /security?} path) into a security ping. Parameters are URL-decoded; unknown ones are
 * ignored (they stay in {@code raw_query}); a missing {@code id}, a repeated parameter or a value of the wrong
 * type rejects the ping.
 */
public final class SecurityPingParser extends LineParser<SecurityPing> {

    private static final Provenance PROVENANCE = new Provenance(SecurityPing.getClassSchema());

    private static final Map<Object, Schema.Field> FIELDS_BY_PARAMETER =
            FieldProperty.fieldsBy(SecurityPing.getClassSchema(), "query.parameter");
    private static final String SERVER_ID = "id";
    private static final String UNIT_TESTS = "ut";

    @Override
    protected ParseResult<SecurityPing> read(Line line) {
        String utf8Problem = Values.utf8Problem(line.bytes(), line.offset(), line.length());
        if (utf8Problem != null) {
            return ParseResult.rejected(utf8Problem);
        }
        String query = queryOf(line.text());
        if (query.isEmpty()) {
            return ParseResult.rejected("empty query string");
        }
        SecurityPing ping = new SecurityPing();
        Set<String> seen = new HashSet<>();
        for (String pair : query.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals), "a parameter name");
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1), "parameter " + name);
            Schema.Field field = FIELDS_BY_PARAMETER.get(name);
            if (field == null) {
                continue;
            }
            if (!seen.add(name)) {
                throw new BadValueException("parameter " + name + " appears more than once");
            }
            if (!value.isEmpty()) {
                ping.put(field.pos(), typed(name, field, value));
            }
        }
        if (ping.getServerId() == null) {
            throw new BadValueException("parameter " + SERVER_ID + " (the server id) is missing or empty");
        }
        ping.setRawQuery(query);
        ping.setReceivedAt(line.origin().ingestedAt());
        ping.setClientIp(line.origin().clientIp());
        ping.setUserAgent(line.origin().userAgent());
        PROVENANCE.stamp(ping, line);
        return ParseResult.parsed(ping);
    }

    /** The query string of a line that may also hold the request path. */
    static String queryOf(String text) {
        int question = text.indexOf('?');
        return question < 0 ? text : text.substring(question + 1);
    }

    private static Object typed(String name, Schema.Field field, String value) {
        String label = "parameter " + name;
        return switch (FieldProperty.valueType(field)) {
            case LONG -> Values.parseLong(value, label);
            case BOOLEAN -> UNIT_TESTS.equals(name) ? oneOrZero(label, value) : trueOrFalse(label, value);
            default -> value;
        };
    }

    private static boolean trueOrFalse(String label, String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw BadValueException.notA("true or false", label, value);
        };
    }

    private static boolean oneOrZero(String label, String value) {
        return switch (value) {
            case "1" -> true;
            case "0" -> false;
            default -> throw BadValueException.notA("1 or 0", label, value);
        };
    }

    private static String decode(String encoded, String what) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadValueException(what + ": bad percent-encoding in '" + encoded + "'");
        }
    }
}
