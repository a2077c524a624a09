package io.penguinmails.campaign.rest;

import io.penguinmails.campaign.Company;
import java.time.Instant;
import java.util.UUID;

/** A company as the API shows it. */
public record CompanyView(
        UUID id, String name, String domain, String industry, String size, Instant created, Instant updated) {

    static CompanyView of(Company company) {
        return new CompanyView(
                company.id(),
                company.name(),
                company.domain(),
                company.industry(),
                company.size(),
                company.created(),
                company.updated());
    }
}
