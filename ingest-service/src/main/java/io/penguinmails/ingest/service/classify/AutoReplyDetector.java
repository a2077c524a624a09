package io.penguinmails.ingest.service.classify;

import io.penguinmails.contracts.MailEvent;
import io.penguinmails.ingest.ParsedMessage;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises automatic replies: by the headers RFC 3834 and the common responders set (Auto-Submitted, X-Autoreply,
 * X-Autorespond, Precedence: auto_reply, Apple's X-Apple-Action, Exchange's X-Auto-Response-Suppress together with
 * an out-of-office subject), and, without such headers, by an out-of-office subject alone. A reply is a vacation
 * notice when its headers, subject or opening text say the person is away; otherwise it is auto-generated.
 */
public final class AutoReplyDetector {

    /** Subjects that responders put first, in the languages of the large mail providers. */
    private static final Pattern AUTO_SUBJECT = Pattern.compile(
            "(?iu)^\\s*(?:\\[[^]]*]\\s*)?(?:out of (?:the )?office|automatic reply|auto(?:matic)?[- ]?reply|autoreply"
                    + "|auto-?response|auto:|abwesenheitsnotiz|automatische antwort|réponse automatique"
                    + "|respuesta automática|risposta automatica|automatisch antwoord|resposta automática"
                    + "|automatyczna odpowiedź|automatiskt svar|autosvar|automatisk svar|автоответ"
                    + "|автоматический ответ|otomatik yanıt|自動応答|自動返信|自动回复|자동 응답|不在)");

    /** Words saying the person is away, in the subject or the opening of the reply. */
    private static final Pattern AWAY = Pattern.compile(
            "(?iu)out of (?:the )?office|on (?:vacation|holiday|leave|annual leave|parental leave)|vacation"
                    + "|away from (?:the |my )?(?:office|desk|e-?mail)|limited access to (?:my )?e-?mail|will be back"
                    + "|i am (?:currently )?away|i'?m (?:currently )?away|travel?ling|abwesen|urlaub|absence|absent"
                    + "|en congés?|vacances|de vacaciones|fuera de la oficina|in ferie|fuori (?:sede|ufficio)"
                    + "|afwezig|op vakantie|de férias|ausente|urlop|poza biurem|semester|отпуск|不在|休暇|休假");

    private final ReturnDateExtractor returnDates = new ReturnDateExtractor();

    /** The auto-reply a message is, if it is one. */
    public Optional<MailEvent.AutoReply> detect(ParsedMessage message) {
        boolean autoSubject = matches(AUTO_SUBJECT, message.subject());
        boolean away = autoSubject
                || vacationHeader(message)
                || matches(AWAY, message.subject())
                || matches(AWAY, opening(message));
        boolean automatic = responderHeader(message)
                || generated(message)
                || autoSubject
                || (message.header("X-Auto-Response-Suppress") != null && away);
        if (!automatic) {
            return Optional.empty();
        }
        String returnDate = away ? returnDates.find(opening(message), message.date()) : null;
        return Optional.of(new MailEvent.AutoReply(away ? "vacation" : "auto_generated", returnDate));
    }

    private static boolean responderHeader(ParsedMessage message) {
        return message.header("X-Autoreply") != null
                || message.header("X-Autorespond") != null
                || message.header("X-Autoresponder") != null
                || message.header("X-Apple-Action") != null
                || "auto_reply".equals(lower(message.header("Precedence")))
                || vacationHeader(message);
    }

    private static boolean vacationHeader(ParsedMessage message) {
        return message.header("X-Vacation") != null
                || lower(message.header("Auto-Submitted")).contains("vacation")
                || lower(message.header("X-Apple-Action")).contains("vacation")
                || lower(message.header("X-Mailer")).contains("vacation");
    }

    /** RFC 3834: any value but "no" marks a message sent by a program, not a person. */
    private static boolean generated(ParsedMessage message) {
        String value = lower(message.header("Auto-Submitted"));
        return !value.isEmpty() && !value.startsWith("no");
    }

    private static String opening(ParsedMessage message) {
        String text = message.text() == null ? "" : message.text();
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }

    private static boolean matches(Pattern pattern, String value) {
        return value != null && pattern.matcher(value).find();
    }

    private static String lower(String value) {
        return value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    }
}
