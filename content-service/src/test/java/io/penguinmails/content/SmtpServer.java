package io.penguinmails.content;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The SMTP server of the tests: GreenMail on a fixed local port, which a test can stop (the port then refuses
 * connections), start again, or replace by a server that rejects every recipient with 550.
 */
public final class SmtpServer {

    private final int port;
    private GreenMail greenMail;

    private SmtpServer(int port) {
        this.port = port;
    }

    /** A running GreenMail on a free port. */
    public static SmtpServer startOnFreePort() {
        SmtpServer server = new SmtpServer(freePort());
        server.start();
        return server;
    }

    /** The port the mailer is configured with. */
    public int port() {
        return port;
    }

    /** Starts GreenMail (with an empty mail store) unless it runs. */
    public synchronized void start() {
        if (greenMail == null) {
            greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            greenMail.start();
        }
    }

    /** Stops GreenMail: connections to the port are refused until {@link #start()}. */
    public synchronized void stop() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }

    /** The messages received since the last start with the given Message-ID header, one per recipient. */
    public synchronized List<MimeMessage> withMessageId(String messageId) {
        return Arrays.stream(greenMail.getReceivedMessages())
                .filter(m -> messageId.equals(header(m, "Message-ID")))
                .toList();
    }

    /**
     * Replaces GreenMail by a server that answers every RCPT TO with {@code 550 5.1.1}, until the returned handle is
     * closed (GreenMail then runs again).
     */
    public Rejecting rejectRecipients() {
        stop();
        return new Rejecting();
    }

    /** The first value of a header, or null. */
    public static String header(MimeMessage message, String name) {
        try {
            String[] values = message.getHeader(name);
            return values == null ? null : values[0];
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A minimal SMTP dialogue that accepts the connection and the sender and rejects every recipient. */
    public final class Rejecting implements AutoCloseable {

        private final ServerSocket socket;
        private final Thread thread;

        private Rejecting() {
            try {
                socket = new ServerSocket();
                socket.setReuseAddress(true);
                socket.bind(new java.net.InetSocketAddress("127.0.0.1", port));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            thread = new Thread(this::serve, "rejecting-smtp");
            thread.setDaemon(true);
            thread.start();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    // A client that keeps its connection open must not hold the next one in the accept queue.
                    Thread conversation = new Thread(() -> converseAndClose(client), "rejecting-smtp-client");
                    conversation.setDaemon(true);
                    conversation.start();
                } catch (IOException e) {
                    // the socket was closed by close(): end
                }
            }
        }

        private static void converseAndClose(Socket client) {
            try (client) {
                converse(client);
            } catch (IOException e) {
                // the client went away
            }
        }

        private static void converse(Socket client) throws IOException {
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = client.getOutputStream();
            reply(out, "220 rejecting.test ESMTP");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String command = line.length() < 4 ? line : line.substring(0, 4).toUpperCase(java.util.Locale.ROOT);
                switch (command) {
                    case "EHLO", "HELO", "MAIL", "RSET", "NOOP" -> reply(out, "250 OK");
                    case "RCPT" -> reply(out, "550 5.1.1 no such user here");
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 5.5.1 not implemented");
                }
            }
        }

        private static void reply(OutputStream out, String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.join(5000);
            start();
        }
    }
}
