package io.penguinmails.campaign.service.domain;

import io.penguinmails.campaign.Domain;
import io.penguinmails.campaign.repository.CompanyRepository;
import io.penguinmails.campaign.repository.DomainRepository;
import io.penguinmails.campaign.service.mailbox.MailboxSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ClientErrorException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Creates sending domains with their own RSA-2048 DKIM key pair; the private key is stored encrypted with the mailbox
 * key and signs the campaign mail sent from the domain, the public key is what the DKIM record publishes. No DNS
 * lookups happen here: a new domain stays pending.
 */
@ApplicationScoped
public class DomainService {

    /** The DKIM selector of every domain: its key is published at {@code penguin._domainkey.<domain>}. */
    public static final String DKIM_SELECTOR = "penguin";

    private static final int DKIM_KEY_BITS = 2048;

    private final DomainRepository domains;
    private final CompanyRepository companies;
    private final MailboxSecrets secrets;

    DomainService(DomainRepository domains, CompanyRepository companies, MailboxSecrets secrets) {
        this.domains = domains;
        this.companies = companies;
        this.secrets = secrets;
    }

    /**
     * Creates a domain of the tenant.
     *
     * @throws ClientErrorException 422 when the company is not the tenant's
     */
    public Domain create(UUID tenantId, String name, UUID companyId) {
        if (companyId != null && companies.find(tenantId, companyId).isEmpty()) {
            throw new ClientErrorException("no company " + companyId, 422);
        }
        KeyPair pair = generateKeyPair();
        Base64.Encoder base64 = Base64.getEncoder();
        String publicKey = base64.encodeToString(pair.getPublic().getEncoded());
        String privateKey =
                secrets.encrypt(base64.encodeToString(pair.getPrivate().getEncoded()));
        return domains.insert(tenantId, companyId, name, DKIM_SELECTOR, publicKey, privateKey);
    }

    /** The records to publish for a domain. */
    public List<DnsRecord> records(Domain domain) {
        return DnsRecords.of(domain, domains.smtpHosts(domain.tenantId(), domain));
    }

    /**
     * The DKIM key that mail from the tenant's domain is signed with; empty when the tenant has no domain of that
     * name (such mail goes out unsigned by us).
     */
    public Optional<DkimKey> signingKey(UUID tenantId, String domainName) {
        return domains.findByName(tenantId, domainName).flatMap(domain -> dkimPrivateKey(tenantId, domain.name())
                .map(key -> new DkimKey(
                        domain.name(),
                        domain.dkimSelector(),
                        Base64.getDecoder().decode(key))));
    }

    /** The clear DKIM private key (PKCS#8, base64) of the tenant's domain, for signing. */
    public Optional<String> dkimPrivateKey(UUID tenantId, String domainName) {
        return domains.privateKeyEncrypted(tenantId, domainName).map(secrets::decrypt);
    }

    private static KeyPair generateKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(DKIM_KEY_BITS);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is unavailable", e);
        }
    }
}
