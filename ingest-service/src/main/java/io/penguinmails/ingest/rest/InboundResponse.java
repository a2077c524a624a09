package io.penguinmails.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.penguinmails.contracts.MailEvent;
import io.penguinmails.ingest.service.InboundService;
import java.util.UUID;

/** The answer to a submitted message, as DESIGN.md fixes it: {@code bounce} and {@code auto_reply} are null or set. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record InboundResponse(
        @JsonProperty("storage_key") String storageKey,
        @JsonProperty("job_id") UUID jobId,
        @JsonProperty("message_type") String messageType,
        @JsonProperty("bounce") MailEvent.Bounce bounce,
        @JsonProperty("auto_reply") MailEvent.AutoReply autoReply) {

    static InboundResponse of(InboundService.Accepted accepted) {
        var c = accepted.classification();
        return new InboundResponse(accepted.storageKey(), accepted.jobId(), c.messageType(), c.bounce(), c.autoReply());
    }
}
