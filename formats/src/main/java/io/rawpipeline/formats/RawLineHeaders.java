package io.rawpipeline.formats;

/**
 * Names of the headers a raw line record carries from its source (S3 connector, gateway) to the parser, so every
 * line can be parsed on its own, from any offset. Values are UTF-8 text.
 */
public final class RawLineHeaders {

    /** {@code s3://bucket/key}; absent on pings, which are then identified by their topic, partition and offset. */
    public static final String SOURCE_FILE = "rawpipeline.source-file";
    /** 1-based line number in the decompressed object, header and directive lines counted, as a decimal. */
    public static final String SOURCE_LINE = "rawpipeline.source-line";
    /** When the source read the line, epoch milliseconds as a decimal. */
    public static final String INGESTED_AT = "rawpipeline.ingested-at";
    /**
     * The object's line that names its columns (CloudFront {@code #Fields:} line, CSV header row), on every line
     * after it; absent on that line itself and on lines of formats without one.
     */
    public static final String COLUMNS = "rawpipeline.columns";
    /** The parsed topic (table) a line of a multi-table source goes to, e.g. {@code push_proxy.logs_eu_new}. */
    public static final String TABLE = "rawpipeline.table";
    /** For pings: the first X-Forwarded-For hop, else the peer address. */
    public static final String CLIENT_IP = "rawpipeline.client-ip";
    /** For pings: the request's User-Agent. */
    public static final String USER_AGENT = "rawpipeline.user-agent";

    private RawLineHeaders() {
    }
}
