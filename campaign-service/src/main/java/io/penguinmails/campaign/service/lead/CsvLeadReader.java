package io.penguinmails.campaign.service.lead;

import io.penguinmails.campaign.service.EmailSyntax;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Reads a lead CSV row by row: a header row, then data rows (comma- or, when the header has no comma, semicolon-
 * separated; UTF-8 with or without BOM). Each row is either a {@link LeadRow} or a reject with its reason. Values are
 * stripped and kept verbatim as text: a value such as {@code =HYPERLINK(...)} is never evaluated, and is stored as the
 * text it is (see docs/campaign.md on formula injection). An address seen earlier in the file is rejected as a
 * duplicate, so reading the file again from the start (a resumed import) rejects exactly the same rows.
 */
public final class CsvLeadReader implements AutoCloseable {

    private static final int MAX_RAW = 500;
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final CsvColumns columns;
    private final Map<String, Integer> firstRowOfEmail = new HashMap<>();
    private int row;

    private CsvLeadReader(CSVParser parser, CsvColumns columns) {
        this.parser = parser;
        this.records = parser.iterator();
        this.columns = columns;
    }

    /**
     * A reader positioned before the first data row.
     *
     * @throws IllegalArgumentException when the body has no header row, the header has no e-mail column or the
     *     mapping names a column the header lacks
     */
    public static CsvLeadReader open(byte[] body, Map<String, String> mapping) {
        try {
            CSVParser parser = format(body).parse(reader(body));
            if (parser.getHeaderNames().isEmpty()) {
                parser.close();
                throw new IllegalArgumentException("the CSV has no header row");
            }
            return new CsvLeadReader(parser, CsvColumns.of(parser.getHeaderNames(), mapping));
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("the CSV header cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Checks that the body starts with a usable header for the mapping, without reading the rows.
     *
     * @throws IllegalArgumentException as {@link #open} does
     */
    public static void checkHeader(byte[] body, Map<String, String> mapping) {
        open(body, mapping).close();
    }

    /** Whether another data row follows. */
    public boolean hasNext() {
        return records.hasNext();
    }

    /**
     * The next data row.
     *
     * @throws UncheckedIOException when the CSV is malformed there (e.g. an unclosed quote)
     */
    public ReadRow next() {
        CSVRecord record = records.next();
        row++;
        String raw = raw(record);
        Map<String, String> fields = fields(record);
        String email = fields.remove("email");
        if (email == null) {
            return ReadRow.reject(row, "missing e-mail", raw);
        }
        if (!EmailSyntax.isValid(email)) {
            return ReadRow.reject(row, "invalid e-mail syntax: " + email, raw);
        }
        String address = EmailSyntax.normalise(email);
        Integer first = firstRowOfEmail.putIfAbsent(address, row);
        if (first != null) {
            return ReadRow.reject(row, "duplicate e-mail in the file (first at row " + first + ")", raw);
        }
        String timezone = fields.remove("timezone");
        if (timezone != null && !isZone(timezone)) {
            firstRowOfEmail.remove(address);
            return ReadRow.reject(row, "invalid time zone id: " + timezone, raw);
        }
        return ReadRow.lead(row, toLead(address, timezone, fields), raw);
    }

    /** The number of data rows read so far. */
    public int rowsRead() {
        return row;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts the data rows of a body (after its header). */
    public static int countRows(byte[] body) {
        try (CSVParser parser = format(body).parse(reader(body))) {
            int count = 0;
            for (Iterator<CSVRecord> it = parser.iterator(); it.hasNext(); it.next()) {
                count++;
            }
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, String> fields(CSVRecord record) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < record.size(); i++) {
            String target = columns.target(i);
            String value = record.get(i).strip();
            if (!target.equals(CsvColumns.IGNORE) && !value.isEmpty()) {
                // The first non-blank column wins when two columns feed the same field.
                fields.putIfAbsent(target, value);
            }
        }
        return fields;
    }

    private static LeadRow toLead(String email, String timezone, Map<String, String> fields) {
        String firstName = fields.remove("first_name");
        String lastName = fields.remove("last_name");
        String company = fields.remove("company");
        String position = fields.remove("position");
        return new LeadRow(email, firstName, lastName, company, position, timezone, fields);
    }

    private static boolean isZone(String id) {
        try {
            ZoneId.of(id);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static String raw(CSVRecord record) {
        String joined = String.join(",", record.values());
        return joined.length() <= MAX_RAW ? joined : joined.substring(0, MAX_RAW) + "...";
    }

    private static CSVFormat format(byte[] body) {
        return CSVFormat.DEFAULT
                .builder()
                .setDelimiter(delimiter(body))
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setAllowMissingColumnNames(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
                .get();
    }

    private static char delimiter(byte[] body) {
        int end = 0;
        while (end < body.length && body[end] != '\n') {
            end++;
        }
        String header = new String(body, 0, end, StandardCharsets.UTF_8);
        return header.indexOf(',') < 0 && header.indexOf(';') >= 0 ? ';' : ',';
    }

    private static Reader reader(byte[] body) {
        int offset = hasBom(body) ? BOM.length : 0;
        return new InputStreamReader(
                new ByteArrayInputStream(body, offset, body.length - offset), StandardCharsets.UTF_8);
    }

    private static boolean hasBom(byte[] body) {
        return body.length >= BOM.length && body[0] == BOM[0] && body[1] == BOM[1] && body[2] == BOM[2];
    }

    /**
     * One data row: a lead to store or a reject.
     *
     * @param lead null for a reject
     * @param reason null for a lead
     */
    public record ReadRow(int row, LeadRow lead, String reason, String raw) {

        static ReadRow lead(int row, LeadRow lead, String raw) {
            return new ReadRow(row, lead, null, raw);
        }

        static ReadRow reject(int row, String reason, String raw) {
            return new ReadRow(row, null, reason, raw);
        }
    }
}
