package io.penguinmails.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
        value = IngestTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_queue_test"))
class HealthAndDocsTest {

    @Test
    void readyWhenDatabaseAndKafkaAnswer() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body(containsString("Database connections health check"))
                .body(containsString("Kafka connection health check"));
    }

    @Test
    void metricsAndOpenApiAreServed() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().get("/q/openapi?format=json").then().statusCode(200).body(containsString("/v1/inbound/raw"));
    }
}
