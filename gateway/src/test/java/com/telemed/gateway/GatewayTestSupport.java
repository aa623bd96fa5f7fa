package com.telemed.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.telemed.testkit.TestTokens;

/**
 * The real gateway on a random port in front of one WireMock server per downstream (and one for the web). Every
 * stub answers anything with 200 and names itself in {@code X-Stub}, so a test sees both where a request went and
 * that no other stub saw it. All test classes extending this share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "telemed.gateway.trust-forwarded-for=true",
        "management.server.port=0",
        "telemed.gateway.rate-limits.login.capacity=3",
        "telemed.gateway.rate-limits.login.refill-per-minute=1",
        "telemed.gateway.rate-limits.reset.capacity=2",
        "telemed.gateway.rate-limits.reset.refill-per-minute=1",
        "telemed.gateway.rate-limits.booking.capacity=2",
        "telemed.gateway.rate-limits.booking.refill-per-minute=1",
        "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1s",
        // Health tests change the services' answers between calls.
        "telemed.gateway.health-cache-ttl=PT0S",
        "telemed.gateway.api-docs.cache-ttl=PT0S" })
@AutoConfigureWebTestClient
public abstract class GatewayTestSupport {

    public static final String AUTH = "auth-service";
    public static final String BOOKING = "booking-service";
    public static final String PAYMENT = "payment-service";
    public static final String VIDEO = "video-service";
    public static final String CLINICAL = "clinical-service";
    public static final String NOTIFICATION = "notification-service";
    public static final String PDF = "pdf-service";
    public static final String WEB = "web";

    /** Property suffix under {@code telemed.services} for each stub. */
    private static final Map<String, String> PROPERTY = Map.of(AUTH, "auth", BOOKING, "booking", PAYMENT, "payment",
            VIDEO, "video", CLINICAL, "clinical", NOTIFICATION, "notification", PDF, "pdf", WEB, "web");

    protected static final Map<String, WireMockServer> STUBS = new LinkedHashMap<>();

    static {
        for (String name : List.of(AUTH, BOOKING, PAYMENT, VIDEO, CLINICAL, NOTIFICATION, PDF, WEB)) {
            // A fixed port (picked free once) so a test can stop a stub and start it again at the same address.
            WireMockServer server = new WireMockServer(WireMockConfiguration.options()
                    .bindAddress("127.0.0.1")
                    .port(freePort())
                    .containerThreads(12)
                    .jettyAcceptors(1));
            server.start();
            STUBS.put(name, server);
        }
    }

    @DynamicPropertySource
    static void downstreams(DynamicPropertyRegistry registry) {
        STUBS.forEach((name, server) -> registry.add("telemed.services." + PROPERTY.get(name),
                () -> "http://127.0.0.1:" + server.port()));
        registry.add("telemed.security.jwks-uri", TestTokens::jwksUri);
    }

    @Autowired
    private WebTestClient autoconfigured;

    @LocalServerPort
    protected int port;

    /** A client whose requests come from a client address of their own (see {@code X-Forwarded-For}). */
    protected WebTestClient http;

    @BeforeEach
    void resetStubs() {
        STUBS.forEach((name, server) -> {
            if (!server.isRunning()) {
                server.start();
            }
            server.resetAll();
            server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                    .withHeader("X-Stub", name)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"stub\":\"" + name + "\"}")));
        });
        http = autoconfigured.mutate()
                .responseTimeout(Duration.ofSeconds(10))
                .defaultHeader("X-Forwarded-For", randomClientAddress())
                .build();
    }

    /** An absolute URI sent exactly as written (no template expansion or re-encoding). */
    protected URI raw(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    protected static WireMockServer stub(String name) {
        return STUBS.get(name);
    }

    protected static String bearer(String token) {
        return "Bearer " + token;
    }

    protected static String validToken() {
        return TestTokens.mint("doctor", 42);
    }

    /** Requests a stub received since the test started. */
    protected static List<LoggedRequest> received(String name) {
        return stub(name).findAll(anyRequestedFor(anyUrl()));
    }

    /** Asserts that exactly one request, to {@code path}, reached {@code name}, and nothing reached any other stub. */
    protected static LoggedRequest assertOnlyReached(String name, String pathAndQuery) {
        STUBS.keySet().stream().filter(other -> !other.equals(name)).forEach(other ->
                assertThat(received(other)).as("requests reaching %s", other).isEmpty());
        List<LoggedRequest> requests = received(name);
        assertThat(requests).as("requests reaching %s", name).hasSize(1);
        assertThat(requests.get(0).getUrl()).isEqualTo(pathAndQuery);
        return requests.get(0);
    }

    protected static void assertNothingReachedAnyStub() {
        STUBS.keySet().forEach(name -> assertThat(received(name)).as("requests reaching %s", name).isEmpty());
    }

    protected static String randomClientAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
