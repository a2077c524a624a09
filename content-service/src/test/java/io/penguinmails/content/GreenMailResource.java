package io.penguinmails.content;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/**
 * Starts GreenMail SMTP on a free port before the application and points {@code quarkus.mailer} at it, so that the
 * tests send real SMTP (the test profile turns the mock mailer off). Fields annotated {@link InjectSmtp} receive the
 * server, to stop, restart or replace it.
 */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {

    private SmtpServer server;

    @Override
    public Map<String, String> start() {
        server = SmtpServer.startOnFreePort();
        return Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(server.port()),
                "quarkus.mailer.tls", "false");
    }

    @Override
    public void stop() {
        server.stop();
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(InjectSmtp.class, SmtpServer.class));
    }

    /** Marks the test field that receives the {@link SmtpServer}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectSmtp {}
}
