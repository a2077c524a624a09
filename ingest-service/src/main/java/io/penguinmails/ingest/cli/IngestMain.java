package io.penguinmails.ingest.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;
import java.util.List;

/**
 * The entry point of {@code quarkus-run.jar}. Without arguments it is the ingest server, exactly as without a main
 * class: it runs until SIGTERM or Ctrl-C. {@code import ...} runs the bulk importer and exits with its result.
 */
@QuarkusMain
public class IngestMain implements QuarkusApplication {

    private final ImportCommand importCommand;

    IngestMain(ImportCommand importCommand) {
        this.importCommand = importCommand;
    }

    /** Starts Quarkus; a command first switches off what only the server needs. */
    public static void main(String... args) {
        if (args.length > 0) {
            commandMode();
        }
        Quarkus.run(IngestMain.class, args);
    }

    @Override
    public int run(String... args) {
        if (args.length == 0) {
            Quarkus.waitForExit();
            return 0;
        }
        if (ImportCommand.NAME.equals(args[0])) {
            List<String> rest = Arrays.asList(args).subList(1, args.length);
            return importCommand.run(rest, System.out, System.err);
        }
        System.err.println("unknown command " + args[0] + "; " + ImportCommand.USAGE);
        return ImportCommand.EXIT_USAGE;
    }

    /**
     * A command shares the host with a running server, so it binds no HTTP port, does not poll mailboxes or join the
     * {@code mailbox.changes} consumer group, and keeps stdout for its own output (logs go to stderr, warnings and
     * worse only). Settings given explicitly still win.
     */
    private static void commandMode() {
        System.getProperties().putIfAbsent("quarkus.http.host-enabled", "false");
        System.getProperties().putIfAbsent("penguin.ingest.imap.enabled", "false");
        System.getProperties().putIfAbsent("mp.messaging.incoming.mailbox-changes-in.enabled", "false");
        System.getProperties().putIfAbsent("quarkus.banner.enabled", "false");
        System.getProperties().putIfAbsent("quarkus.log.level", "WARN");
        System.getProperties().putIfAbsent("quarkus.log.console.json.enabled", "false");
        System.getProperties().putIfAbsent("quarkus.log.console.stderr", "true");
    }
}
