package io.penguinmails.analytics.rest;

import static io.penguinmails.analytics.messaging.AnalyticsTopic.event;
import static io.penguinmails.analytics.messaging.Eventually.eventually;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.penguinmails.analytics.OlapTestResource;
import io.penguinmails.analytics.messaging.AnalyticsTopic;
import io.penguinmails.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in a real headless Chromium: it loads Chart.js from the WebJar, calls the API with the token from
 * {@code ?token=} and renders the numbers. CI installs Chromium ({@code .ci/run}); without it the test fails and says so.
 */
@QuarkusTest
@QuarkusTestResource(
        value = OlapTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_olap_test"))
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Instant JUNE_2 = Instant.parse("2025-06-02T10:00:00Z");

    @TestHTTPResource("/dashboard/index.html")
    URL dashboard;

    @Test
    void chartLibraryIsServedFromTheWebJar() {
        given().get("/webjars/chart.js/4.5.1/dist/chart.umd.min.js").then().statusCode(200);
    }

    @Test
    void theDashboardRendersTheCampaignFunnelAndTheMailboxTable() throws Exception {
        assertThat(Files.isExecutable(CHROMIUM))
                .as("Chromium is needed at %s: apt-get install chromium (.ci/run does)", CHROMIUM)
                .isTrue();
        String tenant = UUID.randomUUID().toString();
        seed(tenant);
        String url = dashboard + "?token=" + TestTokens.forTenant(tenant)
                + "&campaign=camp-dash&from=2025-06-01&to=2025-06-30";

        String dom = chromium("--dump-dom", url);
        chromium("--screenshot=" + Path.of("target", "dashboard.png").toAbsolutePath(), "--window-size=1280,1400", url);

        assertThat(dom)
                .contains(">loaded</p>")
                .contains("id=\"total-sent\">3<")
                .contains("id=\"total-opened\">2<")
                .contains("id=\"total-clicked\">1<")
                .contains("<tr id=\"mailbox-mbx-dash\"><td>mbx-dash</td><td>3</td><td>33.33 %</td>")
                .contains("class=\"health-critical\">critical<");
        assertThat(Path.of("target", "dashboard.png")).isNotEmptyFile();
    }

    private static void seed(String tenant) {
        try (AnalyticsTopic topic = new AnalyticsTopic()) {
            for (String lead : List.of("l1", "l2", "l3")) {
                topic.sendEvent(event(tenant, "sent", "camp-dash", "s1", "mbx-dash", lead, null, JUNE_2));
            }
            topic.sendEvent(event(tenant, "opened", "camp-dash", "s1", "mbx-dash", "l1", null, JUNE_2));
            topic.sendEvent(event(tenant, "opened", "camp-dash", "s1", "mbx-dash", "l2", null, JUNE_2));
            topic.sendEvent(event(tenant, "clicked", "camp-dash", "s1", "mbx-dash", "l1", null, JUNE_2));
            topic.sendEvent(event(tenant, "bounced", "camp-dash", "s1", "mbx-dash", "l3", null, JUNE_2));
        }
        eventually(() -> given().auth()
                .oauth2(TestTokens.forTenant(tenant))
                .get("/v1/analytics/campaigns/camp-dash")
                .then()
                .body("bounced", is(1)));
    }

    /** Runs headless Chromium on the page and returns what it printed (the DOM for {@code --dump-dom}). */
    private static String chromium(String... arguments) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        List<String> command = new ArrayList<>(List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--user-data-dir=" + profile,
                "--virtual-time-budget=10000"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(90, TimeUnit.SECONDS))
                .as("chromium finished")
                .isTrue();
        return output;
    }
}
