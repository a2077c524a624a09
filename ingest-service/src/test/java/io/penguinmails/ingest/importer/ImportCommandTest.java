package io.penguinmails.ingest.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.penguinmails.ingest.IngestTestResource;
import io.penguinmails.ingest.cli.ImportCommand;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The {@code import} command as the packaged jar runs it, with its output captured. */
@QuarkusTest
@QuarkusTestResource(
        value = IngestTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_queue_test"))
class ImportCommandTest {

    @Inject
    ImportCommand command;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void printsProgressAndASummaryAndExitsOneWhenAMessageWasRefused() {
        String mbox = ImportServiceTest.path("mbox/archive.mbox").toString();
        int status = run(mbox, "--tenant", UUID.randomUUID().toString(), "--wait-seconds", "30");

        assertThat(status).isEqualTo(1);
        assertThat(text(out))
                .contains("(mbox): 4 messages read")
                .contains("accepted    3")
                .contains("refused     1 {not a message=1}")
                .contains("published   3, dead 0, still pending 0")
                .contains("refused 0000000003: not a message");
        assertThat(text(err))
                .contains("reading")
                .contains("publishing")
                .contains("100%")
                .contains("3 of 3 jobs");
    }

    @Test
    void exitsZeroWhenEveryMessageIsPublished() {
        String maildir = ImportServiceTest.path("maildir").toString();
        int status = run(maildir, "--tenant", UUID.randomUUID().toString(), "--email-account-id", "acct-1");

        assertThat(status).isZero();
        assertThat(text(out)).contains("(maildir): 3 messages read").contains("accepted    3");
    }

    @Test
    void badCommandLinesExitTwoWithTheUsage() {
        assertThat(run("archive.mbox")).isEqualTo(2);
        assertThat(text(err)).contains("--tenant are required").contains(ImportCommand.USAGE);
        assertThat(run("archive.mbox", "--tenant", "acme")).isEqualTo(2);
        assertThat(text(err)).contains("--tenant must be a UUID");
        assertThat(run("archive.mbox", "--tenant", UUID.randomUUID().toString(), "--fast"))
                .isEqualTo(2);
        assertThat(text(err)).contains("unknown option --fast");
    }

    @Test
    void aMissingSourceFailsWithItsName() {
        assertThat(run(
                        "/nonexistent/archive.mbox",
                        "--tenant",
                        UUID.randomUUID().toString()))
                .isEqualTo(1);
        assertThat(text(err)).contains("import failed: no such file or directory: /nonexistent/archive.mbox");
    }

    private int run(String... args) {
        return command.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
