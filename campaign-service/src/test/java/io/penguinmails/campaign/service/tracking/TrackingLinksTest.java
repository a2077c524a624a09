package io.penguinmails.campaign.service.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.penguinmails.campaign.config.TrackingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TrackingLinksTest {

    private static final String BASE = "https://t.acme.example";

    private final TrackingTokens tokens = new TrackingTokens("test-secret");
    private final TrackingLinks links = new TrackingLinks(tokens, config());
    private final SentMessageRef ref = new SentMessageRef(
            UUID.randomUUID(),
            UUID.randomUUID(),
            UUID.randomUUID(),
            UUID.randomUUID(),
            UUID.randomUUID(),
            UUID.randomUUID(),
            "<m1@acme.example>");

    @Test
    void webLinksBecomeSignedRedirectsToTheirExactTarget() {
        String html = "<p><a class=\"x\" href=\"https://acme.example/a?x=1&amp;y=2\">A</a>"
                + " <A HREF='http://acme.example/b'>B</A> <a href=\"mailto:sam@acme.example\">mail</a>"
                + " <a href=\"#top\">top</a></p>";

        String out = links.instrument(html, ref, false, true);

        List<String> targets = new ArrayList<>();
        Matcher click = Pattern.compile(Pattern.quote(BASE + TrackingLinks.CLICK_PATH) + "([A-Za-z0-9_-]+)")
                .matcher(out);
        while (click.find()) {
            TrackingToken token =
                    tokens.verify(click.group(1), TrackingToken.Kind.CLICK).orElseThrow();
            assertThat(token.enrollmentId()).isEqualTo(ref.enrollmentId());
            assertThat(token.leadId()).isEqualTo(ref.leadId());
            targets.add(token.url());
        }
        assertThat(targets).containsExactly("https://acme.example/a?x=1&y=2", "http://acme.example/b");
        assertThat(out)
                .contains("class=\"x\" href=\"" + BASE)
                .contains("href=\"mailto:sam@acme.example\"")
                .contains("href=\"#top\"")
                .doesNotContain("<img");
    }

    @Test
    void theUnsubscribeLinkIsNotRewrittenAndThePixelGoesBeforeTheBodyEnd() {
        String unsubscribe = links.unsubscribeUrl(ref);
        String html = "<html><body><p>Hi</p><a href=\"" + unsubscribe + "\">Unsubscribe</a></body></html>";

        String out = links.instrument(html, ref, true, true);

        assertThat(unsubscribe).startsWith(BASE + TrackingLinks.UNSUBSCRIBE_PATH);
        assertThat(out).contains("href=\"" + unsubscribe + "\"");
        assertThat(out)
                .matches("(?s).*<img src=\"" + Pattern.quote(BASE + TrackingLinks.OPEN_PATH)
                        + "[A-Za-z0-9_-]+\" width=\"1\" height=\"1\"[^>]*></body></html>");
        String token = unsubscribe.substring((BASE + TrackingLinks.UNSUBSCRIBE_PATH).length());
        assertThat(tokens.verify(token, TrackingToken.Kind.UNSUBSCRIBE)).isPresent();
    }

    @Test
    void trackingOffLeavesTheHtmlAlone() {
        String html = "<p><a href=\"https://acme.example/\">A</a></p>";

        assertThat(links.instrument(html, ref, false, false)).isEqualTo(html);
        assertThat(links.instrument(html, ref, true, false)).startsWith(html).contains("<img");
        assertThat(links.instrument(null, ref, true, true)).isNull();
    }

    private static TrackingConfig config() {
        return new TrackingConfig() {
            @Override
            public Optional<String> secret() {
                return Optional.of("test-secret");
            }

            @Override
            public String publicBaseUrl() {
                return BASE + "/";
            }
        };
    }
}
