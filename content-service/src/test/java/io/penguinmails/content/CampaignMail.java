package io.penguinmails.content;

import io.penguinmails.contracts.MailEvent;
import io.penguinmails.contracts.OutboundMailEvent;
import io.penguinmails.contracts.StorageKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Generates campaign-like mail for one tenant: outreach sends rendered from a handful of templates with personalised
 * fields (name, company, role, city, an opening line written per lead, tracking and unsubscribe tokens), and the leads'
 * replies as raw RFC 5322 messages (Received and DKIM-Signature headers, a short answer, the quoted send). Seeded,
 * so a run is repeatable.
 */
public final class CampaignMail {

    private static final String[] FIRST = {
        "Ada",
        "Grace",
        "Alan",
        "Linus",
        "Margaret",
        "Dennis",
        "Barbara",
        "Ken",
        "Radia",
        "Tim",
        "Frances",
        "John",
        "Katherine",
        "Edsger",
        "Hedy",
        "Donald",
        "Sophie",
        "Niklaus",
        "Shafi",
        "Leslie"
    };
    private static final String[] LAST = {
        "Lovelace", "Hopper", "Turing", "Torvalds", "Hamilton", "Ritchie", "Liskov", "Thompson", "Perlman", "Berners",
        "Allen", "Backus", "Johnson", "Dijkstra", "Lamarr", "Knuth", "Wilson", "Wirth", "Goldwasser", "Lamport"
    };
    private static final String[] COMPANY = {
        "Northwind",
        "Contoso",
        "Fabrikam",
        "Initech",
        "Globex",
        "Umbrella Health",
        "Stark Logistics",
        "Wayne Foods",
        "Tyrell Labs",
        "Cyberdyne Retail",
        "Acme Analytics",
        "Hooli Cloud",
        "Vandelay Imports",
        "Soylent Energy"
    };
    private static final String[] ROLE = {
        "Head of Sales", "VP Marketing", "Growth Lead", "Founder", "RevOps Manager", "SDR Manager", "CMO"
    };
    private static final String[] CITY = {"Lisbon", "Austin", "Berlin", "Toronto", "Madrid", "Denver", "Dublin"};
    private static final String[] OPENERS = {
        "Saw that %s just opened an office in %s, congratulations.",
        "Loved your recent post about scaling outbound at %s (the part about %s stuck with me).",
        "Noticed %s is hiring three SDRs in %s this month.",
        "A colleague mentioned %s is rethinking its outreach stack after the move to %s.",
        "Congrats on the funding round; %s must be busy in %s right now."
    };
    private static final String[][] TEMPLATES = {
        {
            "Quick question about deliverability at %s",
            "Hi %s,\n\n%s\n\nTeams like yours at %s usually lose 20-30%% of their cold emails to spam folders before"
                    + " anyone reads them. We help outbound teams warm up mailboxes, rotate senders and keep every reply"
                    + " in one inbox, so the %s team spends its time on conversations instead of DNS records.\n\n"
                    + "Would a 15 minute call next week make sense?\n\nBest,\n%s\n%s\n"
        },
        {
            "%s + PenguinMails",
            "Hello %s,\n\n%s\n\nI'm reaching out because %s looks like a great fit for what we do: we run the"
                    + " infrastructure behind cold outreach (mailboxes, warm-up, sending limits, reply detection) so"
                    + " that a %s does not have to.\n\nCustomers typically see reply rates go from 2%% to 6%% within a"
                    + " quarter.\n\nOpen to a short chat on Thursday or Friday?\n\nCheers,\n%s\n%s\n"
        },
        {
            "Following up, %s",
            "Hi %s,\n\n%s\n\nJust floating this back to the top of your inbox in case my last note got buried. If"
                    + " improving inbox placement for %s is on your list this quarter, I would love to show you how"
                    + " other teams with a %s in charge of outbound set it up in an afternoon.\n\nIf not, no worries:"
                    + " just let me know and I will stop following up.\n\nThanks,\n%s\n%s\n"
        },
        {
            "Idea for %s's outbound",
            "Hey %s,\n\n%s\n\nOne idea: split %s's sending across a dozen warmed-up mailboxes instead of two, each"
                    + " under 40 emails a day. It is the single change that moved the needle most for every %s we"
                    + " have worked with this year.\n\nHappy to send over the playbook, no strings attached. Want"
                    + " it?\n\nBest regards,\n%s\n%s\n"
        }
    };
    private static final String[] REPLIES = {
        "Thanks %1$s, this is timely. Can you send over pricing for a team of %2$d?",
        "Not interested right now, please take me off your list.",
        "Hi %s, I'm out of the office until Monday with limited access to email.",
        "Sure, Thursday at %2$d works. Send an invite to this address.",
        "We already use another vendor, but I'd be curious how you compare on price. We're about %2$d seats.",
        "Please reach out to my colleague who owns outbound; I've copied her here."
    };

    private final String tenantId;
    private final Random random;
    private final String[] senders;

    /** A generator for a tenant's mail, with a few sending mailboxes. */
    public CampaignMail(String tenantId, long seed) {
        this.tenantId = tenantId;
        this.random = new Random(seed);
        this.senders = new String[] {"Sam Carter", "Priya Shah", "Jonas Berg", "Mia Rossi"};
    }

    /** A campaign send and its lead, ready to publish on {@code mail.outbound}. */
    public Send send(int n) {
        Lead lead = lead();
        int sender = n % senders.length;
        String[] template = TEMPLATES[random.nextInt(TEMPLATES.length)];
        String opener = String.format(OPENERS[random.nextInt(OPENERS.length)], lead.company(), lead.city());
        String from = senders[sender];
        String signature = "Acme Outreach | " + from.toLowerCase().replace(' ', '.') + "@acme.example";
        String text = String.format(template[1], lead.first(), opener, lead.company(), lead.role(), from, signature)
                + "\n--\nUnsubscribe: https://t.acme.example/u/" + token() + "\n";
        String html = html(text, token());
        String subject = String.format(template[0], lead.company());
        String messageId = "<pm." + token() + "@acme.example>";
        OutboundMailEvent event = new OutboundMailEvent(
                1,
                StorageKeys.forMessageId(tenantId, "acct-" + sender, messageId),
                tenantId,
                "acct-" + sender,
                "camp-" + random.nextInt(12),
                "step-" + (1 + random.nextInt(3)),
                "lead-" + lead.email(),
                messageId,
                new MailEvent.Address(address(from), from),
                List.of(new MailEvent.Address(lead.email(), lead.first() + " " + lead.last())),
                subject,
                text,
                html,
                "sent",
                Instant.now());
        return new Send(event, lead);
    }

    /** The lead's reply to a send, as ingest-service publishes it on {@code mail.inbound}. */
    public MailEvent reply(Send send) {
        OutboundMailEvent sent = send.event();
        Lead lead = send.lead();
        String answer = String.format(
                REPLIES[random.nextInt(REPLIES.length)], sent.from().name().split(" ")[0], 5 + random.nextInt(60));
        String quoted = "> " + sent.text().replace("\n", "\n> ");
        String text = answer + "\n\n" + lead.first() + "\n\nOn Mon, 23 Nov 2026 at 09:13, "
                + sent.from().name() + " <" + sent.from().address() + "> wrote:\n" + quoted + "\n";
        String html = "<div dir=\"ltr\">" + answer + "<br><br>" + lead.first() + "</div><br><div class=\"gmail_quote\">"
                + "<blockquote class=\"gmail_quote\" style=\"margin:0 0 0 .8ex;border-left:1px #ccc solid;"
                + "padding-left:1ex\">" + sent.html() + "</blockquote></div>";
        String messageId = "<CA" + token() + "@mail.gmail.com>";
        String subject = "Re: " + sent.subject();
        byte[] raw = raw(lead, sent, messageId, subject, text, html).getBytes(StandardCharsets.UTF_8);
        return new MailEvent(
                1,
                StorageKeys.forMessageId(tenantId, sent.emailAccountId(), messageId),
                tenantId,
                sent.emailAccountId(),
                "email",
                Instant.now(),
                messageId,
                sent.messageId(),
                List.of(sent.messageId()),
                new MailEvent.Address(lead.email(), lead.first() + " " + lead.last()),
                List.of(sent.from()),
                List.of(),
                subject,
                Instant.now(),
                text,
                html,
                List.of(
                        new MailEvent.Header("From", lead.first() + " " + lead.last() + " <" + lead.email() + ">"),
                        new MailEvent.Header(
                                "To", sent.from().name() + " <" + sent.from().address() + ">"),
                        new MailEvent.Header("Subject", subject),
                        new MailEvent.Header("Message-ID", messageId),
                        new MailEvent.Header("In-Reply-To", sent.messageId())),
                List.of(),
                Base64.getEncoder().encodeToString(raw),
                null,
                null,
                List.of());
    }

    /** A mix of sends and replies: one reply for every {@code sendsPerReply} sends. */
    public List<Object> mix(int count, int sendsPerReply) {
        List<Object> events = new ArrayList<>();
        for (int i = 0; events.size() < count; i++) {
            Send send = send(i);
            events.add(send.event());
            if (i % sendsPerReply == 0 && events.size() < count) {
                events.add(reply(send));
            }
        }
        return events;
    }

    private String raw(Lead lead, OutboundMailEvent sent, String messageId, String subject, String text, String html) {
        byte[] signature = new byte[256];
        random.nextBytes(signature);
        String boundary = "000000000000" + Long.toHexString(random.nextLong());
        return "Received: from mail-" + random.nextInt(999) + ".google.com (mail-" + random.nextInt(999)
                + ".google.com [209.85." + random.nextInt(255) + "." + random.nextInt(255) + "])\r\n"
                + "\tby mx.acme.example (Postfix) with ESMTPS id " + Long.toHexString(random.nextLong())
                + "\r\n\tfor <" + sent.from().address() + ">; Mon, 23 Nov 2026 09:14:02 +0000 (UTC)\r\n"
                + "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + lead.domain()
                + "; s=20230601; t=1763889242;\r\n\th=mime-version:references:in-reply-to:from:date:message-id:"
                + "subject:to;\r\n\tbh=" + Base64.getEncoder().encodeToString(digest()) + ";\r\n\tb="
                + Base64.getEncoder().encodeToString(signature) + "\r\n"
                + "MIME-Version: 1.0\r\nReferences: " + sent.messageId() + "\r\nIn-Reply-To: " + sent.messageId()
                + "\r\nFrom: " + lead.first() + " " + lead.last() + " <" + lead.email() + ">\r\n"
                + "Date: Mon, 23 Nov 2026 09:13:58 +0000\r\nMessage-ID: " + messageId + "\r\nSubject: " + subject
                + "\r\nTo: " + sent.from().name() + " <" + sent.from().address() + ">\r\n"
                + "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n--" + boundary
                + "\r\nContent-Type: text/plain; charset=\"UTF-8\"\r\n\r\n" + text.replace("\n", "\r\n") + "\r\n--"
                + boundary + "\r\nContent-Type: text/html; charset=\"UTF-8\"\r\n\r\n" + html + "\r\n--" + boundary
                + "--\r\n";
    }

    private static String html(String text, String pixel) {
        StringBuilder html = new StringBuilder("<html><body><div style=\"font-family:Arial,Helvetica,sans-serif;"
                + "font-size:14px;line-height:1.5;color:#222\">");
        for (String paragraph : text.split("\n\n")) {
            html.append("<p>").append(paragraph.replace("\n", "<br>")).append("</p>");
        }
        return html.append("</div><img src=\"https://t.acme.example/o/")
                .append(pixel)
                .append("\" width=\"1\" height=\"1\" alt=\"\" style=\"display:none\"></body></html>")
                .toString();
    }

    private Lead lead() {
        String first = FIRST[random.nextInt(FIRST.length)];
        String last = LAST[random.nextInt(LAST.length)];
        String company = COMPANY[random.nextInt(COMPANY.length)];
        String domain = company.toLowerCase().replace(' ', '-') + ".example";
        return new Lead(
                first,
                last,
                company,
                ROLE[random.nextInt(ROLE.length)],
                CITY[random.nextInt(CITY.length)],
                first.toLowerCase() + "." + last.toLowerCase() + random.nextInt(100) + "@" + domain,
                domain);
    }

    private String token() {
        return new UUID(random.nextLong(), random.nextLong()).toString().replace("-", "");
    }

    private byte[] digest() {
        byte[] digest = new byte[32];
        random.nextBytes(digest);
        return digest;
    }

    private static String address(String name) {
        return name.toLowerCase().replace(' ', '.') + "@acme.example";
    }

    /** A lead a send went to. */
    public record Lead(
            String first, String last, String company, String role, String city, String email, String domain) {}

    /** A campaign send and its lead. */
    public record Send(OutboundMailEvent event, Lead lead) {}
}
