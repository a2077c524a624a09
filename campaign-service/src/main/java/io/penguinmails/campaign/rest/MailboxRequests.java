package io.penguinmails.campaign.rest;

import io.penguinmails.campaign.EmailAccount;
import io.penguinmails.campaign.service.EmailSyntax;
import io.penguinmails.campaign.service.mailbox.MailboxSettings;
import java.util.Set;

/** Turns mailbox request bodies into checked {@link MailboxSettings}; a bad field answers 422 naming it. */
final class MailboxRequests {

    static final int DEFAULT_DAILY_LIMIT = 50;
    static final int MAX_DAILY_LIMIT = 10_000;
    // The ramp of a mailbox given none (the table's defaults): a new, cold mailbox starts slowly.
    static final int DEFAULT_RAMP_START = 10;
    static final int DEFAULT_RAMP_STEP = 5;
    static final int MAX_PASSWORD = 1_000;

    private static final Set<String> SECURITY = Set.of("none", "starttls", "tls");

    private MailboxRequests() {}

    /** The settings of a full body (POST, PUT): email and smtp are required, imap is optional. */
    static MailboxSettings settings(EmailAccountRequest request) {
        EmailAccountRequest body = RequestChecks.body(request);
        String email = RequestChecks.required("email", body.email());
        if (!EmailSyntax.isValid(email)) {
            throw RequestChecks.unprocessable("email is not a valid address: " + email);
        }
        if (body.smtp() == null) {
            throw RequestChecks.unprocessable("smtp is required");
        }
        int dailyLimit = body.dailyLimit() == null
                ? DEFAULT_DAILY_LIMIT
                : RequestChecks.range("daily_limit", body.dailyLimit(), 1, MAX_DAILY_LIMIT);
        EmailAccountRequest.Ramp ramp = body.ramp() == null ? new EmailAccountRequest.Ramp(null, null) : body.ramp();
        return new MailboxSettings(
                EmailSyntax.normalise(email),
                RequestChecks.optional("from_name", body.fromName()),
                dailyLimit,
                rampValue("ramp.start", ramp.start(), DEFAULT_RAMP_START, 1),
                rampValue("ramp.step", ramp.step(), DEFAULT_RAMP_STEP, 0),
                body.companyId(),
                server("smtp", body.smtp(), false),
                body.imap() == null ? null : server("imap", body.imap(), true));
    }

    /** A full body made of the PATCH body's fields over the mailbox's current ones (passwords kept unless given). */
    static EmailAccountRequest merge(EmailAccount current, EmailAccountRequest patch) {
        EmailAccountRequest body = RequestChecks.body(patch);
        return new EmailAccountRequest(
                first(body.email(), current.email()),
                first(body.fromName(), current.fromName()),
                first(body.dailyLimit(), current.dailyLimit()),
                first(body.companyId(), current.companyId()),
                merge(current.smtp(), body.smtp()),
                merge(current.imap(), body.imap()),
                merge(current, body.ramp()));
    }

    /** The PATCH body's ramp fields over the stored ones, so {@code {"ramp": {"step": 20}}} keeps the start. */
    private static EmailAccountRequest.Ramp merge(EmailAccount current, EmailAccountRequest.Ramp patch) {
        return patch == null
                ? new EmailAccountRequest.Ramp(current.rampStart(), current.rampStep())
                : new EmailAccountRequest.Ramp(
                        first(patch.start(), current.rampStart()), first(patch.step(), current.rampStep()));
    }

    /** A ramp field, its default when missing; capped at the largest daily limit, beyond which it changes nothing. */
    private static int rampValue(String field, Integer value, int fallback, int min) {
        return value == null ? fallback : RequestChecks.range(field, value, min, MAX_DAILY_LIMIT);
    }

    private static EmailAccountRequest.Server merge(EmailAccount.MailServer current, EmailAccountRequest.Server patch) {
        if (current == null) {
            return patch;
        }
        if (patch == null) {
            return new EmailAccountRequest.Server(
                    current.host(), current.port(), current.security(), current.username(), null);
        }
        return new EmailAccountRequest.Server(
                first(patch.host(), current.host()),
                first(patch.port(), current.port()),
                first(patch.security(), current.security()),
                first(patch.username(), current.username()),
                patch.password());
    }

    private static MailboxSettings.Server server(
            String name, EmailAccountRequest.Server server, boolean usernameRequired) {
        String host = RequestChecks.hostname(name + ".host", server.host());
        int port = RequestChecks.range(name + ".port", server.port(), 1, 65_535);
        String security = RequestChecks.required(name + ".security", server.security());
        if (!SECURITY.contains(security)) {
            throw RequestChecks.unprocessable(name + ".security must be one of none, starttls, tls");
        }
        String username = usernameRequired
                ? RequestChecks.required(name + ".username", server.username())
                : RequestChecks.optional(name + ".username", server.username());
        String password = server.password();
        if (password != null && (password.isEmpty() || password.length() > MAX_PASSWORD)) {
            throw RequestChecks.unprocessable(name + ".password must be 1 to " + MAX_PASSWORD + " characters");
        }
        return new MailboxSettings.Server(host, port, security, username, password);
    }

    private static <T> T first(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
