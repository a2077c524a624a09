package io.penguinmails.ingest.service;

import io.penguinmails.ingest.service.classify.DeliveryFailure;
import io.penguinmails.ingest.service.classify.KnownSystems;
import io.penguinmails.ingest.service.classify.ReasonPhrases;
import io.penguinmails.ingest.service.classify.SmtpCommand;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Decides the reason of one failed recipient (a name from DESIGN.md's list), whether retrying it is pointless, and
 * the status to report when the bounce states none. Evidence is weighed in a fixed order, written down in {@code
 * docs/classification.md}: first the reasons whose wording or precise status code is unambiguous, then wording
 * alone, then the status code's generic meaning, then the SMTP stage and the report's action.
 */
public final class BounceReasons {

    /** RFC 3463 / RFC 7372 / RFC 7505 codes and the widespread Microsoft extensions, by what they mean. */
    private static final Map<String, String> BY_STATUS = Map.ofEntries(
            Map.entry("1.0", "userunknown"),
            Map.entry("1.1", "userunknown"),
            Map.entry("1.2", "hostunknown"),
            Map.entry("1.3", "userunknown"),
            Map.entry("1.4", "filtered"),
            Map.entry("1.6", "hasmoved"),
            Map.entry("1.7", "rejected"),
            Map.entry("1.8", "rejected"),
            Map.entry("1.9", "systemerror"),
            Map.entry("1.10", "notaccept"),
            Map.entry("2.0", "filtered"),
            Map.entry("2.1", "filtered"),
            Map.entry("2.2", "mailboxfull"),
            Map.entry("2.3", "exceedlimit"),
            Map.entry("2.4", "filtered"),
            Map.entry("3.0", "systemerror"),
            Map.entry("3.1", "systemfull"),
            Map.entry("3.2", "notaccept"),
            Map.entry("3.3", "systemerror"),
            Map.entry("3.4", "mesgtoobig"),
            Map.entry("3.5", "systemerror"),
            Map.entry("4.0", "networkerror"),
            Map.entry("4.2", "networkerror"),
            Map.entry("4.3", "systemerror"),
            Map.entry("4.4", "hostunknown"),
            Map.entry("4.5", "toomanyconn"),
            Map.entry("4.6", "networkerror"),
            Map.entry("4.7", "expired"),
            Map.entry("4.312", "networkerror"),
            Map.entry("4.316", "expired"),
            Map.entry("5.3", "toomanyconn"),
            Map.entry("6.0", "contenterror"),
            Map.entry("6.1", "contenterror"),
            Map.entry("6.2", "contenterror"),
            Map.entry("6.3", "contenterror"),
            Map.entry("6.4", "contenterror"),
            Map.entry("6.5", "contenterror"),
            Map.entry("6.6", "contenterror"),
            Map.entry("6.7", "contenterror"),
            Map.entry("6.8", "contenterror"),
            Map.entry("6.9", "contenterror"),
            Map.entry("7.0", "securityerror"),
            Map.entry("7.3", "securityerror"),
            Map.entry("7.4", "securityerror"),
            Map.entry("7.5", "securityerror"),
            Map.entry("7.6", "securityerror"),
            Map.entry("7.7", "securityerror"),
            Map.entry("7.8", "securityerror"),
            Map.entry("7.9", "securityerror"),
            Map.entry("7.10", "securityerror"),
            Map.entry("7.11", "securityerror"),
            Map.entry("7.13", "suspend"),
            Map.entry("7.14", "securityerror"),
            Map.entry("7.20", "authfailure"),
            Map.entry("7.21", "authfailure"),
            Map.entry("7.22", "authfailure"),
            Map.entry("7.23", "authfailure"),
            Map.entry("7.24", "authfailure"),
            Map.entry("7.25", "requireptr"),
            Map.entry("7.26", "authfailure"),
            Map.entry("7.27", "notaccept"),
            Map.entry("7.28", "spamdetected"),
            Map.entry("7.29", "authfailure"),
            Map.entry("7.30", "securityerror"),
            Map.entry("7.509", "authfailure"),
            Map.entry("7.510", "authfailure"),
            Map.entry("7.606", "blocked"),
            Map.entry("7.607", "blocked"),
            Map.entry("7.608", "blocked"));

    /** Reasons decided by an unambiguous phrase or a precise status code, in the order they are tried. */
    private static final List<String> FIRST = List.of(
            "mailboxfull",
            "exceedlimit",
            "mesgtoobig",
            "suspend",
            "hasmoved",
            "norelaying",
            "authfailure",
            "virusdetected",
            "userunknown",
            "filtered",
            "requireptr",
            "notcompliantrfc",
            "badreputation",
            "contenterror",
            "rejected",
            "hostunknown",
            "spamdetected",
            "speeding",
            "toomanyconn",
            "blocked");

    /** Reasons whose wording is weaker evidence than a status code's precise meaning. */
    private static final List<String> SECOND = List.of(
            "policyviolation",
            "mailererror",
            "systemerror",
            "networkerror",
            "systemfull",
            "notaccept",
            "expired",
            "securityerror",
            "syntaxerror");

    /** Status meanings so broad that the SMTP stage of the refusal tells more. */
    private static final Set<String> WEAK_STATUS = Set.of("securityerror", "systemerror", "networkerror");

    /** Reasons after which retrying the recipient is pointless. */
    private static final Set<String> HARD = Set.of("userunknown", "hostunknown", "hasmoved", "notaccept");

    /** The detail of the pseudo status reported when a bounce states none (the convention of sisimai). */
    private static final Map<String, String> PSEUDO_DETAIL = Map.ofEntries(
            Map.entry("undefined", "900"),
            Map.entry("onhold", "901"),
            Map.entry("syntaxerror", "902"),
            Map.entry("norelaying", "909"),
            Map.entry("filtered", "910"),
            Map.entry("userunknown", "911"),
            Map.entry("hostunknown", "912"),
            Map.entry("hasmoved", "916"),
            Map.entry("rejected", "918"),
            Map.entry("suspend", "921"),
            Map.entry("mailboxfull", "922"),
            Map.entry("exceedlimit", "923"),
            Map.entry("systemerror", "930"),
            Map.entry("systemfull", "931"),
            Map.entry("notaccept", "932"),
            Map.entry("mesgtoobig", "934"),
            Map.entry("mailererror", "939"),
            Map.entry("networkerror", "944"),
            Map.entry("toomanyconn", "945"),
            Map.entry("speeding", "946"),
            Map.entry("expired", "947"),
            Map.entry("contenterror", "960"),
            Map.entry("securityerror", "970"),
            Map.entry("blocked", "971"),
            Map.entry("policyviolation", "972"),
            Map.entry("requireptr", "973"),
            Map.entry("authfailure", "974"),
            Map.entry("badreputation", "975"),
            Map.entry("notcompliantrfc", "976"),
            Map.entry("spamdetected", "980"),
            Map.entry("virusdetected", "981"));

    private BounceReasons() {}

    /** The reason for one recipient of a report. */
    public static String reason(DeliveryFailure failure) {
        if ("delivered".equals(failure.action())) {
            return "delivered";
        }
        if (failure.knownReason() != null) {
            return failure.knownReason();
        }
        String statusReason = byStatus(failure.status());
        // The context (often the whole text about the recipient) is prepared and read only when the diagnostic
        // settles nothing.
        String reason = byWording(new Evidence(statusReason, ReasonPhrases.prepare(failure.diagnostic()), failure))
                .or(() -> byWording(new Evidence(statusReason, ReasonPhrases.prepare(failure.context()), failure)))
                .or(() -> Optional.ofNullable(statusReason).filter(r -> !overriddenByStage(r, failure)))
                .orElseGet(() -> fallback(failure));
        return KnownSystems.adjust(failure, reason);
    }

    /** Whether retrying a recipient with this reason and status is pointless. */
    public static boolean isHard(String reason, boolean temporary) {
        return !temporary && HARD.contains(reason);
    }

    /** Whether the report treats the failure as temporary (a delay, a 4xx reply or status). */
    public static boolean isTemporary(DeliveryFailure failure) {
        String code = failure.status() != null ? failure.status() : failure.replyCode();
        return "delayed".equals(failure.action()) || (code != null && code.startsWith("4"));
    }

    /** The stated status, or a pseudo status {@code 5.0.9xx} (4.0.9xx after a 4xx reply) naming the reason. */
    public static String statusOrPseudo(DeliveryFailure failure, String reason) {
        if (failure.status() != null || !PSEUDO_DETAIL.containsKey(reason)) {
            return failure.status();
        }
        boolean temporaryReply =
                failure.replyCode() != null && failure.replyCode().startsWith("4");
        return (temporaryReply ? "4" : "5") + ".0." + PSEUDO_DETAIL.get(reason);
    }

    /** The reason a status code means by itself, or null for generic codes such as {@code 5.0.0} or 5.7.1. */
    static String byStatus(String status) {
        if (status == null) {
            return null;
        }
        return BY_STATUS.get(status.substring(status.indexOf('.') + 1));
    }

    /**
     * The reason a text supports: first the reasons its wording or the status code make certain, then wording alone.
     * The remote server's diagnostic is read before the reporting system's own text, whose boilerplate (a product
     * called "Spam & Virus Firewall") must not outweigh it.
     */
    private static Optional<String> byWording(Evidence evidence) {
        return firstMatch(FIRST, evidence::supportsStrongly).or(() -> firstMatch(SECOND, evidence::says));
    }

    private static Optional<String> firstMatch(List<String> reasons, Predicate<String> test) {
        return reasons.stream().filter(test).findFirst();
    }

    /**
     * Generic codes (x.7.0 security, x.3.0 system) say less than a refusal before any recipient was named: such a
     * refusal is about the sending host or sender.
     */
    private static boolean overriddenByStage(String statusReason, DeliveryFailure failure) {
        return WEAK_STATUS.contains(statusReason) && stageReason(failure.command()) != null;
    }

    private static String stageReason(SmtpCommand command) {
        if (command == SmtpCommand.CONNECT || command == SmtpCommand.HELO) {
            return "blocked";
        }
        return command == SmtpCommand.MAIL ? "rejected" : null;
    }

    private static String fallback(DeliveryFailure failure) {
        if ("delayed".equals(failure.action())) {
            return "expired";
        }
        String byStage = stageReason(failure.command());
        if (byStage != null) {
            return byStage;
        }
        return "451".equals(failure.replyCode()) ? "systemerror" : "undefined";
    }

    /**
     * What one recipient's report says: the meaning of its status code, its wording, the SMTP stage. The rules ask
     * about the same reason's wording several times, so each answer is kept.
     */
    private static final class Evidence {

        private final String statusReason;
        private final String text;
        private final SmtpCommand command;
        private final Map<String, Boolean> said = new HashMap<>();

        Evidence(String statusReason, String text, DeliveryFailure failure) {
            this.statusReason = statusReason;
            this.text = text;
            this.command = failure.command();
        }

        boolean says(String reason) {
            return said.computeIfAbsent(reason, r -> ReasonPhrases.says(r, text));
        }

        boolean supportsStrongly(String reason) {
            return switch (reason) {
                case "userunknown" -> userUnknown();
                case "filtered" -> filtered();
                case "hostunknown" -> (reason.equals(statusReason) || says(reason))
                        && !says("networkerror")
                        && !says("notaccept");
                default -> reason.equals(statusReason) || says(reason);
            };
        }

        /**
         * An unknown recipient is believed when the status code says so, or when the wording says so anywhere but
         * after DATA: content filters that refuse a message after DATA often word it as an unknown user.
         */
        private boolean userUnknown() {
            if ("userunknown".equals(statusReason)) {
                return !says("blocked") && !says("rejected") && !says("notaccept");
            }
            if (command == SmtpCommand.RCPT) {
                return says("userunknown") || recipientRefused();
            }
            return says("userunknown") && command != SmtpCommand.DATA && !"filtered".equals(statusReason);
        }

        private boolean recipientRefused() {
            return statusReason == null && text.contains("recipient address rejected");
        }

        private boolean filtered() {
            boolean wording = says("filtered") || says("userunknown");
            if ("filtered".equals(statusReason)) {
                return wording;
            }
            return command == SmtpCommand.DATA && wording;
        }
    }
}
