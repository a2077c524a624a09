package io.penguinmails.campaign.service.tracking;

import java.util.UUID;

/**
 * What a verified tracking or unsubscribe token says: which tenant, enrollment, sequence step and lead it was minted
 * for and, for a click, the exact URL that was in the sent mail.
 *
 * @param url the link target of a click token; empty for opens and unsubscribes
 */
public record TrackingToken(
        TrackingToken.Kind kind, UUID tenantId, UUID enrollmentId, UUID stepId, UUID leadId, String url) {

    /** What a token may be used for; part of the signed bytes, so an open token never works as an unsubscribe. */
    public enum Kind {
        OPEN,
        CLICK,
        UNSUBSCRIBE
    }

    /** A token for {@code kind} on the message {@code ref} describes. */
    public static TrackingToken of(Kind kind, SentMessageRef ref, String url) {
        return new TrackingToken(kind, ref.tenantId(), ref.enrollmentId(), ref.stepId(), ref.leadId(), url);
    }
}
