package io.rawpipeline.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.concurrent.ScheduledFuture;
import io.rawpipeline.gateway.config.GatewayConfig;
import io.rawpipeline.gateway.kafka.PingProducer;
import io.rawpipeline.gateway.metrics.GatewayMetrics;
import io.rawpipeline.gateway.metrics.GatewayMetrics.Rejection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers requests on the event loop: {@code GET <ping path>} hands the ping to the producer and answers 200 with
 * the configured body once Kafka has acknowledged it; {@code /healthz} and {@code /metrics}; every
 * other request gets a clear status and is counted. Nothing here waits: the producer refuses rather than blocks.
 *
 * <p>The codec reads the request line byte for byte into chars (ISO-8859-1), so the query's bytes as received are
 * {@code query.getBytes(ISO_8859_1)}; the same holds for header values.
 */
@ChannelHandler.Sharable
final class RequestHandler extends SimpleChannelInboundHandler<HttpObject> {

    static final String HEALTH_PATH = "/healthz";
    static final String METRICS_PATH = "/metrics";

    private static final Logger log = LoggerFactory.getLogger(RequestHandler.class);
    private static final String X_FORWARDED_FOR = "X-Forwarded-For";
    private static final String TEXT = "text/plain; charset=utf-8";

    private final PingProducer pings;
    private final GatewayMetrics metrics;
    private final String pingPath;
    private final ByteBuf acceptedBody;
    private final String retryAfter;
    private final int maxLine;
    private final long ackTimeoutMs;
    private volatile boolean draining;

    RequestHandler(GatewayConfig config, PingProducer pings, GatewayMetrics metrics) {
        this.pings = pings;
        this.metrics = metrics;
        this.pingPath = config.getString(GatewayConfig.PING_PATH_CONFIG);
        this.acceptedBody = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(
                config.getString(GatewayConfig.RESPONSE_BODY_CONFIG).getBytes(StandardCharsets.UTF_8)));
        this.retryAfter = Integer.toString(config.getInt(GatewayConfig.RETRY_AFTER_SECONDS_CONFIG));
        this.maxLine = config.getInt(GatewayConfig.REQUEST_LINE_MAX_BYTES_CONFIG);
        this.ackTimeoutMs = config.getLong(GatewayConfig.ACK_TIMEOUT_MS_CONFIG);
    }

    /** From now on every answer closes its connection. */
    void drain() {
        draining = true;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
        DecoderResult decoded = message.decoderResult();
        if (decoded.isFailure()) {
            rejectUnreadable(ctx, decoded.cause());
            return;
        }
        if (!(message instanceof HttpRequest request)) {
            return; // a body: nothing here reads one
        }
        long receivedAt = System.currentTimeMillis();
        boolean keepAlive = HttpUtil.isKeepAlive(request) && !draining;
        String uri = request.uri();
        int question = uri.indexOf('?');
        String path = pathOf(uri, question);
        boolean get = HttpMethod.GET.equals(request.method());
        if (!path.equals(pingPath) && !path.equals(HEALTH_PATH) && !path.equals(METRICS_PATH)) {
            reject(ctx, keepAlive, Rejection.NOT_FOUND, "no such path: " + path);
        } else if (!get) {
            FullHttpResponse response = textResponse(Rejection.METHOD_NOT_ALLOWED.status(),
                    request.method() + " not allowed; use GET");
            response.headers().set(HttpHeaderNames.ALLOW, "GET");
            metrics.rejected(Rejection.METHOD_NOT_ALLOWED);
            respond(ctx, response, keepAlive);
        } else if (path.equals(HEALTH_PATH)) {
            String notReady = pings.notReadyReason();
            respond(ctx, textResponse(notReady == null ? 200 : 503, notReady == null ? "ready"
                    : "not ready: " + notReady), keepAlive);
        } else if (path.equals(METRICS_PATH)) {
            respond(ctx, metricsResponse(ctx), keepAlive);
        } else if (question < 0 || question == uri.length() - 1) {
            reject(ctx, keepAlive, Rejection.EMPTY_QUERY, "a ping needs its query string");
        } else {
            ping(ctx, request, keepAlive, uri.substring(question + 1), receivedAt);
        }
    }

    /**
     * Hands the ping to the producer and answers once Kafka has it: 200 when it is written, 503 when it cannot be
     * taken (not written), or when Kafka has not acknowledged it within {@code ack.timeout.ms} (the producer keeps
     * it: it may still be written, once). A 200 never comes before the write, so a killed gateway loses no ping it
     * answered.
     */
    private void ping(ChannelHandlerContext ctx, HttpRequest request, boolean keepAlive, String query,
                      long receivedAt) {
        AtomicBoolean answered = new AtomicBoolean();
        // runs on this event loop, after this method: the timer below is set by then
        AtomicReference<ScheduledFuture<?>> timer = new AtomicReference<>();
        PingProducer.Outcome outcome = pings.send(query.getBytes(StandardCharsets.ISO_8859_1), receivedAt,
                clientIp(request, ctx.channel().remoteAddress()), bytes(request.headers().get(HttpHeaderNames.USER_AGENT)),
                written -> ctx.executor().execute(() -> {
                    if (answered.compareAndSet(false, true)) {
                        ScheduledFuture<?> pending = timer.get();
                        if (pending != null) {
                            pending.cancel(false);
                        }
                        if (written) {
                            metrics.accepted();
                            respond(ctx, acceptedResponse(), keepAlive);
                        } else {
                            unavailable(ctx, keepAlive, Rejection.KAFKA_UNAVAILABLE, "Kafka refused the ping");
                        }
                        ctx.flush();
                    }
                }));
        switch (outcome) {
            case ACCEPTED -> timer.set(ctx.executor().schedule(() -> {
                if (answered.compareAndSet(false, true)) {
                    unavailable(ctx, keepAlive, Rejection.NOT_ACKNOWLEDGED, "Kafka has not acknowledged the ping "
                            + "within " + ackTimeoutMs + " ms; it is kept and may still be delivered, once");
                    ctx.flush();
                }
            }, ackTimeoutMs, TimeUnit.MILLISECONDS));
            case BUFFER_FULL -> unavailable(ctx, keepAlive, Rejection.BUFFER_FULL,
                    "the buffer of pings waiting for Kafka is full");
            case UNAVAILABLE -> unavailable(ctx, keepAlive, Rejection.KAFKA_UNAVAILABLE, "Kafka cannot take pings now");
            case CLOSED -> unavailable(ctx, false, Rejection.SHUTTING_DOWN, "the gateway is shutting down");
        }
    }

    private FullHttpResponse acceptedResponse() {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                acceptedBody.duplicate());
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, acceptedBody.readableBytes());
        return response;
    }

    /** The first X-Forwarded-For hop (the client as the first proxy saw it), else the peer's address. */
    static byte[] clientIp(HttpRequest request, SocketAddress peer) {
        String forwarded = request.headers().get(X_FORWARDED_FOR);
        if (forwarded != null) {
            int comma = forwarded.indexOf(',');
            String first = (comma < 0 ? forwarded : forwarded.substring(0, comma)).trim();
            if (!first.isEmpty()) {
                return bytes(first);
            }
        }
        return bytes(peer instanceof InetSocketAddress address && address.getAddress() != null
                ? address.getAddress().getHostAddress() : String.valueOf(peer));
    }

    /** The path of an origin-form ({@code /p?q}) or absolute-form ({@code http://host/p?q}) request target. */
    static String pathOf(String uri, int question) {
        String target = question < 0 ? uri : uri.substring(0, question);
        int scheme = target.indexOf("://");
        if (!target.startsWith("/") && scheme > 0) {
            int slash = target.indexOf('/', scheme + 3);
            return slash < 0 ? "/" : target.substring(slash);
        }
        return target;
    }

    private void unavailable(ChannelHandlerContext ctx, boolean keepAlive, Rejection rejection, String why) {
        FullHttpResponse response = textResponse(rejection.status(), why + "; retry after " + retryAfter + " s");
        response.headers().set(HttpHeaderNames.RETRY_AFTER, retryAfter);
        metrics.rejected(rejection);
        respond(ctx, response, keepAlive);
    }

    private void reject(ChannelHandlerContext ctx, boolean keepAlive, Rejection rejection, String why) {
        metrics.rejected(rejection);
        respond(ctx, textResponse(rejection.status(), why), keepAlive);
    }

    /** A request the codec could not read: answered, counted, and its connection closed (the stream is lost). */
    private void rejectUnreadable(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            reject(ctx, false, Rejection.URI_TOO_LONG, "request line longer than " + maxLine + " bytes");
        } else if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
            reject(ctx, false, Rejection.HEADERS_TOO_LARGE, "request headers too large");
        } else {
            reject(ctx, false, Rejection.BAD_REQUEST, "malformed request: " + cause.getMessage());
        }
    }

    private FullHttpResponse metricsResponse(ChannelHandlerContext ctx) {
        ByteBuf body = ctx.alloc().buffer();
        try (ByteBufOutputStream out = new ByteBufOutputStream(body)) {
            metrics.write(out);
        } catch (IOException | RuntimeException e) {
            body.release();
            log.error("Cannot write the metrics", e);
            return textResponse(500, "cannot write the metrics: " + e);
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, metrics.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        return response;
    }

    private static FullHttpResponse textResponse(int status, String text) {
        ByteBuf body = Unpooled.copiedBuffer(text + "\n", StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(status), body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, TEXT)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        return response;
    }

    /** Written now, flushed when the read completes (one flush for pipelined requests). */
    private static void respond(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.write(response, ctx.voidPromise());
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof ReadTimeoutException) && !(cause instanceof IOException)) {
            log.warn("Closing connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        ctx.close();
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
