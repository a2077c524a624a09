package io.penguinmails.content.repository;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A message's content as {@code email_content} stores it, before decoding.
 *
 * @param format 1: raw is a bare zstd frame and the bodies are the plain columns; 2: raw and bodies are encoded
 *     values (a form byte, then the value, compressed with the row's dictionary if it has one); 3: as 2, the values
 *     and their dictionary read from the tenant's {@code shared_contents} row of the content hash
 * @param raw the stored raw message; null for outbound mail
 * @param rawSize the raw message's original size
 * @param bodySize the original size of the encoded bodies
 * @param dictionaryId the dictionary of the row's compressed values, null for none
 */
public record EncodedContent(
        int format,
        byte[] raw,
        int rawSize,
        byte[] bodies,
        int bodySize,
        Long dictionaryId,
        String legacyText,
        String legacyHtml,
        String legacyHeaders) {

    /**
     * The columns of {@code email_content c} and {@code shared_contents s} this record is read from, in order; the
     * query joins them with {@link #SHARED}.
     */
    public static final String COLUMNS = "c.storage_format, coalesce(c.raw_message, s.raw_message), c.raw_size_bytes,"
            + " coalesce(c.bodies, s.bodies), c.body_size_bytes, coalesce(c.dictionary_id, s.dictionary_id),"
            + " c.content_text, c.content_html, c.headers::text";

    /** Joins the shared content of a format 3 row of {@code email_content c} (no row for older formats). */
    public static final String SHARED = " LEFT JOIN shared_contents s ON c.storage_format = 3"
            + " AND s.tenant_id = c.tenant_id AND s.content_hash = c.content_hash";

    /**
     * {@link #COLUMNS} with a null raw message, for reads that show a message rather than return its bytes: the raw
     * message is the largest value of a row and lives out of line, so leaving it out saves reading it back.
     */
    public static final String COLUMNS_WITHOUT_RAW =
            COLUMNS.replace("coalesce(c.raw_message, s.raw_message)", "NULL::bytea");

    /**
     * Reads the columns of {@link #COLUMNS} starting at a column index.
     */
    static EncodedContent read(ResultSet rs, int first) throws SQLException {
        long dictionary = rs.getLong(first + 5);
        Long dictionaryId = rs.wasNull() ? null : dictionary;
        return new EncodedContent(
                rs.getInt(first),
                rs.getBytes(first + 1),
                rs.getInt(first + 2),
                rs.getBytes(first + 3),
                rs.getInt(first + 4),
                dictionaryId,
                rs.getString(first + 6),
                rs.getString(first + 7),
                rs.getString(first + 8));
    }
}
