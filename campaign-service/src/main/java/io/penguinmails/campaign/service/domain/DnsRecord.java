package io.penguinmails.campaign.service.domain;

/**
 * A DNS record the user must publish for a sending domain.
 *
 * @param purpose spf, dkim or dmarc
 * @param type the record type (TXT)
 * @param name the fully qualified record name
 * @param value the record's text
 */
public record DnsRecord(String purpose, String type, String name, String value) {}
