package io.penguinmails.content;

/**
 * A message's content encoded for {@code email_content} (storage format 2).
 *
 * @param raw the encoded raw message, null for outbound mail
 * @param rawSize the raw message's original size (0 without one)
 * @param bodies the encoded text, html and headers
 * @param bodySize the bodies' original (serialized) size
 * @param dictionaryId the dictionary the compressed values need, null for none
 * @param algorithm {@code none}, {@code zstd} or {@code zstd-dict:<id>}, as recorded in the row
 */
public record EncodedMessage(
        byte[] raw, int rawSize, byte[] bodies, int bodySize, Long dictionaryId, String algorithm) {}
