package io.rawpipeline.formats;

/**
 * A value that does not fit its field. Thrown inside parsers and turned into a reject there; the message names the
 * field and the problem.
 */
public final class BadValueException extends RuntimeException {

    public BadValueException(String message) {
        super(message, null, false, false);
    }

    public static BadValueException notA(String kind, String field, CharSequence value) {
        return new BadValueException(field + ": '" + abbreviate(value) + "' is not " + kind);
    }

    static String abbreviate(CharSequence value) {
        return value.length() <= 60 ? value.toString() : value.subSequence(0, 57) + "...";
    }
}
