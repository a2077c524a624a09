package io.penguinmails.content;

import io.penguinmails.infra.PenguinTestResource;

/**
 * The real broker and the {@code penguin_content_test} database for this module's tests. Declared here because
 * Quarkus loads a test resource named from another jar in the wrong class loader.
 */
public class ContentTestResource extends PenguinTestResource {}
