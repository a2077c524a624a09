package io.penguinmails.campaign.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.penguinmails.campaign.IssuedToken;
import java.time.Instant;

/** A newly issued tenant token; this is the only time its text is shown. */
public record TokenView(String token, @JsonProperty("expires_at") Instant expiresAt) {

    static TokenView of(IssuedToken token) {
        return new TokenView(token.token(), token.expiresAt());
    }
}
