package io.penguinmails.campaign.engagement;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.penguinmails.campaign.KeyDirResource;
import io.penguinmails.campaign.service.tracking.SentMessageRef;
import io.penguinmails.campaign.service.tracking.TrackingLinks;
import io.penguinmails.campaign.service.tracking.TrackingToken;
import io.penguinmails.campaign.service.tracking.TrackingTokens;
import io.penguinmails.contracts.AnalyticsEvent;
import io.penguinmails.infra.PenguinTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.RedirectConfig;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
        value = PenguinTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_oltp_test"))
@QuarkusTestResource(KeyDirResource.class)
class TrackingEndpointsTest {

    private static final byte[] GIF_HEADER = "GIF89a".getBytes();

    @Inject
    DataSource dataSource;

    @Inject
    TrackingLinks links;

    @Inject
    TrackingTokens tokens;

    @Test
    void everyOpenIsPublishedAgainstTheSentMessageAndOpenedAtIsSetOnce() {
        EngagementFixture fixture = EngagementFixture.create(dataSource, "sending");
        EngagementFixture.Lead ada = fixture.lead("ada@northwind.example", "<pm.ada.step1@acme.example>");
        String pixel = pixelPath(links.instrument("<body>Hi</body>", ref(fixture, ada), true, false));

        Response first = given().get(pixel);
        first.then()
                .statusCode(200)
                .contentType("image/gif")
                .header("Cache-Control", containsString("no-store"))
                .header("Pragma", "no-cache");
        assertThat(first.asByteArray()).startsWith(GIF_HEADER);
        var openedAt = fixture.instant(ada, "opened_at");
        given().get(pixel).then().statusCode(200);

        assertThat(openedAt).isNotNull();
        assertThat(fixture.instant(ada, "opened_at")).isEqualTo(openedAt);
        assertThat(fixture.count("SELECT count(*) FROM tracking_events WHERE tenant_id = ? AND event_type = 'opened'"))
                .isEqualTo(2);
        List<AnalyticsEvent> analytics = AnalyticsProbe.analyticsOf(fixture.tenantId, 2);
        assertThat(analytics).hasSize(2).allSatisfy(event -> {
            assertThat(event.eventType()).isEqualTo("opened");
            assertThat(event.storageKey()).isEqualTo(ada.storageKey());
            assertThat(event.stepId()).isEqualTo(fixture.firstStepId.toString());
            assertThat(event.leadId()).isEqualTo(ada.id().toString());
        });
    }

    @Test
    void anAlteredForgedOrCrossTenantPixelStillAnswersAGifAndRecordsNothing() {
        EngagementFixture fixture = EngagementFixture.create(dataSource, "sending");
        EngagementFixture.Lead ada = fixture.lead("ada@northwind.example", "<pm.ada.step1@acme.example>");
        EngagementFixture other = EngagementFixture.create(dataSource, "sending");
        String valid = token(pixelPath(links.instrument("", ref(fixture, ada), true, false)));
        String forged = new TrackingTokens("guessed-secret")
                .mint(TrackingToken.of(TrackingToken.Kind.OPEN, ref(fixture, ada), ""));
        String crossTenant = tokens.mint(TrackingToken.of(
                TrackingToken.Kind.OPEN,
                new SentMessageRef(
                        other.tenantId,
                        fixture.campaignId,
                        fixture.firstStepId,
                        ada.enrollmentId(),
                        ada.id(),
                        fixture.mailboxId,
                        ada.messageId()),
                ""));

        for (String token : List.of(alter(valid), forged, crossTenant, "x")) {
            Response response = given().get(TrackingLinks.OPEN_PATH + token);
            response.then().statusCode(200).contentType("image/gif");
            assertThat(response.asByteArray()).startsWith(GIF_HEADER);
        }

        assertThat(fixture.instant(ada, "opened_at")).isNull();
        assertThat(fixture.count("SELECT count(*) FROM tracking_events WHERE tenant_id = ?"))
                .isZero();
        assertThat(other.count("SELECT count(*) FROM tracking_events WHERE tenant_id = ?"))
                .isZero();
        assertThat(fixture.count("SELECT count(*) FROM outbox WHERE tenant_id = ? AND topic = 'analytics.events'"))
                .isZero();
    }

    @Test
    void aClickRedirectsToTheExactLinkOfTheMailAndIsRecorded() {
        EngagementFixture fixture = EngagementFixture.create(dataSource, "sending");
        EngagementFixture.Lead ada = fixture.lead("ada@northwind.example", "<pm.ada.step1@acme.example>");
        String html = links.instrument(
                "<a href=\"https://acme.example/pricing?plan=pro&amp;ref=mail\">Pricing</a>",
                ref(fixture, ada),
                false,
                true);
        String click = path(html, TrackingLinks.CLICK_PATH);

        noRedirects()
                .get(click)
                .then()
                .statusCode(302)
                .header("Location", equalTo("https://acme.example/pricing?plan=pro&ref=mail"));

        assertThat(fixture.instant(ada, "clicked_at")).isNotNull();
        assertThat(fixture.instant(ada, "opened_at"))
                .as("a click proves an open")
                .isNotNull();
        assertThat(fixture.count(
                        "SELECT count(*) FROM tracking_events WHERE tenant_id = ? AND event_type = 'clicked' AND url = ?",
                        "https://acme.example/pricing?plan=pro&ref=mail"))
                .isEqualTo(1);
        assertThat(AnalyticsProbe.analyticsOf(fixture.tenantId, 1))
                .singleElement()
                .satisfies(event -> {
                    assertThat(event.eventType()).isEqualTo("clicked");
                    assertThat(event.storageKey()).isEqualTo(ada.storageKey());
                });
    }

    @Test
    void anAlteredOrForgedClickAndAnOpenRedirectAttemptGetA404AndRecordNothing() {
        EngagementFixture fixture = EngagementFixture.create(dataSource, "sending");
        EngagementFixture.Lead ada = fixture.lead("ada@northwind.example", "<pm.ada.step1@acme.example>");
        String valid = token(path(
                links.instrument("<a href=\"https://acme.example/\">A</a>", ref(fixture, ada), false, true),
                TrackingLinks.CLICK_PATH));
        byte[] swapped = Base64.getUrlDecoder().decode(valid);
        byte[] evil = "https://evil.example/".getBytes();
        System.arraycopy(evil, 0, swapped, 66, Math.min(evil.length, swapped.length - 82));
        String openRedirect = Base64.getUrlEncoder().withoutPadding().encodeToString(swapped);
        String forged = new TrackingTokens("guessed-secret")
                .mint(TrackingToken.of(TrackingToken.Kind.CLICK, ref(fixture, ada), "https://evil.example/"));
        String javascript =
                tokens.mint(TrackingToken.of(TrackingToken.Kind.CLICK, ref(fixture, ada), "javascript:alert(1)"));

        for (String token : List.of(alter(valid), openRedirect, forged, javascript)) {
            noRedirects()
                    .get(TrackingLinks.CLICK_PATH + token)
                    .then()
                    .statusCode(404)
                    .header("Location", nullValue());
        }
        noRedirects()
                .get(TrackingLinks.CLICK_PATH + "https%3A%2F%2Fevil.example")
                .then()
                .statusCode(404);

        assertThat(fixture.instant(ada, "clicked_at")).isNull();
        assertThat(fixture.instant(ada, "opened_at")).isNull();
        assertThat(fixture.count("SELECT count(*) FROM tracking_events WHERE tenant_id = ?"))
                .isZero();
        assertThat(fixture.count("SELECT count(*) FROM outbox WHERE tenant_id = ? AND topic = 'analytics.events'"))
                .as("nothing is published for a refused click")
                .isZero();
    }

    @Test
    void oneClickUnsubscribeSuppressesTheLeadStopsItAndCountsOnce() {
        EngagementFixture fixture = EngagementFixture.create(dataSource, "sending");
        EngagementFixture.Lead ada = fixture.lead("ada@northwind.example", "<pm.ada.step1@acme.example>");
        String url = links.unsubscribeUrl(ref(fixture, ada));
        String path = URI.create(url).getPath();

        given().get(path).then().statusCode(200).contentType("text/html").body(containsString("<form method=\"post\""));
        assertThat(fixture.status(ada)).as("the page alone unsubscribes nobody").isEqualTo("active");

        for (int i = 0; i < 2; i++) {
            given().contentType("application/x-www-form-urlencoded")
                    .formParam("List-Unsubscribe", "One-Click")
                    .post(path)
                    .then()
                    .statusCode(200)
                    .body(containsString("unsubscribed"));
        }

        assertThat(fixture.status(ada)).isEqualTo("unsubscribed");
        assertThat(fixture.instant(ada, "unsubscribed_at")).isNotNull();
        assertThat(fixture.suppression("ada@northwind.example")).isEqualTo("unsubscribed");
        await().atMost(Duration.ofSeconds(5)).until(() -> fixture.queuedAnalytics("unsubscribed") == 1);
        assertThat(AnalyticsProbe.analyticsOf(fixture.tenantId, 1))
                .extracting(AnalyticsEvent::eventType)
                .containsExactly("unsubscribed");
    }

    @Test
    void aForgedUnsubscribeIsRefusedAndChangesNothing() {
        EngagementFixture fixture = EngagementFixture.create(dataSource, "sending");
        EngagementFixture.Lead ada = fixture.lead("ada@northwind.example", "<pm.ada.step1@acme.example>");
        String forged = new TrackingTokens("guessed-secret")
                .mint(TrackingToken.of(TrackingToken.Kind.UNSUBSCRIBE, ref(fixture, ada), ""));
        String openToken = tokens.mint(TrackingToken.of(TrackingToken.Kind.OPEN, ref(fixture, ada), ""));

        for (String token : List.of(forged, openToken, alter(token(links.unsubscribeUrl(ref(fixture, ada)))))) {
            given().get(TrackingLinks.UNSUBSCRIBE_PATH + token).then().statusCode(404);
            given().contentType("application/x-www-form-urlencoded")
                    .formParam("List-Unsubscribe", "One-Click")
                    .post(TrackingLinks.UNSUBSCRIBE_PATH + token)
                    .then()
                    .statusCode(404);
        }

        assertThat(fixture.status(ada)).isEqualTo("active");
        assertThat(fixture.suppression("ada@northwind.example")).isNull();
    }

    private static SentMessageRef ref(EngagementFixture fixture, EngagementFixture.Lead lead) {
        return new SentMessageRef(
                fixture.tenantId,
                fixture.campaignId,
                fixture.firstStepId,
                lead.enrollmentId(),
                lead.id(),
                fixture.mailboxId,
                lead.messageId());
    }

    private static io.restassured.specification.RequestSpecification noRedirects() {
        return given().config(RestAssured.config()
                .redirect(RedirectConfig.redirectConfig().followRedirects(false)));
    }

    private static String pixelPath(String html) {
        return path(html, TrackingLinks.OPEN_PATH);
    }

    /** The path of the first tracking URL of that kind in the HTML. */
    private static String path(String html, String prefix) {
        Matcher matcher = Pattern.compile("https?://[^/\"]+(" + Pattern.quote(prefix) + "[A-Za-z0-9_-]+)")
                .matcher(html);
        assertThat(matcher.find()).as("a %s link in %s", prefix, html).isTrue();
        return matcher.group(1);
    }

    private static String token(String pathOrUrl) {
        return pathOrUrl.substring(pathOrUrl.lastIndexOf('/') + 1);
    }

    /** The token with one character in its signature changed. */
    private static String alter(String token) {
        int at = token.length() - 5;
        char replacement = token.charAt(at) == 'A' ? 'B' : 'A';
        return token.substring(0, at) + replacement + token.substring(at + 1);
    }
}
