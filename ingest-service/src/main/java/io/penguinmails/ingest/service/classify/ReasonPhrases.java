package io.penguinmails.ingest.service.classify;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The wording by which mail servers explain a refusal, per reason name. Each phrase is what mail systems actually
 * write (Postfix, Exim, Sendmail, qmail, Exchange and Office 365, Gmail, Yahoo, Outlook.com, Amazon SES, Japanese
 * carriers); a phrase is listed under the reason it means whichever system wrote it. Texts are matched lower-case
 * with addresses and URLs removed, so that an address such as {@code filtered@example.org} or a help link cannot
 * decide the reason.
 */
public final class ReasonPhrases {

    private static final Map<String, List<Phrase>> PHRASES = Map.ofEntries(
            phrases(
                    "mailboxfull",
                    "mailbox (?:is )?full",
                    "mailbox size limit",
                    "mailbox (?:has )?exceeded",
                    "over ?(?:the )?quota",
                    "(?:exceeded|over) (?:the |its |their )?(?:allowed |storage |mailbox )?quota",
                    "quota (?:exceeded|full|violation)",
                    "exceeds? (?:the |their |his |her |its )?(?:storage|quota|mailbox)",
                    "exceeds allowed size",
                    "disk quota",
                    "too much mail data",
                    "mail ?folder is full",
                    "inbox is full",
                    "account is full",
                    "mailbox is over",
                    "storage (?:limit|allocation) (?:exceeded|reached)",
                    "exceeded storage allocation",
                    "full mailbox",
                    "not enough (?:storage|space) (?:in|on) (?:the )?mailbox",
                    "postfach (?:ist )?voll",
                    "bo[iî]te .{0,12}pleine",
                    "buz[oó]n (?:est[aá] )?lleno",
                    "casella .{0,12}piena",
                    "容量(?:超過|オーバー)",
                    "メールボックスが(?:いっぱい|一杯)"),
            phrases("exceedlimit", "administrative limit", "message length exceeds"),
            phrases(
                    "mesgtoobig",
                    "message (?:is )?too (?:big|large|long)",
                    "message size (?:exceeds|limit|too)",
                    "exceeds? (?:the )?(?:maximum |fixed |allowed )?(?:message )?size",
                    "size limit",
                    "line limit exceeded",
                    "too big for (?:the )?system",
                    "larger than (?:the )?(?:current )?(?:system )?limit",
                    "size of (?:the )?message exceeds"),
            phrases(
                    "suspend",
                    "(?:account|mailbox|address|recipient|user)(?:'s)?(?: account)? (?:is |has been |was )?"
                            + "(?:disabled|suspended|deactivated|inactive|locked|frozen|closed|discontinued)",
                    "account that you tried to reach is disabled",
                    "(?:disabled|deactivated|suspended|inactive) (?:mailbox|account|user)",
                    "disabled or discontinued",
                    "account (?:is )?not active",
                    "(?:account|mailbox) (?:has )?expired"),
            phrases(
                    "hasmoved",
                    "has been replaced by",
                    "(?:mailbox|user|address|recipient) has moved",
                    "no longer on server",
                    "no forwarding address",
                    "moved permanently"),
            phrases(
                    "norelaying",
                    "relay(?:ing)? (?:access )?(?:denied|not permitted|not allowed|prohibited|refused)",
                    "not permitted to relay",
                    "unable to relay",
                    "not (?:configured|allowed|authorized) to relay",
                    "insecure mail relay",
                    "we do not relay",
                    "no relaying"),
            phrases(
                    "authfailure",
                    "dmarc",
                    "spf (?:check )?(?:fail|validation|record|softfail)",
                    "sender policy framework",
                    "dkim (?:fail|check|verification|signature (?:is )?(?:invalid|missing|required))",
                    "unauthenticated (?:email|mail|message)",
                    "not pass (?:dmarc|spf|dkim)"),
            phrases(
                    "userunknown",
                    "user unknown",
                    "unknown user",
                    "no such (?:user|mailbox|recipient|account|address|local user)",
                    "(?:user|recipient|mailbox|address|account|addressee)(?: name)? (?:is )?(?:not found|unknown"
                            + "|does not exist|doesn'?t exist|not valid|invalid|is not recognized|not recognized"
                            + "|unavailable)",
                    "unknown (?:recipient|local[- ]part|mailbox|address|account|alias)",
                    "invalid (?:recipient|mailbox|address|user)",
                    "not a valid (?:user|mailbox|recipient|address)",
                    "(?:doesn'?t|does not) have an? .{0,40}account",
                    "recipnotfound",
                    "couldn'?t be found",
                    "could not be found",
                    "email account that you tried to reach does not exist",
                    "is not a known user",
                    "no mailbox (?:here|by that name)",
                    "bad destination (?:mailbox )?address",
                    "undeliverable address",
                    "not listed in (?:the )?(?:domino )?(?:directory|address book)",
                    "unknown or illegal alias",
                    "ディレクトリ.{0,10}(?:見つかりません|ありません)",
                    "宛先(?:が|の).{0,10}(?:見つかりません|存在しません)"),
            phrases(
                    "filtered",
                    "message filtered",
                    "rejected by (?:the )?(?:recipient|user)",
                    "refused by (?:the )?recipient",
                    "not accepting (?:any )?(?:mail|e-?mail|messages) from",
                    "recipient (?:has )?(?:blocked|refused)",
                    "blocked by (?:the )?(?:recipient|user)",
                    "user refuses",
                    "filtered by (?:the )?recipient"),
            phrases(
                    "requireptr",
                    "reverse dns",
                    "ptr (?:record|resource)",
                    "no ptr",
                    "rdns",
                    "reverse (?:lookup|hostname|address)",
                    "(?:cannot|could not|can'?t|unable to) (?:find|resolve) your (?:host ?name|ip)",
                    "client host name (?:is )?(?:unknown|not found)",
                    "unresolvable (?:address|host ?name|ip)",
                    "unverif[iy]able (?:sending )?ip",
                    "no (?:dns|host ?name) for your ip",
                    "ip name lookup failed"),
            phrases(
                    "notcompliantrfc",
                    "not (?:rfc|standards)[ -]?(?:\\d+ )?compliant",
                    "rfc ?(?:2822|5322|822) (?:violation|compliance)",
                    "multiple (?:\\S+ )*addresses in from:? header",
                    "does not comply with rfc"),
            phrases("badreputation", "reputation"),
            phrases(
                    "virusdetected",
                    "virus (?:detected|found|infected)",
                    "(?:contains|detected|found) (?:a )?virus",
                    "malware",
                    "trojan",
                    "infected"),
            phrases(
                    "contenterror",
                    "duplicate header",
                    "header (?:error|syntax|too long)",
                    "invalid (?:mime|header|content)",
                    "malformed (?:mime|header|message)",
                    "improper (?:use of )?8-?bit",
                    "8-?bit (?:data|characters) not",
                    "bare (?:lf|cr|linefeed|newline)",
                    "headers? (?:too long|exceeds?)"),
            phrases(
                    "rejected",
                    "sender (?:address )?rejected",
                    "sender (?:address |domain )?(?:is )?(?:invalid|unknown|not (?:found|allowed|permitted))",
                    "domain of sender address .{0,80}does not exist",
                    "unroutable sender",
                    "sender verif(?:y|ication) failed",
                    "(?:envelope|mail) from (?:address )?(?:rejected|refused|invalid)",
                    "not (?:a )?member of (?:this|the) (?:mailing )?list",
                    "you are not (?:a )?member",
                    "may not have permission to post",
                    "invalid sender",
                    "sender denied",
                    "bad sender"),
            phrases(
                    "hostunknown",
                    "host (?:or domain name )?(?:not found|unknown)",
                    "domain (?:name )?(?:not found|does not exist|doesn'?t exist|unknown)",
                    "no such domain",
                    "name service error",
                    "unrout(?:e)?able (?:address|domain)",
                    "no (?:mx|mail exchanger)",
                    "dns lookup failure",
                    "couldn'?t find any host",
                    "unknown host",
                    "recipient domain .{0,20}(?:does not exist|not found)"),
            phrases(
                    "spamdetected",
                    "\\bspam\\b",
                    "spamassassin",
                    "junk mail",
                    "bulk mail",
                    "unsolicited",
                    "message content rejected",
                    "\\bube\\b",
                    "blacklisted url",
                    "url .{0,20}(?:black|block)listed",
                    "uribl",
                    "surbl"),
            phrases(
                    "speeding",
                    "rate limit",
                    "too many (?:messages|emails|mails)",
                    "sending (?:too fast|rate)",
                    "throttl",
                    "slow down",
                    "exceeded (?:the )?(?:sending )?rate"),
            phrases(
                    "toomanyconn",
                    "too many (?:connections|concurrent|simultaneous|sessions|recipients)",
                    "connection (?:limit|rate) exceeded",
                    "exceeded (?:the )?(?:maximum )?(?:number of )?connections"),
            phrases(
                    "blocked",
                    "blocked using",
                    "black ?list",
                    "block ?list",
                    "deny ?list",
                    "dnsbl",
                    "\\brbl\\b",
                    "listed (?:at|on|in)",
                    "spamhaus",
                    "spamcop",
                    "sorbs",
                    "barracudacentral",
                    "abuseat",
                    "ip address .{0,30}(?:blocked|banned|listed)",
                    "client host .{0,40}(?:blocked|rejected)",
                    "banned",
                    "dynamic ip",
                    "dial-?up",
                    "residential",
                    "smtp server of your isp",
                    "invalid ip for sending",
                    "messages from [\\d.]+ weren'?t sent",
                    "my name was rejected",
                    "your ip",
                    "not accepting connections"),
            phrases(
                    "policyviolation",
                    "polic(?:y|ies) (?:violation|reasons|rejection)",
                    "violat(?:es|ion of) (?:our|the|local) (?:\\S+ )?polic",
                    "denied by policy",
                    "not accepted for policy",
                    "prohibited",
                    "policy",
                    "content presents a potential"),
            phrases(
                    "systemerror",
                    "system error",
                    "internal error",
                    "server error",
                    "local error",
                    "service (?:is )?(?:currently )?unavailable",
                    "mail system (?:is )?(?:temporarily )?(?:unavailable|error)",
                    "temporary (?:local )?problem",
                    "configuration error"),
            phrases(
                    "networkerror",
                    "no route to host",
                    "host (?:is )?unreachable",
                    "network (?:is )?unreachable",
                    "lost connection",
                    "too many hops",
                    "hop count exceeded",
                    "routing loop",
                    "mail (?:forwarding )?loop",
                    "host not found, try again",
                    "name server reply",
                    "unable to resolve route",
                    "network error",
                    "could not connect",
                    "dns query failed"),
            phrases(
                    "systemfull",
                    "insufficient system storage",
                    "system (?:storage|disk) (?:is )?full",
                    "out of (?:disk|storage) space",
                    "no space left"),
            phrases(
                    "notaccept",
                    "does not accept (?:any )?mail",
                    "null mx",
                    "not accepting network messages",
                    "couldn'?t find a mail exchanger or ip address"),
            phrases(
                    "expired",
                    "retry time(?:out)? (?:not reached|exceeded)",
                    "giving up",
                    "could not deliver for the last",
                    "(?:message|mail) (?:has )?(?:expired|timed out)",
                    "too long in (?:the )?queue",
                    "in the queue too long",
                    "all hosts have been failing",
                    "could not be delivered for \\d+",
                    "connection timed out",
                    "timed out",
                    "delivery (?:time|period) expired",
                    "delivery failed \\d+ attempts",
                    "was aborted after",
                    "did not accept our requests to connect"),
            phrases(
                    "securityerror",
                    "tls (?:is )?required",
                    "must issue a starttls",
                    "encryption required",
                    "authentication (?:is )?required",
                    "certificate"),
            phrases(
                    "mailererror",
                    "pipe to \\|",
                    "mailer error",
                    "command (?:died|failed)",
                    "procmail",
                    "exit (?:status|code)",
                    "delivery program"),
            phrases("syntaxerror", "malformed (?:recipient )?address", "syntax error", "address syntax"));

    private static final Pattern ADDRESS_OR_URL = Pattern.compile(
            "(?i)\\b(?:https?|ftp)://\\S+|" + SmtpText.addressPattern().pattern());

    private ReasonPhrases() {}

    /** Whether a prepared text (see {@link #prepare}) uses the wording of a reason. */
    public static boolean says(String reason, String prepared) {
        for (Phrase phrase : PHRASES.getOrDefault(reason, List.of())) {
            if (phrase.foundIn(prepared)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a prepared text uses the wording of any reason. */
    public static boolean saysAny(String prepared) {
        for (String reason : PHRASES.keySet()) {
            if (says(reason, prepared)) {
                return true;
            }
        }
        return false;
    }

    /** A diagnostic made ready for {@link #says}: lower-case, without addresses and URLs. */
    public static String prepare(String text) {
        if (text == null) {
            return "";
        }
        boolean mayHaveAddressOrUrl = SmtpText.mayHaveAddress(text) || text.contains("://");
        String kept = mayHaveAddressOrUrl ? ADDRESS_OR_URL.matcher(text).replaceAll(" ") : text;
        return kept.toLowerCase(Locale.ROOT);
    }

    /** The phrases of a reason as written, for checking the look-up against a plain regex. */
    static List<String> phrases(String reason) {
        return PHRASES.getOrDefault(reason, List.of()).stream()
                .map(phrase -> phrase.pattern().pattern())
                .toList();
    }

    /** Every reason that has phrases. */
    static Set<String> reasons() {
        return PHRASES.keySet();
    }

    private static Map.Entry<String, List<Phrase>> phrases(String reason, String... phrases) {
        return Map.entry(reason, Stream.of(phrases).map(Phrase::of).toList());
    }
}
