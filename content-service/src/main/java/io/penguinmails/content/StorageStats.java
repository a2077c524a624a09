package io.penguinmails.content;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.List;

/**
 * How much a tenant stores and what compression and deduplication save.
 *
 * @param rawBytes original size of the raw messages (of the rendered bodies for outbound mail)
 * @param storedBytes their size as stored (zstd-compressed raw)
 * @param savedRatio {@code 1 - stored/raw}, 0 when nothing is stored
 * @param bodyBytes on-disk size of text, html and headers (PostgreSQL compresses large values itself)
 */
public record StorageStats(
        @JsonProperty("messages") long messages,
        @JsonProperty("raw_bytes") long rawBytes,
        @JsonProperty("stored_bytes") long storedBytes,
        @JsonProperty("saved_ratio") double savedRatio,
        @JsonProperty("body_bytes") long bodyBytes,
        @JsonProperty("contents") Contents contents,
        @JsonProperty("attachments") Attachments attachments,
        @JsonProperty("days") List<Day> days) {

    /**
     * Message content (raw message and bodies, encoded) as messages have it and as it is stored once per tenant and
     * content hash; messages stored before deduplication keep their own copy and are not counted here.
     *
     * @param bytes what the messages' content takes encoded, each counted as if it had its own copy
     * @param stored distinct contents stored
     * @param storedBytes what they take
     * @param dedupSavedBytes bytes not stored because identical content already was
     */
    public record Contents(
            @JsonProperty("bytes") long bytes,
            @JsonProperty("stored") long stored,
            @JsonProperty("stored_bytes") long storedBytes,
            @JsonProperty("dedup_saved_bytes") long dedupSavedBytes) {}

    /**
     * Attachments as messages list them and as blobs store them once per SHA-256.
     *
     * @param dedupSavedBytes bytes not stored because an identical attachment already was
     */
    public record Attachments(
            @JsonProperty("count") long count,
            @JsonProperty("bytes") long bytes,
            @JsonProperty("blobs") long blobs,
            @JsonProperty("stored_bytes") long storedBytes,
            @JsonProperty("dedup_saved_bytes") long dedupSavedBytes) {}

    /** One UTC day of stored messages. */
    public record Day(
            @JsonProperty("day") LocalDate day,
            @JsonProperty("messages") long messages,
            @JsonProperty("raw_bytes") long rawBytes,
            @JsonProperty("stored_bytes") long storedBytes) {}

    /** The share of bytes compression saved, to four decimals. */
    public static double savedRatio(long raw, long stored) {
        return raw == 0 ? 0 : Math.round((1 - (double) stored / raw) * 10_000) / 10_000.0;
    }
}
