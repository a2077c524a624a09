package io.penguinmails.ingest.cli;

import io.penguinmails.ingest.service.importer.ImportReport;
import io.penguinmails.ingest.service.importer.ImportRequest;
import io.penguinmails.ingest.service.importer.ImportService;
import io.penguinmails.ingest.service.importer.NotAnMboxException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * {@code import FILE_OR_DIR --tenant UUID [--email-account-id ID] [--restart] [--wait-seconds N]}: imports an mbox
 * file, a Maildir or a folder of {@code .eml} files, draws progress on stderr and prints a summary on stdout.
 * Exit status 0 when every message is a published job, 1 when some were refused, died or are still pending, 2 on a
 * usage error.
 */
@ApplicationScoped
public class ImportCommand {

    /** The command's name, the first argument. */
    public static final String NAME = "import";

    /** How the command is called. */
    public static final String USAGE =
            "usage: import FILE_OR_DIR --tenant UUID [--email-account-id ID] [--restart]" + " [--wait-seconds N]";

    /** Exit status of a bad command line. */
    public static final int EXIT_USAGE = 2;

    private static final Duration DEFAULT_WAIT = Duration.ofMinutes(10);

    private final ImportService importer;

    ImportCommand(ImportService importer) {
        this.importer = importer;
    }

    /** Runs the command with the arguments after its name; returns the exit status. */
    public int run(List<String> args, PrintStream out, PrintStream err) {
        ImportRequest request;
        try {
            request = parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return EXIT_USAGE;
        }
        try {
            ImportReport report = importer.run(request, new ProgressBar(err));
            err.println();
            print(report, out);
            return report.complete() ? 0 : 1;
        } catch (IllegalArgumentException | NotAnMboxException | IOException e) {
            err.println("import failed: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("import interrupted; run it again to resume");
            return 1;
        }
    }

    /**
     * Reads the command line.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    static ImportRequest parse(List<String> args) {
        Path source = null;
        UUID tenant = null;
        String emailAccountId = null;
        boolean restart = false;
        Duration wait = DEFAULT_WAIT;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--tenant" -> tenant = tenant(value(args, ++i, arg));
                case "--email-account-id" -> emailAccountId = value(args, ++i, arg);
                case "--restart" -> restart = true;
                case "--wait-seconds" -> wait = seconds(value(args, ++i, arg));
                default -> source = source(source, arg);
            }
        }
        if (source == null || tenant == null) {
            throw new IllegalArgumentException("a source and --tenant are required");
        }
        return new ImportRequest(source, tenant, emailAccountId, restart, wait);
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    private static Path source(Path already, String arg) {
        if (arg.startsWith("--")) {
            throw new IllegalArgumentException("unknown option " + arg);
        }
        if (already != null) {
            throw new IllegalArgumentException("one source at a time; got " + already + " and " + arg);
        }
        return Path.of(arg);
    }

    private static UUID tenant(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--tenant must be a UUID, not " + value);
        }
    }

    private static Duration seconds(String value) {
        try {
            return Duration.ofSeconds(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--wait-seconds must be a number of seconds, not " + value);
        }
    }

    private static void print(ImportReport r, PrintStream out) {
        out.printf("imported %s (%s): %d messages read%n", r.source(), r.kind(), r.total());
        out.printf("  accepted    %d%n", r.accepted());
        out.printf("  duplicates  %d (accepted before)%n", r.duplicates());
        out.printf("  refused     %d%s%n", r.refused(), reasons(r.refusedByReason()));
        out.printf("  skipped     %d (finished by an earlier run)%n", r.skipped());
        out.printf("  published   %d, dead %d, still pending %d%n", r.published(), r.dead(), r.pending());
        r.refusals().forEach(refusal -> out.printf("  refused %s: %s%n", refusal.key(), refusal.reason()));
    }

    private static String reasons(Map<String, Long> byReason) {
        return byReason.isEmpty() ? "" : " " + new TreeMap<>(byReason);
    }
}
