package io.penguinmails.campaign.service.lead;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.penguinmails.campaign.KeyDirResource;
import io.penguinmails.campaign.TestApi;
import io.penguinmails.infra.PenguinTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Imports a generated CSV of 100,000 leads through the API and reports how long it took from the POST to the import's
 * completion. Excluded from the normal run; start it with {@code ./mvnw -o -pl campaign-service verify
 * -Dtest=LeadImportBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@QuarkusTest
@QuarkusTestResource(
        value = PenguinTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_oltp_test"))
@QuarkusTestResource(KeyDirResource.class)
class LeadImportBenchmark {

    private static final int ROWS = 100_000;

    @Test
    void import100kLeads() {
        String token = TestApi.issueToken(TestApi.createTenant("Benchmark"));
        byte[] csv = generate(ROWS);
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

        long start = System.nanoTime();
        String id = given().auth()
                .oauth2(token)
                .contentType("text/csv")
                .queryParam("list", "benchmark")
                .body(csv)
                .post("/v1/leads/import")
                .then()
                .statusCode(202)
                .extract()
                .path("import_id");
        JsonPath[] status = new JsonPath[1];
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    status[0] = given().auth()
                            .oauth2(token)
                            .get("/v1/leads/imports/{id}", id)
                            .then()
                            .extract()
                            .jsonPath();
                    return "completed".equals(status[0].getString("status"));
                });
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(status[0].getInt("imported")).isEqualTo(ROWS);
        assertThat(status[0].getInt("rejected")).isZero();
        System.out.printf(
                "LeadImportBenchmark: %d rows, %.1f MB CSV, imported in %.2f s (%.0f rows/s); load average %.2f before,"
                        + " %.2f after%n",
                ROWS,
                csv.length / 1_000_000.0,
                took.toMillis() / 1000.0,
                ROWS * 1000.0 / Math.max(1, took.toMillis()),
                loadBefore,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static byte[] generate(int rows) {
        StringBuilder csv = new StringBuilder(rows * 110);
        csv.append("email,first_name,last_name,company,position,timezone,plan,city\n");
        String[] zones = {"Europe/London", "America/New_York", "Asia/Tokyo", "Europe/Berlin"};
        for (int i = 0; i < rows; i++) {
            csv.append("lead")
                    .append(i)
                    .append("@bench")
                    .append(i % 97)
                    .append(".example,")
                    .append("First")
                    .append(i)
                    .append(",Last")
                    .append(i)
                    .append(",Company ")
                    .append(i % 5000)
                    .append(",Engineer,")
                    .append(zones[i % zones.length])
                    .append(",plan")
                    .append(i % 3)
                    .append(",City ")
                    .append(i % 300)
                    .append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }
}
