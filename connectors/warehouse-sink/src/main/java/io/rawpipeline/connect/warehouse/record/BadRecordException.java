package io.rawpipeline.connect.warehouse.record;

/** A record that cannot become a row; the message is the reason given with it to the dead-letter topic. */
public final class BadRecordException extends Exception {

    public BadRecordException(String reason) {
        super(reason);
    }
}
