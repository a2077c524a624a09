package io.penguinmails.campaign.repository;

import java.sql.SQLException;

/**
 * A change broke an integrity constraint (a duplicate of a unique value, or a row others still refer to); the API
 * answers it with 409.
 */
public class ConflictException extends RuntimeException {

    private static final String INTEGRITY_VIOLATION_CLASS = "23";

    public ConflictException(String message, SQLException cause) {
        super(message, cause);
    }

    /** Whether the failure is an integrity constraint violation (SQLSTATE class 23). */
    static boolean isConflict(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith(INTEGRITY_VIOLATION_CLASS);
    }
}
