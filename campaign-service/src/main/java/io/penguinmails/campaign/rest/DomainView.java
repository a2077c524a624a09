package io.penguinmails.campaign.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.penguinmails.campaign.Domain;
import io.penguinmails.campaign.service.domain.DnsRecord;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A domain as the API shows it, with the DNS records to publish; never its private key. */
public record DomainView(
        UUID id,
        String name,
        @JsonProperty("company_id") UUID companyId,
        String status,
        @JsonProperty("dkim_selector") String dkimSelector,
        @JsonProperty("dns_records") List<DnsRecord> dnsRecords,
        Instant created) {

    static DomainView of(Domain domain, List<DnsRecord> records) {
        return new DomainView(
                domain.id(),
                domain.name(),
                domain.companyId(),
                domain.status(),
                domain.dkimSelector(),
                records,
                domain.created());
    }
}
