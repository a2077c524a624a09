package io.penguinmails.content.repository;

import io.penguinmails.content.MessageFilter;
import io.penguinmails.content.MessageSummary;
import io.penguinmails.content.config.ContentConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGStatement;

/**
 * Lists and threads a tenant's messages. Every value reaches the database as a bound parameter; only fixed SQL
 * fragments are concatenated, so no filter value can change the statement.
 *
 * <p>Filters compare plain columns with leakproof operators wherever an index is meant to serve them: under row-level
 * security any other condition is checked after the policy, never as an index condition (migration V5).
 */
@ApplicationScoped
public class MessageQueryRepository {

    private static final String SUMMARY_COLUMNS = "m.storage_key, m.email_account_id, m.campaign_id, m.lead_id,"
            + " m.step_id, m.direction, m.message_type, m.status, m.message_id, m.in_reply_to, m.from_email,"
            + " m.from_name, m.to_emails::text, m.subject, m.sent_date, m.received_at, m.created";

    /** Every Message-ID a message names: its own, the one it answers and those it references. */
    private static final String IDS =
            "array_remove(array_append(m.references_ids || m.in_reply_to, m.message_id), NULL)";

    private static final String MATCHES = "c.search_tsv @@ websearch_to_tsquery('simple', ?)";
    private static final String WITH_CONTENT = " JOIN email_content c ON c.storage_key = m.storage_key";
    private static final String NEWEST = " ORDER BY m.received_at DESC, m.storage_key DESC LIMIT ?";

    private final DataSource dataSource;
    private final ContentConfig.Search search;

    MessageQueryRepository(DataSource dataSource, ContentConfig config) {
        this.dataSource = dataSource;
        this.search = config.search();
    }

    /**
     * One page of a tenant's messages matching the filter, newest first by {@code received_at} (when the message
     * reached the system, or was sent), the column a date window bounds: every list index ends with it, so a window
     * of any age is one index range, and mail imported late takes its place in time rather than the top of the list.
     */
    public List<MessageSummary> list(MessageFilter f) {
        if (f.query() == null) {
            return page(f, "", filters(f));
        }
        List<MessageSummary> recent = searchAmongNewest(f);
        if (recent != null) {
            return recent;
        }
        String[] fewHits = fewSearchHits(f);
        Where where = filters(f);
        if (fewHits != null) {
            where.add("m.storage_key = ANY (?)", (Object) fewHits);
            return page(f, "", where);
        }
        where.add(MATCHES, f.query());
        return page(f, WITH_CONTENT, where);
    }

    private List<MessageSummary> page(MessageFilter f, String join, Where where) {
        String sql = "SELECT " + SUMMARY_COLUMNS + " FROM email_messages m" + join + " WHERE " + where.sql() + NEWEST;
        where.params.add(f.limit());
        return query(sql, where.params, MessageQueryRepository::summary);
    }

    /**
     * A search page from the newest messages that pass the other filters, read lazily: first the newest
     * {@code walk} (2,000), then, when those held at least a quarter of a page, {@code walk-further} (8,000) more. A
     * full page is the answer, since the pages are in that same order (a word that common is found within a short
     * walk, while the full-text index would hand over all its matches unordered), and so is a short one when the walk
     * read every message that passes the other filters. Otherwise null: the search goes on to {@link #fewSearchHits}.
     */
    private List<MessageSummary> searchAmongNewest(MessageFilter f) {
        List<MessageSummary> found = new ArrayList<>(searchWindow(f, 0, search.walk(), f.limit()));
        int walked = search.walk();
        if (found.size() < f.limit() && found.size() * 4 >= f.limit()) {
            found.addAll(searchWindow(f, walked, search.walkFurther(), f.limit() - found.size()));
            walked += search.walkFurther();
        }
        return found.size() == f.limit() || passingFilters(f, walked + 1) <= walked ? found : null;
    }

    /** How many messages pass the filter without its words, counted up to a bound. */
    private int passingFilters(MessageFilter f, int atMost) {
        Where where = filters(f);
        String sql = "SELECT count(*) FROM (SELECT 1 FROM email_messages m WHERE " + where.sql() + " LIMIT ?) x";
        where.params.add(atMost);
        return query(sql, where.params, rs -> rs.getInt(1)).get(0);
    }

    /**
     * The matches among a window of the newest messages. The match is a subquery per row, which PostgreSQL cannot turn
     * into a join: as a join, the planner could fetch every match of a common word from the index and hash them, where
     * testing the window's rows one by one stops as soon as the page is full.
     */
    private List<MessageSummary> searchWindow(MessageFilter f, int skip, int rows, int limit) {
        Where where = filters(f);
        String sql = "WITH q AS (SELECT websearch_to_tsquery('simple', ?) AS words) SELECT " + SUMMARY_COLUMNS
                + " FROM (SELECT m.* FROM email_messages m WHERE " + where.sql() + NEWEST + " OFFSET ?) m"
                + " WHERE (SELECT c.search_tsv @@ q.words FROM email_content c, q WHERE c.storage_key = m.storage_key)"
                + NEWEST;
        List<Object> params = new ArrayList<>();
        params.add(f.query());
        params.addAll(where.params);
        params.addAll(List.of(rows, skip, limit));
        return query(sql, params, MessageQueryRepository::summary);
    }

    private static Where filters(MessageFilter f) {
        Where where = new Where(f.tenantId());
        where.equal("m.email_account_id", f.emailAccountId());
        where.equal("m.campaign_id", f.campaignId());
        where.equal("m.lead_id", f.leadId());
        where.equal("m.direction", f.direction());
        where.equal("m.message_type", f.messageType());
        where.equal("m.status", f.status());
        where.add("m.received_at >= ?", timestamp(f.since()));
        where.add("m.received_at < ?", timestamp(f.until()));
        where.add("m.from_email COLLATE penguin_case_insensitive = ?", f.fromAddress());
        where.add("email_addresses(m.to_emails) @> ARRAY[lower(?)]", f.toAddress());
        if (f.after() != null) {
            where.add(
                    "(m.received_at, m.storage_key) < (?, ?)",
                    timestamp(f.after().receivedAt()),
                    f.after().storageKey());
        }
        return where;
    }

    /**
     * The keys of a search's matches when they are few ({@code sorted-hits}, 5,000, at most), else null. The
     * full-text index knows no order, and the planner cannot tell whether a tenant's matches are recent: walking the
     * newest-first index and testing each row took seconds for a word found in 1 % of the rows, all old. So when the
     * newest messages did not fill a page, the matches are fetched from the index and a few are sorted; only many,
     * spread over older mail, are walked. Within a campaign the index is asked for the campaign's term too (see
     * {@link CampaignSearchTerm}), so that a word common in the tenant but rare in the campaign counts as few.
     */
    private String[] fewSearchHits(MessageFilter f) {
        List<Object> params = new ArrayList<>(List.of(f.tenantId(), f.query()));
        String sql = "SELECT c.storage_key FROM email_content c WHERE c.tenant_id = ?"
                + " AND c.search_tsv @@ websearch_to_tsquery('simple', ?)";
        if (f.campaignId() != null) {
            sql += " AND c.search_tsv @@ ?::tsquery";
            params.add(CampaignSearchTerm.query(f.campaignId()));
        }
        params.add(search.sortedHits() + 1);
        List<String> keys = query(sql + " LIMIT ?", params, rs -> rs.getString(1));
        return keys.size() > search.sortedHits() ? null : keys.toArray(String[]::new);
    }

    /**
     * The conversation of a tenant's message, oldest first: every message linked to it through Message-ID,
     * In-Reply-To and References, followed transitively (outbound mail carries no In-Reply-To, so a campaign's
     * first and second step are linked only through the reply that references both). Empty when the tenant has no
     * such message.
     */
    public List<MessageSummary> thread(UUID tenantId, String storageKey) {
        String sql = "WITH RECURSIVE linked (storage_key, ids) AS ("
                + " SELECT m.storage_key, " + IDS + " FROM email_messages m WHERE m.tenant_id = ? AND m.storage_key = ?"
                + " UNION SELECT m.storage_key, " + IDS + " FROM email_messages m JOIN linked l ON m.tenant_id = ?"
                + " AND (m.message_id = ANY (l.ids) OR m.in_reply_to = ANY (l.ids) OR m.references_ids && l.ids))"
                + " SELECT " + SUMMARY_COLUMNS + " FROM email_messages m WHERE m.tenant_id = ?"
                + " AND m.storage_key IN (SELECT storage_key FROM linked)"
                + " ORDER BY coalesce(m.sent_date, m.received_at, m.created), m.created, m.storage_key";
        return query(sql, List.of(tenantId, storageKey, tenantId, tenantId), MessageQueryRepository::summary);
    }

    private <T> List<T> query(String sql, List<Object> params, Row<T> row) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            plannedWithItsValues(ps);
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            List<T> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(row.read(rs));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }

    /** Reads the current row of a result. */
    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /**
     * A server-side prepared statement is planned once for any values after a few runs, and such a generic plan
     * cannot know whether a search word or a date window is rare: it walks the newest-first index and filters,
     * which took seconds for a rare word over a million messages. Unnamed statements are planned with their values.
     */
    private static void plannedWithItsValues(PreparedStatement ps) throws SQLException {
        ps.unwrap(PGStatement.class).setPrepareThreshold(0);
    }

    private static MessageSummary summary(ResultSet rs) throws SQLException {
        return new MessageSummary(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11),
                rs.getString(12),
                rs.getString(13),
                rs.getString(14),
                instant(rs.getTimestamp(15)),
                instant(rs.getTimestamp(16)),
                instant(rs.getTimestamp(17)));
    }

    /** As timestamptz, so that the JVM's time zone plays no part in the comparison. */
    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    /** A conjunction of fixed SQL fragments and their bound values; a fragment whose value is null is left out. */
    private static final class Where {

        private final List<String> clauses = new ArrayList<>();
        private final List<Object> params = new ArrayList<>();

        Where(UUID tenantId) {
            add("m.tenant_id = ?", tenantId);
        }

        void equal(String column, String value) {
            add(column + " = ?", value);
        }

        void add(String clause, Object... values) {
            if (values[0] == null) {
                return;
            }
            clauses.add(clause);
            params.addAll(List.of(values));
        }

        String sql() {
            return String.join(" AND ", clauses);
        }
    }
}
