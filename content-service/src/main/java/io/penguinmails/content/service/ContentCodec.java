package io.penguinmails.content.service;

import com.github.luben.zstd.Zstd;
import io.penguinmails.content.EncodedMessage;
import io.penguinmails.content.config.CompressionConfig;
import io.penguinmails.content.repository.EncodedContent;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * Encodes what {@code email_content} stores of a message (storage format 2) and decodes both formats. The raw
 * message and the bodies (text, html and headers in one value: they are read together, and one frame compresses
 * better than three) are each prefixed by a form byte: {@link #STORED} as they are, when they are shorter than
 * {@code min-compress-bytes} or zstd would not make them smaller, or {@link #ZSTD} compressed with the tenant's newest
 * dictionary, or without one while the tenant has none.
 */
@ApplicationScoped
public class ContentCodec {

    /** Storage format of rows written before dictionaries: a bare zstd raw frame and plain body columns. */
    public static final int LEGACY_FORMAT = 1;
    /** Storage format of rows written by this codec. */
    public static final int FORMAT = 2;

    static final byte STORED = 0;
    static final byte ZSTD = 1;

    private final CompressionDictionaries dictionaries;
    private final CompressionConfig config;

    ContentCodec(CompressionDictionaries dictionaries, CompressionConfig config) {
        this.dictionaries = dictionaries;
        this.config = config;
    }

    /**
     * Encodes a message's content for a tenant.
     *
     * @param raw the original message, null for outbound mail (which has none)
     */
    public EncodedMessage encode(UUID tenantId, byte[] raw, Bodies bodies) {
        Optional<CompressionDictionaries.Compressing> dictionary = dictionaries.newest(tenantId);
        byte[] plainBodies = bodies.serialize();
        byte[] storedRaw = raw == null ? null : encodeValue(raw, dictionary);
        byte[] storedBodies = encodeValue(plainBodies, dictionary);
        boolean compressed = (storedRaw != null && storedRaw[0] == ZSTD) || storedBodies[0] == ZSTD;
        Long dictionaryId = compressed
                ? dictionary.map(CompressionDictionaries.Compressing::id).orElse(null)
                : null;
        String algorithm = !compressed ? "none" : dictionaryId == null ? "zstd" : "zstd-dict:" + dictionaryId;
        return new EncodedMessage(
                storedRaw, raw == null ? 0 : raw.length, storedBodies, plainBodies.length, dictionaryId, algorithm);
    }

    /**
     * The original raw message of stored content; null for outbound mail. Call it in a transaction scoped to the
     * content's tenant when the row has a dictionary.
     */
    public byte[] decodeRaw(EncodedContent content) {
        if (content.raw() == null) {
            return null;
        }
        if (content.format() == LEGACY_FORMAT) {
            return Zstd.decompress(content.raw(), content.rawSize());
        }
        return decodeValue(content.raw(), content.rawSize(), content.dictionaryId());
    }

    /** The text, html and headers of stored content, either format; same transaction rule as {@link #decodeRaw}. */
    public Bodies decodeBodies(EncodedContent content) {
        if (content.format() == LEGACY_FORMAT) {
            return new Bodies(content.legacyText(), content.legacyHtml(), content.legacyHeaders());
        }
        return Bodies.deserialize(decodeValue(content.bodies(), content.bodySize(), content.dictionaryId()));
    }

    private byte[] encodeValue(byte[] value, Optional<CompressionDictionaries.Compressing> dictionary) {
        if (value.length >= config.minCompressBytes()) {
            byte[] compressed = dictionary.isPresent()
                    ? Zstd.compress(value, dictionary.get().dictionary())
                    : Zstd.compress(value, config.level());
            if (compressed.length < value.length) {
                return prefixed(ZSTD, compressed);
            }
        }
        return prefixed(STORED, value);
    }

    private byte[] decodeValue(byte[] stored, int originalSize, Long dictionaryId) {
        byte[] value = Arrays.copyOfRange(stored, 1, stored.length);
        if (stored[0] == STORED) {
            return value;
        }
        return dictionaryId == null
                ? Zstd.decompress(value, originalSize)
                : Zstd.decompress(value, dictionaries.decompressor(dictionaryId), originalSize);
    }

    private static byte[] prefixed(byte form, byte[] value) {
        byte[] result = new byte[value.length + 1];
        result[0] = form;
        System.arraycopy(value, 0, result, 1, value.length);
        return result;
    }

    /**
     * The text, html and headers (stored JSON) of a message.
     *
     * <p>Serialized as three length-prefixed UTF-8 strings (length -1 for null): no field can be mistaken for another
     * whatever it contains.
     */
    public record Bodies(String text, String html, String headersJson) {

        byte[] serialize() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                for (String field : new String[] {text, html, headersJson}) {
                    if (field == null) {
                        out.writeInt(-1);
                    } else {
                        byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
                        out.writeInt(utf8.length);
                        out.write(utf8);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }

        static Bodies deserialize(byte[] serialized) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                return new Bodies(field(in), field(in), field(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String field(DataInputStream in) throws IOException {
            int length = in.readInt();
            return length < 0 ? null : new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
    }
}
