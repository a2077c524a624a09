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
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal SMTP server for tests and benchmarks: accepts every message (keeping its recipients and raw text unless
 * told to count only), and answers {@code RCPT TO} of the given addresses with a permanent 550. It can also defer
 * recipients with a greylisting 451 a number of times ({@link #defer}) and require {@code AUTH PLAIN} with one
 * user and password, answering any other credentials with 535 ({@link #requireAuth}).
 */
public final class SmtpSink implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool();
    private final Set<String> rejected;
    private final boolean keep;
    private final ConcurrentLinkedQueue<Received> messages = new ConcurrentLinkedQueue<>();
    private final AtomicLong count = new AtomicLong();
    private final Map<String, Integer> deferrals = new ConcurrentHashMap<>();
    private volatile String requiredAuth;

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

    /** Answers the next {@code times} {@code RCPT TO} of the address with {@code 451 4.7.1}, as greylisting does. */
    public void defer(String address, int times) {
        deferrals.put(address.toLowerCase(Locale.ROOT), times);
    }

    /** Advertises {@code AUTH PLAIN} and accepts only this user and password; other credentials get 535 5.7.8. */
    public void requireAuth(String username, String password) {
        requiredAuth = "\0" + username + "\0" + password;
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
            boolean authenticated = requiredAuth == null;
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO")) {
                    reply(
                            out,
                            requiredAuth == null
                                    ? "250-sink\r\n250 8BITMIME"
                                    : "250-sink\r\n250-8BITMIME\r\n250 AUTH PLAIN");
                } else if (command.startsWith("AUTH PLAIN")) {
                    authenticated = authenticate(line, in, out);
                } else if (command.startsWith("MAIL FROM:") && !authenticated) {
                    reply(out, "530 5.7.0 Authentication required");
                } else if (command.startsWith("RCPT TO:")) {
                    recipient(line.substring(line.indexOf('<') + 1, line.lastIndexOf('>')), recipients, out);
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

    private void recipient(String address, List<String> recipients, OutputStream out) throws IOException {
        String key = address.toLowerCase(Locale.ROOT);
        Integer deferralsLeft = deferrals.computeIfPresent(key, (k, n) -> n - 1);
        if (rejected.contains(key)) {
            reply(out, "550 5.1.1 <" + address + ">: Recipient address rejected: User unknown");
        } else if (deferralsLeft != null && deferralsLeft >= 0) {
            reply(out, "451 4.7.1 <" + address + ">: Recipient address rejected: Greylisted, try later");
        } else {
            recipients.add(address);
            reply(out, "250 2.1.5 OK");
        }
    }

    /** Checks {@code AUTH PLAIN} with its initial response, or with the response sent after an empty 334. */
    private boolean authenticate(String line, BufferedReader in, OutputStream out) throws IOException {
        String[] parts = line.split(" ");
        String response = parts.length > 2 ? parts[2] : null;
        if (response == null) {
            reply(out, "334 ");
            response = in.readLine();
        }
        String decoded = new String(Base64.getDecoder().decode(response.strip()), StandardCharsets.UTF_8);
        // authzid NUL user NUL password; clients may send the user as authzid too.
        if (requiredAuth != null && decoded.endsWith(requiredAuth)) {
            reply(out, "235 2.7.0 Authentication successful");
            return true;
        }
        reply(out, "535 5.7.8 Error: authentication failed: Invalid user name or password");
        return false;
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
