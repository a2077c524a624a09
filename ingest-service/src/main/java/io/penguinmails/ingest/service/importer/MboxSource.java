package io.penguinmails.ingest.service.importer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The messages of an mbox file, keyed by their zero-padded position so keys sort in file order. */
final class MboxSource implements MessageSource {

    private final MboxReader reader;
    private final long fileSize;
    private final String resumeAfter;
    private long skipped;

    MboxSource(Path file, long maxMessageBytes, String resumeAfter) throws IOException {
        this.reader = new MboxReader(new BufferedInputStream(Files.newInputStream(file)), maxMessageBytes);
        this.fileSize = Math.max(1, Files.size(file));
        this.resumeAfter = resumeAfter;
    }

    @Override
    public Entry next() throws IOException {
        for (MboxReader.Entry entry = reader.next(); entry != null; entry = reader.next()) {
            String key = String.format("%010d", entry.index());
            if (resumeAfter != null && key.compareTo(resumeAfter) <= 0) {
                skipped++;
                continue;
            }
            return new Entry(key, entry.raw(), entry.size());
        }
        return null;
    }

    @Override
    public double progress() {
        return Math.min(1.0, (double) reader.bytesRead() / fileSize);
    }

    @Override
    public long skipped() {
        return skipped;
    }

    @Override
    public String kind() {
        return "mbox";
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
