package io.penguinmails.campaign.rest;

import io.penguinmails.campaign.Tenant;
import java.util.UUID;

/** A tenant as the API shows it. */
public record TenantView(UUID id, String name) {

    static TenantView of(Tenant tenant) {
        return new TenantView(tenant.id(), tenant.name());
    }
}
