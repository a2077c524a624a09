package io.penguinmails.ingest.service.importer;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits an mbox stream (RFC 4155) into its messages, one at a time, so a large file is never held whole in memory.
 *
 * <p>A message starts at a {@code From } line that opens the stream or follows an empty line; that line and the empty
 * line before it are framing, not message bytes. Body lines the writer quoted ({@code >From }, {@code >>From }, ...)
 * lose one {@code >}, as mboxrd readers do; the rest of the bytes, line endings included, are kept as they are. A
 * message larger than the limit is counted but not kept, so one huge entry cannot exhaust memory.
 */
public final class MboxReader implements Closeable {

    private static final byte[] FROM = {'F', 'r', 'o', 'm', ' '};

    private final InputStream in;
    private final long maxMessageBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private long bytesRead;
    private int index;
    private byte[] lookahead;

    /**
     * A reader of one mbox stream.
     *
     * @param maxMessageBytes a message with more bytes is returned without its bytes ({@link Entry#tooLarge()})
     */
    public MboxReader(InputStream in, long maxMessageBytes) {
        this.in = in;
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * The next message, or null at the end of the stream.
     *
     * @throws NotAnMboxException when the stream does not start with a {@code From } line
     */
    public Entry next() throws IOException {
        byte[] separator = lookahead != null ? lookahead : firstSeparator();
        if (separator == null) {
            return null;
        }
        lookahead = null;
        MessageBuffer message = new MessageBuffer(maxMessageBytes);
        readUntilNextSeparator(message);
        return message.toEntry(index++);
    }

    /**
     * Reads message lines up to the next separator, which is kept as the lookahead. An empty line is held back until
     * the line after it shows whether it is framing (before a From line, or at the end of the stream) or content.
     */
    private void readUntilNextSeparator(MessageBuffer message) throws IOException {
        byte[] heldEmptyLine = null;
        for (byte[] line = readLine(); line != null; line = readLine()) {
            if (heldEmptyLine != null && startsWithFrom(line, 0)) {
                lookahead = line;
                return;
            }
            if (heldEmptyLine != null) {
                message.write(heldEmptyLine);
                heldEmptyLine = null;
            }
            if (isEmptyLine(line)) {
                heldEmptyLine = line;
            } else {
                message.write(unquote(line));
            }
        }
    }

    /** Bytes consumed from the stream so far, for progress reports. */
    public long bytesRead() {
        return bytesRead;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private byte[] firstSeparator() throws IOException {
        if (index > 0) {
            return null;
        }
        byte[] line = readLine();
        while (line != null && isEmptyLine(line)) {
            line = readLine();
        }
        if (line == null) {
            return null;
        }
        if (!startsWithFrom(line, 0)) {
            throw new NotAnMboxException("an mbox starts with a \"From \" line; this one does not");
        }
        return line;
    }

    /** One line with its terminator; a line longer than the message limit keeps only its beginning. */
    private byte[] readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        long length = 0;
        while (true) {
            if (position == limit && !fill()) {
                break;
            }
            byte b = buffer[position++];
            length++;
            if (length <= maxMessageBytes + 1) {
                line.write(b);
            }
            if (b == '\n') {
                break;
            }
        }
        bytesRead += length;
        return length == 0 ? null : line.toByteArray();
    }

    private boolean fill() throws IOException {
        limit = in.read(buffer);
        position = 0;
        if (limit <= 0) {
            limit = 0;
            return false;
        }
        return true;
    }

    private static byte[] unquote(byte[] line) {
        int quotes = 0;
        while (quotes < line.length && line[quotes] == '>') {
            quotes++;
        }
        if (quotes == 0 || !startsWithFrom(line, quotes)) {
            return line;
        }
        byte[] unquoted = new byte[line.length - 1];
        System.arraycopy(line, 1, unquoted, 0, unquoted.length);
        return unquoted;
    }

    private static boolean startsWithFrom(byte[] line, int offset) {
        if (line.length - offset < FROM.length) {
            return false;
        }
        for (int i = 0; i < FROM.length; i++) {
            if (line[offset + i] != FROM[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isEmptyLine(byte[] line) {
        return (line.length == 1 && line[0] == '\n') || (line.length == 2 && line[0] == '\r' && line[1] == '\n');
    }

    /**
     * One message of the mbox.
     *
     * @param index its position in the file, from 0
     * @param raw its bytes; null when it is larger than the limit
     * @param size its size in bytes
     */
    public record Entry(int index, byte[] raw, long size) {

        /** Whether the message exceeded the limit and its bytes were not kept. */
        public boolean tooLarge() {
            return raw == null;
        }
    }

    /** The bytes of one message, dropped once they pass the limit. */
    private static final class MessageBuffer {
        private final long max;
        private ByteArrayOutputStream bytes = new ByteArrayOutputStream(8 * 1024);
        private long size;

        MessageBuffer(long max) {
            this.max = max;
        }

        void write(byte[] line) {
            size += line.length;
            if (bytes != null && size <= max) {
                bytes.writeBytes(line);
            } else {
                bytes = null;
            }
        }

        Entry toEntry(int index) {
            return new Entry(index, bytes == null ? null : bytes.toByteArray(), size);
        }
    }
}
