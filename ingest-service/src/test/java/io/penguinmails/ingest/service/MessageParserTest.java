package io.penguinmails.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.penguinmails.contracts.MailEvent;
import io.penguinmails.contracts.StorageKeys;
import io.penguinmails.ingest.ParsedMessage;
import io.penguinmails.ingest.TestMail;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MessageParserTest {

    private final MessageParser parser = new MessageParser();

    @Test
    void readsHeadersAddressesAndThreading() {
        ParsedMessage message = parser.parse(TestMail.bytes("two-attachments.eml"));
        assertThat(message.subject()).isEqualTo("Re: Propuesta para el próximo trimestre");
        assertThat(message.from()).isEqualTo(new MailEvent.Address("maria.lopez@northwind.example", "María López"));
        assertThat(message.to())
                .extracting(MailEvent.Address::address)
                .containsExactly("sam@acme.example", "ops@acme.example");
        assertThat(message.cc())
                .singleElement()
                .extracting(MailEvent.Address::name)
                .isEqualTo("Legal, Team");
        assertThat(message.messageId()).isEqualTo("<CAF7b3mQ2x0v@mail.northwind.example>");
        assertThat(message.inReplyTo()).isEqualTo("<pm.7f3c2a@acme.example>");
        assertThat(message.references()).containsExactly("<pm.1a2b3c@acme.example>", "<pm.7f3c2a@acme.example>");
        assertThat(message.date()).isEqualTo(Instant.parse("2026-11-23T09:13:58Z"));
        assertThat(message.headers().get(0).name()).isEqualTo("Return-Path");
    }

    @Test
    void choosesTextAndHtmlThroughAlternativeAndKeepsAttachmentBytes() {
        ParsedMessage message = parser.parse(TestMail.bytes("two-attachments.eml"));
        assertThat(message.text())
                .contains("lista de contactos para el próximo trimestre")
                .startsWith("Hola Sam,");
        assertThat(message.html()).contains("<div dir=\"ltr\">Hola Sam,");
        assertThat(message.attachments())
                .extracting(ParsedMessage.Part::filename)
                .containsExactly("contrato firmado.pdf", "contactos.csv");
        ParsedMessage.Part pdf = message.attachments().get(0);
        assertThat(StorageKeys.sha256Hex(pdf.content()))
                .isEqualTo(StorageKeys.sha256Hex(TestMail.bytes("two-attachments.pdf.bin")));
        assertThat(pdf.contentId()).isEqualTo("<f_lq2x0v1>");
        assertThat(pdf.disposition()).isEqualTo("attachment");
        assertThat(message.problems()).isEmpty();
    }

    @Test
    void decodesLegacyCharsets() {
        ParsedMessage message = parser.parse(TestMail.bytes("exchange-out-of-office.eml"));
        assertThat(message.text()).contains("Vielen Dank für Ihre Nachricht", "einschließlich");
    }

    @Test
    void refusesTextWithoutAnyMessageHeader() {
        assertThatThrownBy(() -> parser.parse(TestMail.bytes("not-a-message.txt")))
                .isInstanceOf(NotAMessageException.class);
    }
}
