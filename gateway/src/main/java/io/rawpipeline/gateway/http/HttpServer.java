package io.rawpipeline.gateway.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.rawpipeline.gateway.config.GatewayConfig;
import io.rawpipeline.gateway.kafka.PingProducer;
import io.rawpipeline.gateway.metrics.GatewayMetrics;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/1.1 server: Netty event loops (epoll on Linux) that parse requests with {@link HttpServerCodec} and
 * answer them in {@link RequestHandler}, and the steps of a graceful stop.
 */
public final class HttpServer {

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    /** A connection that sends nothing for this long is closed. */
    private static final int IDLE_SECONDS = 120;

    private final EventLoopGroup group;
    private final Channel listener;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final RequestHandler handler;

    public HttpServer(GatewayConfig config, PingProducer pings, GatewayMetrics metrics) throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        int threads = config.getInt(GatewayConfig.IO_THREADS_CONFIG);
        this.group = new MultiThreadIoEventLoopGroup(threads == 0 ? Runtime.getRuntime().availableProcessors()
                : threads, io);
        this.handler = new RequestHandler(config, pings, metrics);
        HttpDecoderConfig decoder = new HttpDecoderConfig()
                .setMaxInitialLineLength(config.getInt(GatewayConfig.REQUEST_LINE_MAX_BYTES_CONFIG));
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(channel)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.pipeline()
                                .addLast(new ReadTimeoutHandler(IDLE_SECONDS))
                                .addLast(new HttpServerCodec(decoder))
                                .addLast(handler);
                    }
                });
        try {
            this.listener = bootstrap.bind(config.getString(GatewayConfig.LISTEN_HOST_CONFIG),
                    config.getInt(GatewayConfig.LISTEN_PORT_CONFIG)).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
        log.info("Listening on {} ({}, {} event loops)", listener.localAddress(), epoll ? "epoll" : "nio",
                threads == 0 ? Runtime.getRuntime().availableProcessors() : threads);
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /**
     * Stops taking connections, lets the open ones send requests for up to {@code drainMs} (each answered as usual
     * but with {@code Connection: close}), waits up to {@code answerMs} until every ping handed to the producer is
     * {@code settled} (Kafka has it, so its request is answered), then closes what is left and stops the event loops.
     */
    public void stop(long drainMs, BooleanSupplier settled, long answerMs) throws InterruptedException {
        listener.close().sync();
        handler.drain();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainMs);
        while (!connections.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        long answerDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(answerMs);
        while (!settled.getAsBoolean() && System.nanoTime() < answerDeadline) {
            Thread.sleep(10);
        }
        int left = connections.size();
        connections.close().await(1, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        log.info("HTTP server stopped ({} idle connections closed after the drain)", left);
    }
}
