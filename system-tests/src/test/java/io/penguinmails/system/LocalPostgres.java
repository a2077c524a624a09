package io.penguinmails.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The machine's PostgreSQL cluster (the one on 127.0.0.1:5432 that every test uses), restarted the way an operator
 * does on Debian: {@code pg_ctlcluster <version> <name> restart}. Every open connection of every service breaks.
 */
final class LocalPostgres {

    private LocalPostgres() {}

    /** Restarts the cluster listening on port 5432 with a fast shutdown (open transactions are rolled back). */
    static void restart() throws IOException, InterruptedException {
        String[] cluster = clusterOnDefaultPort();
        run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", cluster[0], cluster[1], "restart", "-m", "fast"));
    }

    /** Version and name of the cluster on port 5432, from {@code pg_lsclusters}. */
    private static String[] clusterOnDefaultPort() throws IOException, InterruptedException {
        for (String line : run(List.of("pg_lsclusters", "--no-header")).split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 3 && fields[2].equals("5432")) {
                return new String[] {fields[0], fields[1]};
            }
        }
        throw new IllegalStateException("no PostgreSQL cluster on port 5432 in pg_lsclusters");
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
