package dev.mailblocks.check;

import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fixture DNS server for a test class, started on 127.0.0.1 before its tests and stopped after
 * them: {@code @RegisterExtension static final FixtureDns DNS = new FixtureDns();}.
 */
public final class FixtureDns implements BeforeAllCallback, AfterAllCallback {

    private FixtureDnsServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = FixtureDnsServer.fixtures();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }

    /** The running server. */
    public FixtureDnsServer server() {
        return server;
    }

    /** A resolver asking it: 2 s per query, 4 in flight, 30 s in all. */
    public Dns dns() {
        return Dns.open(server.address(), Duration.ofSeconds(2), 4, Duration.ofSeconds(30));
    }
}
