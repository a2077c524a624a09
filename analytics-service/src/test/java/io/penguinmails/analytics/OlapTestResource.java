package io.penguinmails.analytics;

import io.penguinmails.infra.PenguinTestResource;
import java.util.Map;

/**
 * {@link PenguinTestResource} started with its own class loader as the thread's context class loader.
 *
 * <p>Quarkus starts test resources on a pool thread whose context class loader is the JVM's application loader,
 * while the resource class itself comes from Quarkus's test class loader. Kafka's admin client (which creates the
 * topics on the broker's first start) loads its metrics reporter through the context class loader, gets a class
 * from the other loader and fails with a {@code ClassCastException}. Aligning the two loaders avoids that.
 */
public class OlapTestResource extends PenguinTestResource {

    @Override
    public Map<String, String> start() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(PenguinTestResource.class.getClassLoader());
        try {
            return super.start();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
