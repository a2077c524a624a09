package io.penguinmails.ingest;

import io.penguinmails.infra.PenguinTestResource;

/**
 * The real broker and the {@code penguin_queue_test} database for this module's tests. Declared here rather than
 * used from local-infra directly because Quarkus loads test resources named from another jar in the wrong class
 * loader.
 */
public class IngestTestResource extends PenguinTestResource {}
