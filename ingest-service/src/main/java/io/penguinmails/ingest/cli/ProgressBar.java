package io.penguinmails.ingest.cli;

import io.penguinmails.ingest.service.importer.ImportProgress;
import io.penguinmails.ingest.service.importer.ImportReport;
import java.io.PrintStream;

/**
 * A one-line text progress bar redrawn in place ({@code \r}) on stderr, at most ten times a second so that a fast
 * import is not slowed down by its own output.
 */
final class ProgressBar implements ImportProgress {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private long lastDrawn;
    private String phase = "";

    ProgressBar(PrintStream err) {
        this.err = err;
    }

    @Override
    public void reading(double fraction, ImportReport soFar) {
        String detail = String.format(
                "read | %d accepted, %d duplicates, %d refused", soFar.accepted(), soFar.duplicates(), soFar.refused());
        draw("reading", fraction, detail, fraction >= 1.0);
    }

    @Override
    public void publishing(long finished, long total) {
        double fraction = total == 0 ? 1.0 : (double) finished / total;
        draw("publishing", fraction, String.format("published | %d of %d jobs", finished, total), finished >= total);
    }

    private void draw(String newPhase, double fraction, String detail, boolean last) {
        long now = System.nanoTime();
        boolean phaseChanged = !newPhase.equals(phase);
        if (!last && !phaseChanged && now - lastDrawn < REDRAW_NANOS) {
            return;
        }
        if (phaseChanged && !phase.isEmpty()) {
            err.println();
        }
        phase = newPhase;
        lastDrawn = now;
        int filled = (int) Math.round(Math.min(1.0, fraction) * WIDTH);
        String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
        err.printf("\r%-10s [%s] %3d%% %s", newPhase, bar, Math.round(fraction * 100), detail);
        err.flush();
    }
}
