package io.penguinmails.ingest.service.importer;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the bulk importer reads messages from: an mbox file, a Maildir ({@code cur/} and {@code new/}), a folder of
 * {@code .eml} files, or one {@code .eml} file. Entries come in a stable order with keys that sort in that order, so
 * an import can resume after the last key it finished.
 */
public interface MessageSource extends Closeable {

    /** The next entry after the resume point, or null at the end. */
    Entry next() throws IOException;

    /** How far through the source reading is, from 0 to 1. */
    double progress();

    /** Entries passed over because they were at or before the resume point. */
    long skipped();

    /** What kind of source this is: {@code mbox}, {@code maildir} or {@code eml}. */
    String kind();

    /**
     * Opens the source at a path.
     *
     * @param maxMessageBytes an entry larger than this is returned without its bytes
     * @param resumeAfter the key of the last entry a previous run finished, or null to start at the beginning
     * @throws IllegalArgumentException when the path is neither a file nor a directory
     */
    static MessageSource open(Path path, long maxMessageBytes, String resumeAfter) throws IOException {
        if (Files.isDirectory(path)) {
            boolean maildir = Files.isDirectory(path.resolve("cur")) || Files.isDirectory(path.resolve("new"));
            return maildir
                    ? FileListSource.maildir(path, maxMessageBytes, resumeAfter)
                    : FileListSource.emlFolder(path, maxMessageBytes, resumeAfter);
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no such file or directory: " + path);
        }
        if (path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".eml")) {
            return FileListSource.emlFile(path, maxMessageBytes, resumeAfter);
        }
        return new MboxSource(path, maxMessageBytes, resumeAfter);
    }

    /**
     * One message of a source.
     *
     * @param key its place in the source's order (an mbox position, a Maildir unique name, a file name)
     * @param raw its bytes; null when it is larger than the limit
     */
    record Entry(String key, byte[] raw, long size) {

        /** Whether the message exceeded the limit and its bytes were not read. */
        public boolean tooLarge() {
            return raw == null;
        }
    }
}
