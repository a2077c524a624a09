package io.penguinmails.analytics.service;

/** A rebuild was asked for while another one runs in this instance. */
public class RebuildRunningException extends RuntimeException {

    RebuildRunningException() {
        super("a rebuild is already running");
    }
}
