package io.penguinmails.campaign;

import java.time.Instant;
import java.util.UUID;

/**
 * A sending domain of a tenant.
 *
 * @param name the lower-case domain name
 * @param status pending until its DNS records are verified
 * @param dkimPublicKey the base64 DER (SubjectPublicKeyInfo) public key published in the DKIM record
 */
public record Domain(
        UUID id,
        UUID tenantId,
        UUID companyId,
        String name,
        String status,
        String dkimSelector,
        String dkimPublicKey,
        Instant created) {}
