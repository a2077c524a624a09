package io.penguinmails.content.repository;

import java.sql.SQLException;

/** A database call failed; the transaction rolls back. */
public class RepositoryException extends RuntimeException {

    public RepositoryException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
