package io.penguinmails.ingest.service.classify;

import io.penguinmails.ingest.ParsedMessage;
import java.util.regex.Pattern;

/**
 * Recognises a bounce that carries no delivery-status part, from who sent it, its subject and the sentences mail
 * systems put in such reports. Sentences count only outside quoted ({@code >}) lines, and a person's reply to or
 * forward of a bounce is never one: it stays a normal message.
 */
public final class BounceDetector {

    private static final Pattern DAEMON = Pattern.compile(
            "(?i)(?:^|<|\\s)(?:mailer[-_]?daemon|mail[-_]?daemon|postmaster|post_master|mail\\.delivery\\.system"
                    + "|mdaemon|mail delivery (?:system|subsystem))(?:@|>|\\s|$)");

    private static final Pattern SUBJECT = Pattern.compile(
            "(?i)undeliver|returned mail|delivery status notification|failure notice|mail delivery failed"
                    + "|delivery (?:failure|failed|problem|notification)|non[- ]?delivery|could not be delivered"
                    + "|mail system error|message delivery has failed|not delivered|delayed mail|warning: message"
                    + "|error sending your mail|mail failure|are not member|unzustellbar|non remis|no se puede entregar"
                    + "|impossibile consegnare|onbestelbaar|не доставлено|配信(?:エラー|不能|できません)|送信エラー");

    private static final Pattern REPORT_SENTENCE = Pattern.compile(
            "(?i)could not be delivered|couldn'?t be delivered|was not delivered|undeliverable|not be delivered"
                    + "|delivery to the following recipient|wasn'?t able to deliver|unable to deliver"
                    + "|permanent (?:fatal )?errors?|did not reach the following recipient|delivery has failed"
                    + "|error delivering your mail|failed to deliver|mail delivery software|transcript of session"
                    + "|has not yet been delivered|delivery failed|could not deliver|trouble delivering"
                    + "|the following address(?:es)? (?:had|failed)|not a member of this mailing list"
                    + "|may not have permission to post|delivery to the following recipients was aborted"
                    + "|送信できませんでした|配信できませんでした|не может быть доставлено"
                    + "|(?m)^[ \\t]*(?:<<<[ \\t]*)?[45]\\d\\d[ :-]");

    private static final Pattern REPLY_OR_FORWARD =
            Pattern.compile("(?i)^\\s*(?:re|fwd?|aw|wg|tr|sv|vs|rv|r|i)\\s*(?:\\[\\d+])?\\s*:");

    private static final Pattern DELAY_SUBJECT =
            Pattern.compile("(?i)\\(delay\\)|delayed|warning: message|still being retried");

    private static final Pattern DELAY_SENTENCE = Pattern.compile(
            "(?i)has not yet been delivered|this is a warning|temporary failure report|will be retried");

    /**
     * Whether a message without report parts is a bounce. The sender and subject are looked at first: wording alone
     * never makes a bounce, so a message from a person with an ordinary subject is decided without reading its text.
     */
    public boolean isBounce(MessageTexts texts) {
        ParsedMessage message = texts.message();
        boolean sender = fromMailSystem(message) || message.header("X-Failed-Recipients") != null;
        if (!sender && matches(REPLY_OR_FORWARD, message.subject())) {
            // A person answering or passing on a bounce writes about it in bounce words.
            return false;
        }
        boolean subject = matches(SUBJECT, message.subject());
        if (sender == subject) {
            return sender;
        }
        return REPORT_SENTENCE.matcher(unquoted(texts.report())).find();
    }

    /** Whether the report is a warning about a delay rather than a final failure. */
    public boolean isDelayNotice(MessageTexts texts) {
        return matches(DELAY_SUBJECT, texts.message().subject())
                || DELAY_SENTENCE.matcher(unquoted(texts.report())).find();
    }

    private static boolean fromMailSystem(ParsedMessage message) {
        String from = message.header("From");
        return matches(DAEMON, from) || "<>".equals(trimmed(message.header("Return-Path")));
    }

    private static String unquoted(String text) {
        // SMTP transcripts mark commands with ">>> ", which is not quoting.
        return text.replaceAll("(?m)^[ \\t]*>(?!>> ).*$", "");
    }

    private static boolean matches(Pattern pattern, String value) {
        return value != null && pattern.matcher(value).find();
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }
}
