package io.rawpipeline.registry;

import java.net.URI;

/** A schema registry request that failed: the HTTP status and the registry's own error code and message. */
public class RegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Status and error code when the request never got an HTTP answer. */
    public static final int NONE = -1;

    private final int status;
    private final int errorCode;
    private final String registryMessage;
    private final String method;
    private final URI url;
    private final String subject;

    RegistryException(String method, URI url, String subject, int status, int errorCode, String registryMessage) {
        super(describe(method, url, subject) + ": HTTP " + status
                + (errorCode == NONE ? "" : ", error_code " + errorCode)
                + (registryMessage == null || registryMessage.isEmpty() ? "" : ": " + registryMessage));
        this.status = status;
        this.errorCode = errorCode;
        this.registryMessage = registryMessage;
        this.method = method;
        this.url = url;
        this.subject = subject;
    }

    RegistryException(String method, URI url, String subject, String reason, Throwable cause) {
        super(describe(method, url, subject) + ": " + reason, cause);
        this.status = NONE;
        this.errorCode = NONE;
        this.registryMessage = null;
        this.method = method;
        this.url = url;
        this.subject = subject;
    }

    /** The HTTP status, or {@link #NONE} after an I/O failure. */
    public int status() {
        return status;
    }

    /** The registry's {@code error_code} (for example 40403: schema not found), or {@link #NONE}. */
    public int errorCode() {
        return errorCode;
    }

    /** The registry's {@code message}, or null. */
    public String registryMessage() {
        return registryMessage;
    }

    public String method() {
        return method;
    }

    public URI url() {
        return url;
    }

    /** The subject the request was about, or null. */
    public String subject() {
        return subject;
    }

    public boolean isNotFound() {
        return status == 404;
    }

    /**
     * Whether the registry was away rather than the request wrong: no answer (refused, reset, timed out) or HTTP
     * 5xx or 429. Asking again later may succeed.
     */
    public boolean isUnavailable() {
        return status == NONE ? !(getCause() instanceof InterruptedException) : RegistryTransport.isRetriable(status);
    }

    private static String describe(String method, URI url, String subject) {
        return "Schema registry request " + method + " " + url + (subject == null ? "" : " for subject '" + subject
                + "'") + " failed";
    }
}
