package io.penguinmails.content;

import io.penguinmails.infra.PenguinTestResource;
import java.util.HashMap;
import java.util.Map;

/**
 * The real broker and the {@code penguin_content_test} database for this module's tests. Declared here because
 * Quarkus loads a test resource named from another jar in the wrong class loader.
 *
 * <p>{@code -Dcontent-test-database=NAME} points a run at another database: test runs clean their database
 * at start, so two runs at once (engineers iterating in one checkout) must not share one.
 */
public class ContentTestResource extends PenguinTestResource {

    @Override
    public void init(Map<String, String> initArgs) {
        Map<String, String> args = new HashMap<>(initArgs);
        String database = System.getProperty("content-test-database");
        if (database != null && !database.isBlank()) {
            args.put("database", database);
        }
        super.init(args);
    }
}
