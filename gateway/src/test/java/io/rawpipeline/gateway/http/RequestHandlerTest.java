package io.rawpipeline.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestHandlerTest {

    private static final InetSocketAddress PEER = new InetSocketAddress("192.0.2.9", 51234);

    @Test
    void clientIpIsTheFirstForwardedHopTrimmed() {
        assertThat(clientIp("203.0.113.7 , 10.0.0.1")).isEqualTo("203.0.113.7");
        assertThat(clientIp("2001:db8::1")).isEqualTo("2001:db8::1");
    }

    @Test
    void clientIpIsThePeerWithoutAForwardedHop() {
        assertThat(clientIp(null)).isEqualTo("192.0.2.9");
        assertThat(clientIp(", 10.0.0.1")).isEqualTo("192.0.2.9");
    }

    @Test
    void pathOfOriginAndAbsoluteFormTargets() {
        assertThat(path("/security?id=1")).isEqualTo("/security");
        assertThat(path("/security")).isEqualTo("/security");
        assertThat(path("http://gw.example:8080/security?id=1")).isEqualTo("/security");
        assertThat(path("http://gw.example")).isEqualTo("/");
        assertThat(path("*")).isEqualTo("*");
    }

    private static String clientIp(String forwardedFor) {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/security?id=1");
        if (forwardedFor != null) {
            request.headers().set("X-Forwarded-For", forwardedFor);
        }
        return new String(RequestHandler.clientIp(request, PEER), StandardCharsets.UTF_8);
    }

    private static String path(String uri) {
        return RequestHandler.pathOf(uri, uri.indexOf('?'));
    }
}
