package io.penguinmails.infra.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.penguinmails.infra.deploy.ServiceCatalog.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed deployment files are the generator's output, and they wire up every service the same way. */
class DeploymentFilesTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Path ROOT = repoRoot();
    private static final Path K8S = ROOT.resolve("deploy/k8s");
    private static final Path BASE = ROOT.resolve(KubernetesBase.DIR);

    @Test
    void catalogMatchesTheConventions() {
        Map<String, Integer> ports =
                ServiceCatalog.SERVICES.stream().collect(Collectors.toMap(Service::name, Service::port));
        assertThat(ports)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "ingest-service",
                        8081,
                        "content-service",
                        8082,
                        "campaign-service",
                        8083,
                        "analytics-service",
                        8084));
        assertThat(ServiceCatalog.issuer().name()).isEqualTo("campaign-service");
    }

    @Test
    void committedFilesAreTheGeneratorsOutput(@TempDir Path fresh) throws IOException {
        List<Path> generated = DeploymentGenerator.write(fresh);
        assertThat(generated).isNotEmpty();
        for (Path file : generated) {
            String relative = fresh.relativize(file).toString();
            Path committed = ROOT.resolve(relative);
            assertThat(committed)
                    .as("%s is missing: run deploy/generate", relative)
                    .exists();
            assertThat(Files.readAllBytes(committed))
                    .as("%s differs from ServiceCatalog's output: run deploy/generate", relative)
                    .isEqualTo(Files.readAllBytes(file));
        }
    }

    @Test
    void composeRunsEveryServiceWithItsPortAndAHealthCheck() throws IOException {
        JsonNode services = readAll(ROOT.resolve(ComposeFile.PATH)).get(0).path("services");
        for (Service service : ServiceCatalog.SERVICES) {
            JsonNode compose = services.path(service.name());
            assertThat(compose.isObject())
                    .as("%s in docker-compose.yml", service.name())
                    .isTrue();
            assertThat(texts(compose.path("ports"))).contains(service.port() + ":" + service.port());
            assertThat(texts(compose.path("healthcheck").path("test")))
                    .anySatisfy(part -> assertThat(part).contains(":" + service.port() + ServiceCatalog.READY_PATH));
            assertThat(compose.path("environment").path("PENGUIN_DB_NAME").asText())
                    .isEqualTo(service.database());
        }
    }

    @Test
    void kubernetesHasADeploymentWithHealthProbesAndAServicePerService() throws IOException {
        List<JsonNode> manifests = k8sManifests();
        for (Service service : ServiceCatalog.SERVICES) {
            JsonNode container = find(manifests, "Deployment", service.name())
                    .path("spec")
                    .path("template")
                    .path("spec")
                    .path("containers")
                    .get(0);
            assertThat(container
                            .path("readinessProbe")
                            .path("httpGet")
                            .path("path")
                            .asText())
                    .isEqualTo(ServiceCatalog.READY_PATH);
            assertThat(container
                            .path("livenessProbe")
                            .path("httpGet")
                            .path("path")
                            .asText())
                    .isEqualTo(ServiceCatalog.LIVE_PATH);
            assertThat(container.path("ports").get(0).path("containerPort").asInt())
                    .isEqualTo(service.port());
            JsonNode port = find(manifests, "Service", service.name())
                    .path("spec")
                    .path("ports")
                    .get(0);
            assertThat(port.path("port").asInt()).isEqualTo(service.port());
        }
    }

    @Test
    void baseKustomizationListsEveryResourceFile() throws IOException {
        JsonNode kustomization = readAll(BASE.resolve("kustomization.yaml")).get(0);
        Set<String> listed = new TreeSet<>(texts(kustomization.path("resources")));
        Set<String> present;
        try (Stream<Path> files = Files.list(BASE)) {
            present = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml"))
                    .filter(name -> !name.equals("kustomization.yaml"))
                    // Real secrets never enter the repository; the example only shows their shape.
                    .filter(name -> !name.equals(KubernetesBase.SECRETS_EXAMPLE))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(listed).isEqualTo(present);
    }

    private static JsonNode find(List<JsonNode> manifests, String kind, String name) {
        return manifests.stream()
                .filter(m -> kind.equals(m.path("kind").asText()))
                .filter(m -> name.equals(m.path("metadata").path("name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " under deploy/k8s"));
    }

    private static List<JsonNode> k8sManifests() throws IOException {
        List<JsonNode> manifests = new ArrayList<>();
        try (Stream<Path> files = Files.walk(K8S)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                manifests.addAll(readAll(file));
            }
        }
        return manifests;
    }

    /** Every document of a YAML file, so that multi-document manifests count in full. */
    private static List<JsonNode> readAll(Path file) throws IOException {
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            return YAML.readValues(parser, JsonNode.class).readAll();
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    /** Surefire runs in local-infra/; a repo.root property wins when a build sets one. */
    private static Path repoRoot() {
        String configured = System.getProperty("repo.root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("local-infra/pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root above " + start);
    }
}
