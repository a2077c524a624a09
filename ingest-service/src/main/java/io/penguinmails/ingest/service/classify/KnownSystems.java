package io.penguinmails.ingest.service.classify;

import java.util.Locale;
import java.util.Set;

/** What particular mail systems mean by their bounces beyond their words. */
public final class KnownSystems {

    /** au by KDDI answers "User unknown" both for a missing mailbox and for mail its subscriber's filter refuses. */
    private static final Set<String> FILTER_AS_UNKNOWN = Set.of("ezweb.ne.jp", "au.com", "biz.ezweb.ne.jp");

    private KnownSystems() {}

    /**
     * A failure with the reason its system's form fixes. Google Groups answers a post it does not accept (no such
     * group, posting not allowed) with a localised text and the group as the failed recipient.
     */
    public static DeliveryFailure apply(DeliveryFailure failure) {
        if (domain(failure).equals("googlegroups.com")) {
            return failure.withKnownReason("rejected");
        }
        return failure;
    }

    /** A decided reason corrected for the recipient's system: au's "User unknown" is a filter unless at RCPT TO. */
    public static String adjust(DeliveryFailure failure, String reason) {
        boolean au = FILTER_AS_UNKNOWN.contains(domain(failure));
        if (au && reason.equals("userunknown") && failure.command() != SmtpCommand.RCPT) {
            return "filtered";
        }
        return reason;
    }

    private static String domain(DeliveryFailure failure) {
        String recipient = failure.recipient() == null ? "" : failure.recipient();
        return recipient.substring(recipient.indexOf('@') + 1).toLowerCase(Locale.ROOT);
    }
}
