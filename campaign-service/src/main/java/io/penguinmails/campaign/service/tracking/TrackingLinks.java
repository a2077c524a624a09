package io.penguinmails.campaign.service.tracking;

import io.penguinmails.campaign.config.TrackingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the signed links of a campaign email: the unsubscribe URL (List-Unsubscribe header and body footer), click
 * redirects in place of the mail's links and the open pixel. The sequence engine calls it for every message it sends.
 */
@ApplicationScoped
public class TrackingLinks {

    /** Path of the open pixel endpoint, followed by the token. */
    public static final String OPEN_PATH = "/t/o/";
    /** Path of the click redirect endpoint, followed by the token. */
    public static final String CLICK_PATH = "/t/c/";
    /** Path of the unsubscribe page and one-click endpoint, followed by the token. */
    public static final String UNSUBSCRIBE_PATH = "/u/";

    private static final Pattern ANCHOR_HREF =
            Pattern.compile("(<a\\b[^>]*?\\bhref\\s*=\\s*)([\"'])(.*?)\\2", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern BODY_END = Pattern.compile("</body\\s*>", Pattern.CASE_INSENSITIVE);

    private final TrackingTokens tokens;
    private final String baseUrl;

    TrackingLinks(TrackingTokens tokens, TrackingConfig config) {
        this.tokens = tokens;
        this.baseUrl = config.publicBaseUrl().replaceAll("/+$", "");
    }

    /** The URL that unsubscribes the lead of {@code ref}: GET shows a confirmation page, POST is RFC 8058 one-click. */
    public String unsubscribeUrl(SentMessageRef ref) {
        return baseUrl + UNSUBSCRIBE_PATH + tokens.mint(TrackingToken.of(TrackingToken.Kind.UNSUBSCRIBE, ref, ""));
    }

    /**
     * The HTML with every http(s) {@code <a href>} replaced by a signed click redirect (when {@code trackClicks}) and a
     * signed 1x1 open pixel before {@code </body>} or at the end (when {@code trackOpens}). The unsubscribe link and
     * non-web links (mailto:, tel:, anchors) stay as they are.
     */
    public String instrument(String html, SentMessageRef ref, boolean trackOpens, boolean trackClicks) {
        if (html == null) {
            return null;
        }
        String result = trackClicks ? rewriteLinks(html, ref) : html;
        return trackOpens ? appendPixel(result, ref) : result;
    }

    private String rewriteLinks(String html, SentMessageRef ref) {
        Matcher matcher = ANCHOR_HREF.matcher(html);
        StringBuilder out = new StringBuilder(html.length() + 256);
        while (matcher.find()) {
            String target = unescapeHtml(matcher.group(3).strip());
            String replacement = isTrackable(target)
                    ? matcher.group(1) + matcher.group(2) + clickUrl(ref, target) + matcher.group(2)
                    : matcher.group();
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private boolean isTrackable(String target) {
        String lower = target.toLowerCase(Locale.ROOT);
        boolean web = lower.startsWith("http://") || lower.startsWith("https://");
        return web && !target.startsWith(baseUrl + UNSUBSCRIBE_PATH);
    }

    private String clickUrl(SentMessageRef ref, String target) {
        return baseUrl + CLICK_PATH + tokens.mint(TrackingToken.of(TrackingToken.Kind.CLICK, ref, target));
    }

    private String appendPixel(String html, SentMessageRef ref) {
        String pixel = "<img src=\"" + baseUrl + OPEN_PATH
                + tokens.mint(TrackingToken.of(TrackingToken.Kind.OPEN, ref, ""))
                + "\" width=\"1\" height=\"1\" alt=\"\" style=\"display:none\">";
        Matcher end = BODY_END.matcher(html);
        int at = -1;
        while (end.find()) {
            at = end.start();
        }
        return at < 0 ? html + pixel : html.substring(0, at) + pixel + html.substring(at);
    }

    /** The attribute value as the browser sees it: the entities an HTML author writes inside a URL, decoded. */
    private static String unescapeHtml(String value) {
        return value.replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
