package io.penguinmails.analytics.repository;

import io.penguinmails.analytics.Engagement;
import io.penguinmails.analytics.TableSet;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/** The {@code unique_engagements} table: the first open and the first click of each message. */
@ApplicationScoped
public class UniqueEngagementRepository {

    private static final String FIRST =
            """
            INSERT INTO %s (tenant_id, engagement_type, message_key, first_at)
            SELECT * FROM unnest(CAST(? AS UUID[]), CAST(? AS TEXT[]), CAST(? AS TEXT[]), CAST(? AS TIMESTAMPTZ[]))
            ON CONFLICT (tenant_id, engagement_type, message_key) DO NOTHING
            RETURNING tenant_id, engagement_type, message_key
            """;

    private final DataSource dataSource;

    UniqueEngagementRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * An engagement and when it happened.
     *
     * @param engagement the message and the kind of engagement
     * @param at when it happened
     */
    public record Hit(Engagement engagement, Instant at) {}

    /**
     * Records engagements with messages; call it in the transaction that counts them. The engagements must be
     * distinct.
     *
     * @return the engagements that are their message's first of their type; the others are repeats
     */
    public Set<Engagement> firsts(TableSet tables, List<Hit> hits) {
        if (hits.isEmpty()) {
            return Set.of();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement(FIRST.formatted(tables.of("unique_engagements")))) {
            statement.setArray(
                    1, SqlArrays.text(connection, hits, hit -> hit.engagement().tenantId()));
            statement.setArray(
                    2, SqlArrays.text(connection, hits, hit -> hit.engagement().type()));
            statement.setArray(
                    3, SqlArrays.text(connection, hits, hit -> hit.engagement().messageKey()));
            statement.setArray(4, SqlArrays.text(connection, hits, Hit::at));
            return readEngagements(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("recording " + hits.size() + " engagements failed", e);
        }
    }

    private static Set<Engagement> readEngagements(PreparedStatement statement) throws SQLException {
        Set<Engagement> firsts = new HashSet<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                firsts.add(new Engagement(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3)));
            }
        }
        return firsts;
    }
}
