package io.penguinmails.content.service;

import com.github.luben.zstd.Zstd;
import io.penguinmails.content.config.ContentConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** Compresses stored raw messages with zstd and restores them byte for byte. */
@ApplicationScoped
public class RawCompressor {

    /** The value recorded in {@code email_content.compression_algorithm}. */
    public static final String ALGORITHM = "zstd";

    private final ContentConfig config;

    RawCompressor(ContentConfig config) {
        this.config = config;
    }

    /** The compressed form of some bytes. */
    public byte[] compress(byte[] raw) {
        return Zstd.compress(raw, config.compressionLevel());
    }

    /** The original bytes of a compressed form whose original size is known. */
    public byte[] decompress(byte[] compressed, int originalSize) {
        return Zstd.decompress(compressed, originalSize);
    }
}
