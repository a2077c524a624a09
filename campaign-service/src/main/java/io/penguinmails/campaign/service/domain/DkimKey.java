package io.penguinmails.campaign.service.domain;

/**
 * What mail from a sending domain is DKIM-signed with.
 *
 * @param domain the signing domain ({@code d=}), the domain of the sender's address
 * @param selector the selector ({@code s=}); the public key is published at {@code <selector>._domainkey.<domain>}
 * @param privateKey the clear RSA private key, PKCS#8 DER
 */
public record DkimKey(String domain, String selector, byte[] privateKey) {}
