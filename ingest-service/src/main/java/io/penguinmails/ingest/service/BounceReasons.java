package io.penguinmails.ingest.service;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Maps an enhanced status code and the diagnostic text of a failed recipient to one of the reason names of
 * DESIGN.md, and decides whether retrying that recipient is pointless.
 */
final class BounceReasons {

    private static final Map<String, String> BY_STATUS = Map.ofEntries(
            Map.entry("5.1.1", "userunknown"),
            Map.entry("5.1.0", "userunknown"),
            Map.entry("5.1.6", "hasmoved"),
            Map.entry("5.1.2", "hostunknown"),
            Map.entry("5.1.3", "userunknown"),
            Map.entry("5.1.10", "userunknown"),
            Map.entry("5.2.1", "suspend"),
            Map.entry("5.2.2", "mailboxfull"),
            Map.entry("4.2.2", "mailboxfull"),
            Map.entry("5.2.3", "mesgtoobig"),
            Map.entry("5.3.4", "mesgtoobig"),
            Map.entry("5.4.4", "hostunknown"),
            Map.entry("4.4.7", "expired"),
            Map.entry("5.4.7", "expired"),
            Map.entry("4.4.1", "networkerror"),
            Map.entry("4.4.2", "networkerror"),
            Map.entry("5.4.6", "networkerror"),
            Map.entry("5.7.1", "rejected"),
            Map.entry("5.7.0", "securityerror"),
            Map.entry("5.7.26", "authfailure"),
            Map.entry("5.7.25", "requireptr"),
            Map.entry("5.7.27", "notaccept"),
            Map.entry("5.7.509", "authfailure"),
            Map.entry("5.7.606", "blocked"),
            Map.entry("4.7.0", "blocked"),
            Map.entry("5.3.0", "systemerror"),
            Map.entry("5.3.2", "systemfull"),
            Map.entry("4.3.2", "systemfull"),
            Map.entry("5.5.2", "syntaxerror"),
            Map.entry("5.5.4", "syntaxerror"),
            Map.entry("5.6.0", "contenterror"),
            Map.entry("5.6.1", "contenterror"),
            Map.entry("5.4.1", "rejected"),
            Map.entry("5.4.0", "hostunknown"),
            Map.entry("5.0.0", "undefined"));

    /** Diagnostic-text patterns, tried in order before the status code, because servers reuse 5.7.1 for everything. */
    private static final List<Map.Entry<Pattern, String>> BY_TEXT = List.of(
            rule("virus|malware", "virusdetected"),
            rule("spam|junk|bulk mail|content rejected", "spamdetected"),
            rule("blacklist|blocklist|block list|black list|listed at|spamhaus|barracuda|dnsbl|rbl", "blocked"),
            rule("reputation", "badreputation"),
            rule(
                    "(mailbox|inbox|quota|storage).{0,30}(full|exceed)|over quota|insufficient storage|quota exceeded",
                    "mailboxfull"),
            rule(
                    "(user|mailbox|recipient|address|account).{0,30}(unknown|not exist|does not exist|not found|invalid|no such)|no such (user|mailbox|recipient)|unknown (user|recipient)|user unknown|undeliverable address",
                    "userunknown"),
            rule("(account|mailbox).{0,20}(disabled|suspended|inactive|deactivated|locked)", "suspend"),
            rule("too (large|big)|size limit|message size|exceeds.{0,20}(size|maximum)", "mesgtoobig"),
            rule(
                    "relay(ing)? (denied|not permitted|access denied)|not permitted to relay|unable to relay",
                    "norelaying"),
            rule(
                    "host (not found|unknown)|domain (not found|does not exist)|no mx|name service error|nxdomain",
                    "hostunknown"),
            rule("too many (connections|messages)|rate limit|try again later|throttl", "speeding"),
            rule("spf|dkim|dmarc|authenticat", "authfailure"),
            rule("reverse dns|ptr record|rdns", "requireptr"),
            rule("timed? ?out|expired|retry time", "expired"),
            rule("policy|prohibited|not allowed", "policyviolation"));

    private BounceReasons() {}

    /** The reason name for a status code and diagnostic text; {@code undefined} when nothing matches. */
    static String reason(String status, String diagnostic) {
        String text = diagnostic == null ? "" : diagnostic.toLowerCase(Locale.ROOT);
        for (Map.Entry<Pattern, String> rule : BY_TEXT) {
            if (rule.getKey().matcher(text).find()) {
                return rule.getValue();
            }
        }
        if (status != null && BY_STATUS.containsKey(status)) {
            return BY_STATUS.get(status);
        }
        return status != null && status.startsWith("4") ? "onhold" : "undefined";
    }

    /** Whether retrying is pointless: a permanent status whose reason is not about the receiver's temporary state. */
    static boolean isHard(String status, String reason) {
        if (status == null || !status.startsWith("5")) {
            return false;
        }
        return switch (reason) {
            case "mailboxfull", "speeding", "toomanyconn", "systemfull", "networkerror", "expired", "onhold" -> false;
            default -> true;
        };
    }

    private static Map.Entry<Pattern, String> rule(String regex, String reason) {
        return Map.entry(Pattern.compile(regex), reason);
    }
}
