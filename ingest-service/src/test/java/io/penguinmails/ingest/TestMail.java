package io.penguinmails.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the project's sample messages from {@code src/test/resources/mail}. */
public final class TestMail {

    private TestMail() {}

    /** The bytes of a sample, exactly as stored. */
    public static byte[] bytes(String name) {
        try (InputStream in = TestMail.class.getClassLoader().getResourceAsStream("mail/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample mail/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
