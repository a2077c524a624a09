package io.penguinmails.content;

/**
 * A message's content encoded for storage: format 2 values, which {@code shared_contents} keeps once per tenant and
 * content hash.
 *
 * @param raw the encoded raw message, null for outbound mail
 * @param rawSize the raw message's original size (0 without one)
 * @param bodies the encoded text, html and headers
 * @param bodySize the bodies' original (serialized) size
 * @param dictionaryId the dictionary the compressed values need, null for none
 * @param algorithm {@code none}, {@code zstd} or {@code zstd-dict:<id>}, as recorded in the row
 */
public record EncodedMessage(
        byte[] raw, int rawSize, byte[] bodies, int bodySize, Long dictionaryId, String algorithm) {

    /** Bytes the encoded raw message and bodies take together. */
    public int storedBytes() {
        return (raw == null ? 0 : raw.length) + bodies.length;
    }
}
