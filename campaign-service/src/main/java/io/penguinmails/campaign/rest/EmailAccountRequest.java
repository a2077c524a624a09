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
        Server imap,
        Ramp ramp) {

    /** One server's settings; a missing password keeps the stored one. */
    public record Server(String host, Integer port, String security, String username, String password) {}

    /**
     * The warm-up of the mailbox: its daily limit n days after it was added is {@code min(daily_limit, start + n *
     * step)}. A missing field takes its default (PATCH: keeps the stored value).
     */
    public record Ramp(Integer start, Integer step) {}
}
