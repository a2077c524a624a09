package io.penguinmails.campaign.repository;

import java.sql.SQLException;

/** A database call failed; the surrounding transaction rolls back. */
public class DataAccessException extends RuntimeException {

    public DataAccessException(String operation, SQLException cause) {
        super(operation + " failed: " + cause.getMessage(), cause);
    }
}
