package io.penguinmails.campaign.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.UUID;

/**
 * The body of {@code POST}, {@code PUT} and {@code PATCH /v1/email-accounts}; PATCH changes only the fields it
 * carries.
 */
public record EmailAccountRequest(
        String email,
        @JsonProperty("from_name") String fromName,
        @JsonProperty("daily_limit") Integer dailyLimit,
        @JsonProperty("company_id") UUID companyId,
        Server smtp,
        Server imap) {

    /** One server's settings; a missing password keeps the stored one. */
    public record Server(String host, Integer port, String security, String username, String password) {}
}
