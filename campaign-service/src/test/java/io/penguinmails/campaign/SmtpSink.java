package io.penguinmails.campaign;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal SMTP server for tests and benchmarks: accepts every message (keeping its recipients and raw text unless
 * told to count only), and answers {@code RCPT TO} of the given addresses with a permanent 550.
 */
public final class SmtpSink implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool();
    private final Set<String> rejected;
    private final boolean keep;
    private final ConcurrentLinkedQueue<Received> messages = new ConcurrentLinkedQueue<>();
    private final AtomicLong count = new AtomicLong();

    /** A message as received. */
    public record Received(List<String> recipients, String raw) {}

    private SmtpSink(Set<String> rejected, boolean keep) throws IOException {
        this.rejected = rejected;
        this.keep = keep;
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        connections.submit(this::acceptLoop);
    }

    /** Starts a sink on a free loopback port. */
    public static SmtpSink start(Set<String> rejectedRecipients, boolean keepMessages) {
        try {
            return new SmtpSink(rejectedRecipients, keepMessages);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Its port. */
    public int port() {
        return server.getLocalPort();
    }

    /** The messages kept so far. */
    public List<Received> messages() {
        return new ArrayList<>(messages);
    }

    /** How many messages it accepted. */
    public long count() {
        return count.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.submit(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket;
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                OutputStream out = socket.getOutputStream()) {
            reply(out, "220 sink ready");
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO")) {
                    reply(out, "250-sink\r\n250 8BITMIME");
                } else if (command.startsWith("RCPT TO:")) {
                    String address = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'));
                    if (rejected.contains(address.toLowerCase(Locale.ROOT))) {
                        reply(out, "550 5.1.1 <" + address + ">: Recipient address rejected: User unknown");
                    } else {
                        recipients.add(address);
                        reply(out, "250 2.1.5 OK");
                    }
                } else if (command.startsWith("DATA")) {
                    reply(out, "354 go ahead");
                    String raw = readData(in);
                    count.incrementAndGet();
                    if (keep) {
                        messages.add(new Received(List.copyOf(recipients), raw));
                    }
                    recipients.clear();
                    reply(out, "250 2.0.0 queued");
                } else if (command.startsWith("RSET") || command.startsWith("MAIL FROM:")) {
                    recipients.clear();
                    reply(out, "250 OK");
                } else if (command.startsWith("QUIT")) {
                    reply(out, "221 bye");
                    return;
                } else {
                    reply(out, "250 OK");
                }
            }
        } catch (IOException e) {
            // The client went away; nothing to keep.
        }
    }

    private static String readData(BufferedReader in) throws IOException {
        StringBuilder raw = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null && !line.equals(".")) {
            raw.append(line.startsWith("..") ? line.substring(1) : line).append("\r\n");
        }
        return raw.toString();
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        connections.shutdownNow();
    }
}
