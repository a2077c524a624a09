package io.penguinmails.campaign.service.domain;

import io.penguinmails.campaign.Domain;
import java.util.List;

/**
 * The SPF, DKIM and DMARC records a sending domain needs. SPF authorises the domain's MX and the SMTP host of every
 * mailbox sending from it, soft-failing the rest; DMARC starts at {@code p=none} so reports arrive before anything is
 * rejected.
 */
public final class DnsRecords {

    private DnsRecords() {}

    /** The records of a domain whose mailboxes send through {@code smtpHosts}. */
    public static List<DnsRecord> of(Domain domain, List<String> smtpHosts) {
        return List.of(spf(domain, smtpHosts), dkim(domain), dmarc(domain));
    }

    static DnsRecord spf(Domain domain, List<String> smtpHosts) {
        StringBuilder value = new StringBuilder("v=spf1 mx");
        smtpHosts.forEach(host -> value.append(" a:").append(host));
        value.append(" ~all");
        return new DnsRecord("spf", "TXT", domain.name(), value.toString());
    }

    static DnsRecord dkim(Domain domain) {
        return new DnsRecord(
                "dkim",
                "TXT",
                domain.dkimSelector() + "._domainkey." + domain.name(),
                "v=DKIM1; k=rsa; p=" + domain.dkimPublicKey());
    }

    static DnsRecord dmarc(Domain domain) {
        return new DnsRecord(
                "dmarc", "TXT", "_dmarc." + domain.name(), "v=DMARC1; p=none; rua=mailto:postmaster@" + domain.name());
    }
}
