package io.penguinmails.infra.deploy;

import static io.penguinmails.infra.deploy.KubernetesBase.labels;
import static io.penguinmails.infra.deploy.KubernetesBase.metadata;
import static io.penguinmails.infra.deploy.KubernetesBase.secretEnv;
import static io.penguinmails.infra.deploy.KubernetesBase.selector;
import static io.penguinmails.infra.deploy.Yaml.map;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the two overlays: {@code local} adds a single-node Kafka and PostgreSQL so that a laptop cluster (kind,
 * minikube) runs the whole suite; {@code production} runs more replicas of pinned images against the Kafka and
 * PostgreSQL the operator points {@code penguin-config} at.
 */
final class KubernetesOverlays {

    static final String LOCAL = "deploy/k8s/overlays/local/";
    static final String PRODUCTION = "deploy/k8s/overlays/production/";

    private static final String POSTGRES_INIT = "penguin-postgres-init";
    private static final String TOPICS_JOB = "penguin-kafka-topics";

    private KubernetesOverlays() {}

    /** Every overlay file by its path relative to the repository root. */
    static Map<String, String> render() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(
                LOCAL + "kustomization.yaml",
                Yaml.document(kustomization(List.of("../../base", "infra.yaml"), 1, false)));
        files.put(LOCAL + "infra.yaml", Yaml.documents(localInfra()));
        files.put(
                PRODUCTION + "kustomization.yaml",
                Yaml.document(kustomization(
                        List.of("../../base", "disruption-budgets.yaml"), ServiceCatalog.PRODUCTION_REPLICAS, true)));
        files.put(PRODUCTION + "disruption-budgets.yaml", Yaml.documents(disruptionBudgets()));
        return files;
    }

    private static Map<String, Object> kustomization(List<String> resources, int replicas, boolean pinImages) {
        Map<String, Object> kustomization = map(
                "apiVersion",
                "kustomize.config.k8s.io/v1beta1",
                "kind",
                "Kustomization",
                "resources",
                resources,
                "replicas",
                ServiceCatalog.SERVICES.stream()
                        .map(service -> map("name", service.name(), "count", replicas))
                        .toList());
        if (pinImages) {
            kustomization.put(
                    "images",
                    ServiceCatalog.SERVICES.stream()
                            .map(service -> map("name", service.image(), "newTag", ServiceCatalog.RELEASE_TAG))
                            .toList());
        }
        return kustomization;
    }

    private static List<Map<String, Object>> disruptionBudgets() {
        return ServiceCatalog.SERVICES.stream()
                .map(service -> map(
                        "apiVersion",
                        "policy/v1",
                        "kind",
                        "PodDisruptionBudget",
                        "metadata",
                        metadata(service.name()),
                        "spec",
                        map("minAvailable", 1, "selector", map("matchLabels", selector(service.name())))))
                .toList();
    }

    private static List<Map<String, Object>> localInfra() {
        return List.of(
                kafkaDeployment(),
                clusterService("kafka", SharedInfra.KAFKA_PORT),
                topicsJob(),
                postgresInit(),
                postgresDeployment(),
                clusterService("postgres", SharedInfra.POSTGRES_PORT));
    }

    private static Map<String, Object> kafkaDeployment() {
        List<Map<String, Object>> env = SharedInfra.kafkaEnvironment().entrySet().stream()
                .map(entry -> KubernetesBase.env(entry.getKey(), (String) entry.getValue()))
                .toList();
        Map<String, Object> container = map(
                "name", "kafka",
                "image", ServiceCatalog.KAFKA_IMAGE,
                "ports", List.of(map("name", "kafka", "containerPort", SharedInfra.KAFKA_PORT)),
                "env", env,
                // A TCP probe, since a tool JVM per probe would compete with the broker for the memory limit.
                "readinessProbe", map("tcpSocket", map("port", "kafka"), "periodSeconds", 10),
                "resources", map("requests", map("cpu", "250m", "memory", "1Gi"), "limits", map("memory", "1536Mi")),
                "volumeMounts", List.of(map("name", "data", "mountPath", SharedInfra.KAFKA_DATA_DIR)));
        return singlePodDeployment("kafka", container, map("name", "data", "emptyDir", Map.of()));
    }

    private static Map<String, Object> topicsJob() {
        Map<String, Object> container = map(
                "name",
                "create-topics",
                "image",
                ServiceCatalog.KAFKA_IMAGE,
                "command",
                List.of("/bin/bash", "-c", SharedInfra.topicScript()));
        return map(
                "apiVersion",
                "batch/v1",
                "kind",
                "Job",
                "metadata",
                metadata(TOPICS_JOB),
                "spec",
                map(
                        "backoffLimit",
                        10,
                        "template",
                        map(
                                "metadata", map("labels", labels(TOPICS_JOB)),
                                "spec",
                                        map(
                                                "enableServiceLinks",
                                                false,
                                                "restartPolicy",
                                                "OnFailure",
                                                "containers",
                                                List.of(container)))));
    }

    private static Map<String, Object> postgresInit() {
        return map(
                "apiVersion",
                "v1",
                "kind",
                "ConfigMap",
                "metadata",
                metadata(POSTGRES_INIT),
                "data",
                map(SharedInfra.INIT_SQL, SharedInfra.initDatabasesSql()));
    }

    private static Map<String, Object> postgresDeployment() {
        Map<String, Object> container = map(
                "name", "postgres",
                "image", ServiceCatalog.POSTGRES_IMAGE,
                "ports", List.of(map("name", "postgres", "containerPort", SharedInfra.POSTGRES_PORT)),
                "env",
                        List.of(
                                secretEnv("POSTGRES_USER", KubernetesBase.DB_SECRET, "username"),
                                secretEnv("POSTGRES_PASSWORD", KubernetesBase.DB_SECRET, "password")),
                "readinessProbe",
                        map(
                                "exec", shell(SharedInfra.postgresHealthCommand("$POSTGRES_USER")),
                                "periodSeconds", 10,
                                "timeoutSeconds", 5),
                "resources", map("requests", map("cpu", "250m", "memory", "256Mi"), "limits", map("memory", "1Gi")),
                "volumeMounts",
                        List.of(
                                map("name", "data", "mountPath", SharedInfra.POSTGRES_DATA_DIR),
                                map("name", "init", "mountPath", SharedInfra.POSTGRES_INIT_DIR, "readOnly", true)));
        return singlePodDeployment(
                "postgres",
                container,
                map("name", "data", "emptyDir", Map.of()),
                map("name", "init", "configMap", map("name", POSTGRES_INIT)));
    }

    /** One pod with throw-away data; Recreate, since two pods of a single-node broker or database must not overlap. */
    @SafeVarargs
    private static Map<String, Object> singlePodDeployment(
            String name, Map<String, Object> container, Map<String, Object>... volumes) {
        return map(
                "apiVersion",
                "apps/v1",
                "kind",
                "Deployment",
                "metadata",
                metadata(name),
                "spec",
                map(
                        "replicas", 1,
                        "strategy", map("type", "Recreate"),
                        "selector", map("matchLabels", selector(name)),
                        "template",
                                map(
                                        "metadata", map("labels", labels(name)),
                                        "spec",
                                                map(
                                                        // The kafka image would read a service link's KAFKA_PORT as a
                                                        // broker setting.
                                                        "enableServiceLinks", false,
                                                        "containers", List.of(container),
                                                        "volumes", List.of(volumes)))));
    }

    private static Map<String, Object> clusterService(String name, int port) {
        return map(
                "apiVersion",
                "v1",
                "kind",
                "Service",
                "metadata",
                metadata(name),
                "spec",
                map(
                        "selector", selector(name),
                        "ports", List.of(map("name", name, "port", port, "targetPort", name))));
    }

    private static Map<String, Object> shell(String command) {
        return map("command", List.of("/bin/sh", "-c", command));
    }
}
