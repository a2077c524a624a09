package io.penguinmails.campaign.service.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TrackingTokensTest {

    private final TrackingTokens tokens = new TrackingTokens("test-secret");
    private final SentMessageRef ref = new SentMessageRef(
            UUID.randomUUID(),
            UUID.randomUUID(),
            UUID.randomUUID(),
            UUID.randomUUID(),
            UUID.randomUUID(),
            UUID.randomUUID(),
            "<m1@acme.example>");

    @Test
    void aMintedTokenVerifiesWithItsContents() {
        TrackingToken click = TrackingToken.of(TrackingToken.Kind.CLICK, ref, "https://acme.example/pricing?a=1&b=ü");
        String token = tokens.mint(click);

        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(tokens.verify(token, TrackingToken.Kind.CLICK)).contains(click);
    }

    @Test
    void everyAlteredCharacterIsRefused() {
        String token = tokens.mint(TrackingToken.of(TrackingToken.Kind.CLICK, ref, "https://acme.example/"));
        for (int i = 0; i < token.length(); i++) {
            char replacement = token.charAt(i) == 'A' ? 'B' : 'A';
            String altered = token.substring(0, i) + replacement + token.substring(i + 1);
            assertThat(tokens.verify(altered, TrackingToken.Kind.CLICK))
                    .as("altered at %d", i)
                    .isEmpty();
        }
    }

    @Test
    void aNonCanonicalSpellingOfAValidTokenIsRefused() {
        String token = tokens.mint(TrackingToken.of(TrackingToken.Kind.CLICK, ref, "https://acme.example/"));
        assertThat(token.length() % 4)
                .as("the last character carries unused bits")
                .isNotZero();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(token.charAt(token.length() - 1));
        // The lowest bit of the last character is never part of the decoded bytes.
        String sameBytes = token.substring(0, token.length() - 1) + alphabet.charAt(last ^ 1);

        assertThat(Base64.getUrlDecoder().decode(sameBytes))
                .isEqualTo(Base64.getUrlDecoder().decode(token));
        assertThat(tokens.verify(sameBytes, TrackingToken.Kind.CLICK)).isEmpty();
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        String forged = new TrackingTokens("attacker-secret")
                .mint(TrackingToken.of(TrackingToken.Kind.CLICK, ref, "https://evil.example/"));

        assertThat(tokens.verify(forged, TrackingToken.Kind.CLICK)).isEmpty();
    }

    @Test
    void aRedirectTargetCannotBeSwappedIntoAValidToken() {
        byte[] bytes = Base64.getUrlDecoder()
                .decode(tokens.mint(TrackingToken.of(TrackingToken.Kind.CLICK, ref, "https://acme.example/")));
        byte[] evil = "https://evil.example".getBytes();
        System.arraycopy(evil, 0, bytes, 66, evil.length);

        assertThat(tokens.verify(
                        Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), TrackingToken.Kind.CLICK))
                .isEmpty();
    }

    @Test
    void aTokenOfOneKindIsRefusedAsAnother() {
        String open = tokens.mint(TrackingToken.of(TrackingToken.Kind.OPEN, ref, ""));

        assertThat(tokens.verify(open, TrackingToken.Kind.UNSUBSCRIBE)).isEmpty();
        assertThat(tokens.verify(open, TrackingToken.Kind.OPEN)).isPresent();
    }

    @Test
    void garbageTruncatedAndEmptyTokensAreRefused() {
        String token = tokens.mint(TrackingToken.of(TrackingToken.Kind.OPEN, ref, ""));

        assertThat(tokens.verify(token.substring(0, token.length() - 3), TrackingToken.Kind.OPEN))
                .isEmpty();
        assertThat(tokens.verify("", TrackingToken.Kind.OPEN)).isEmpty();
        assertThat(tokens.verify("not a token!", TrackingToken.Kind.OPEN)).isEmpty();
        assertThat(tokens.verify(null, TrackingToken.Kind.OPEN)).isEmpty();
    }
}
