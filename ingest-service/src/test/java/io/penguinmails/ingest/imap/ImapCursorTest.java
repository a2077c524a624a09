package io.penguinmails.ingest.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.penguinmails.ingest.service.imap.MailboxCursor;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ImapCursorTest {

    private static final MailboxCursor CURSOR = new MailboxCursor("INBOX", 1700000000L, 41, 41, 0, null, Instant.now());

    @Test
    void sameUidValidityContinuesAfterTheLastUid() {
        assertThat(CURSOR.nextUid(1700000000L)).isEqualTo(42);
    }

    @Test
    void anotherUidValidityStartsOverBecauseEveryUidIsNew() {
        assertThat(CURSOR.nextUid(1700000999L)).isEqualTo(1);
    }
}
