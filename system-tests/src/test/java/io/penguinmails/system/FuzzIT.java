package io.penguinmails.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile input against the raw endpoint of the running suite: the project's real-shaped samples mutated at random
 * (truncated, bytes flipped or inserted, regions repeated, charsets and boundaries broken) plus hand-made monsters
 * (absurd nesting, a 200,000-character header, a gzip bomb attachment, a body over the size limit). Every input must
 * be answered 202 or 4xx, never 5xx; every accepted one must end as a stored message or a dead job with its reason;
 * every service must still be healthy afterwards. {@code -Dfuzz.count=N} sets how many mutants (default 150, the
 * short run of {@code ./mvnw verify}); {@code -Dfuzz.seed=S} replays a run.
 */
class FuzzIT {

    private static final int COUNT = Integer.getInteger("fuzz.count", 150);
    private static final long SEED = Long.getLong("fuzz.seed", 20261123L);

    private static Suite suite;
    private static String token;

    @BeforeAll
    static void startSuite() {
        suite = new Suite().start();
        token = suite.createTenant("Fuzz").token();
    }

    @AfterAll
    static void stopSuite() {
        suite.close();
    }

    @Test
    void hostileMessagesAreStoredOrRefusedNeverCrashing() {
        Map<String, byte[]> inputs = inputs();
        Map<String, String> jobs = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        inputs.forEach((name, raw) -> {
            Response response = post(raw);
            if (response.statusCode() == 202) {
                jobs.put(name, response.path("job_id"));
            } else if (response.statusCode() >= 500) {
                failures.add(name + " answered " + response.statusCode() + ": " + response.asString());
            }
        });
        assertThat(failures).isEmpty();
        assertThat(jobs).as("most mutants are still messages").hasSizeGreaterThan(inputs.size() / 2);
        jobs.forEach((name, jobId) -> awaitOutcome(name, jobId));
        System.out.printf(
                "fuzz: %d inputs, %d accepted, %d refused (seed %d)%n",
                inputs.size(), jobs.size(), inputs.size() - jobs.size(), SEED);
        for (String service : suite.services.keySet()) {
            given().get(suite.url(service) + "/q/health/ready").then().statusCode(200);
        }
    }

    /**
     * Sent with {@code Expect: 100-continue}, as well-behaved clients send large bodies, so the refusal arrives before
     * the 51 MB are on the wire instead of as a reset connection.
     */
    @Test
    void aBodyOverTheLimitIsRefusedWith413() throws Exception {
        byte[] huge = new byte[51 * 1024 * 1024];
        Arrays.fill(huge, (byte) 'a');
        byte[] head = "Subject: big\r\nFrom: a@example.com\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, huge, 0, head.length);
        HttpRequest request = HttpRequest.newBuilder(URI.create(suite.url("ingest-service") + "/v1/inbound/raw"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "message/rfc822")
                .expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofByteArray(huge))
                .build();
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
    }

    /** A job ends done (and its message is readable) or dead with a reason; nothing stays in flight. */
    private static void awaitOutcome(String name, String jobId) {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    Response job = given().auth().oauth2(token).get(suite.url("ingest-service") + "/v1/jobs/" + jobId);
                    assertThat(job.statusCode()).as(name).isEqualTo(200);
                    String status = job.path("status");
                    assertThat(status).as(name + " job status").isIn("done", "dead");
                    if (status.equals("dead")) {
                        assertThat((String) job.path("last_error"))
                                .as(name + " dead job reason")
                                .isNotBlank();
                    } else {
                        given().auth()
                                .oauth2(token)
                                .get(suite.url("content-service") + "/v1/messages/" + job.path("storage_key"))
                                .then()
                                .statusCode(200);
                    }
                });
    }

    private static Map<String, byte[]> inputs() {
        List<byte[]> seeds = seeds();
        Random random = new Random(SEED);
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        for (int i = 0; i < COUNT; i++) {
            byte[] seed = seeds.get(random.nextInt(seeds.size()));
            int kind = random.nextInt(6);
            inputs.put("mutant-" + i + "-kind-" + kind, mutate(seed, kind, random));
        }
        inputs.put("deep-nesting", deepNesting(400));
        inputs.put("huge-header", hugeHeader(200_000));
        inputs.put("gzip-bomb", gzipBomb());
        return inputs;
    }

    private static byte[] mutate(byte[] seed, int kind, Random random) {
        byte[] out = seed.clone();
        switch (kind) {
            case 0 -> out = Arrays.copyOf(seed, 1 + random.nextInt(seed.length));
            case 1 -> {
                for (int i = 0; i < 1 + random.nextInt(40); i++) {
                    out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                }
            }
            case 2 -> out = insert(seed, random.nextInt(seed.length), randomBytes(random, 1 + random.nextInt(500)));
            case 3 -> {
                int from = random.nextInt(seed.length);
                int to = Math.min(seed.length, from + 1 + random.nextInt(2000));
                out = insert(seed, from, Arrays.copyOfRange(seed, from, to));
            }
            case 4 -> out = replaceAll(seed, "charset=", "charset=x-no-such-charset-");
            default -> out = replaceAll(seed, "boundary=", "boundary=broken");
        }
        return out;
    }

    private static byte[] deepNesting(int depth) {
        StringBuilder text = new StringBuilder("From: deep@example.com\r\nSubject: nesting\r\nMIME-Version: 1.0\r\n");
        for (int i = 0; i < depth; i++) {
            text.append("Content-Type: multipart/mixed; boundary=\"b")
                    .append(i)
                    .append("\"\r\n\r\n--b")
                    .append(i)
                    .append("\r\n");
        }
        text.append("Content-Type: text/plain\r\n\r\nbottom\r\n");
        for (int i = depth - 1; i >= 0; i--) {
            text.append("--b").append(i).append("--\r\n");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] hugeHeader(int length) {
        String header = "X-Huge: " + "x".repeat(length) + "\r\n";
        return (header + "From: big@example.com\r\nSubject: huge header\r\n\r\nbody\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** 200 MB of zeros compressed to a few hundred kilobytes, attached as a gzip file. */
    private static byte[] gzipBomb() {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 200; i++) {
                out.write(zeros);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String body = java.util.Base64.getMimeEncoder().encodeToString(gz.toByteArray());
        String mail = "From: bomb@example.com\r\nSubject: logs\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"z\"\r\n\r\n--z\r\nContent-Type: text/plain\r\n\r\nsee logs\r\n"
                + "--z\r\nContent-Type: application/gzip; name=\"logs.gz\"\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"logs.gz\"\r\n\r\n" + body + "\r\n--z--\r\n";
        return mail.getBytes(StandardCharsets.US_ASCII);
    }

    /** The project's own sample mail: ingest-service's test samples and this module's. */
    private static List<byte[]> seeds() {
        Path root = ServiceProcess.repoRoot();
        List<byte[]> seeds = new ArrayList<>();
        for (Path dir : List.of(
                root.resolve("ingest-service/src/test/resources/mail"),
                root.resolve("system-tests/src/test/resources/mail"))) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".eml"))
                        .sorted()
                        .toList()) {
                    byte[] bytes = Files.readAllBytes(file);
                    if (bytes.length < 1_000_000) {
                        seeds.add(bytes);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(seeds).hasSizeGreaterThan(20);
        return seeds;
    }

    private static byte[] insert(byte[] data, int at, byte[] extra) {
        byte[] out = new byte[data.length + extra.length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(extra, 0, out, at, extra.length);
        System.arraycopy(data, at, out, at + extra.length, data.length - at);
        return out;
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] replaceAll(byte[] data, String from, String to) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        return text.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Response post(byte[] raw) {
        return given().auth()
                .oauth2(token)
                .contentType("message/rfc822")
                .body(raw)
                .post(suite.url("ingest-service") + "/v1/inbound/raw");
    }
}
