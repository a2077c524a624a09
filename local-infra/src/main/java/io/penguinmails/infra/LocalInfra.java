package io.penguinmails.infra;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Command line of {@code deploy/local/run}: {@code kafka DATA_DIR PORT CONTROLLER_PORT} runs a broker in the
 * foreground, {@code databases ADMIN_JDBC_URL USER PASSWORD} creates the four databases, {@code topics BOOTSTRAP}
 * creates the topics.
 */
public final class LocalInfra {

    private LocalInfra() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 0) {
            usage();
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        switch (args[0]) {
            case "kafka" -> runKafka(rest);
            case "databases" -> Databases.ensure(
                    rest.get(0), rest.get(1), rest.size() > 2 ? rest.get(2) : "", Databases.ALL);
            case "topics" -> TopicCreator.createAll(rest.get(0), 3);
            default -> usage();
        }
    }

    private static void runKafka(List<String> args) throws InterruptedException {
        try (KafkaBroker broker =
                KafkaBroker.start(Path.of(args.get(0)), Integer.parseInt(args.get(1)), Integer.parseInt(args.get(2)))) {
            System.out.println("kafka ready on " + broker.bootstrapServers());
            System.exit(broker.waitFor());
        }
    }

    private static void usage() {
        System.err.println(
                "usage: LocalInfra kafka DATA_DIR PORT CONTROLLER_PORT | databases URL USER [PASSWORD] | topics BOOTSTRAP");
        System.exit(2);
    }
}
