package io.penguinmails.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A mailbox created, changed, paused or deleted, with the IMAP settings ingest needs to poll it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MailboxChangeEvent(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("change") String change,
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("email_account_id") String emailAccountId,
        @JsonProperty("email") String email,
        @JsonProperty("status") String status,
        @JsonProperty("imap") Imap imap,
        @JsonProperty("occurred_at") Instant occurredAt) {

    public static final int SCHEMA_VERSION = 1;

    /**
     * IMAP settings; the password is encrypted with the key shared by campaign and ingest, never in clear text.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Imap(
            @JsonProperty("host") String host,
            @JsonProperty("port") int port,
            @JsonProperty("security") String security,
            @JsonProperty("username") String username,
            @JsonProperty("password_encrypted") String passwordEncrypted) {}
}
