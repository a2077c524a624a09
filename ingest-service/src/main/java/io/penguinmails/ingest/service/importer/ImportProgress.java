package io.penguinmails.ingest.service.importer;

/** Hears how an import is going, e.g. to draw a progress bar. */
public interface ImportProgress {

    /** Does nothing with the news. */
    ImportProgress NONE = new ImportProgress() {
        @Override
        public void reading(double fraction, ImportReport soFar) {}

        @Override
        public void publishing(long finished, long total) {}
    };

    /** An entry of the source was handled; {@code fraction} of the source is read. */
    void reading(double fraction, ImportReport soFar);

    /** Of the jobs this import waits for, {@code finished} are published or dead. */
    void publishing(long finished, long total);
}
