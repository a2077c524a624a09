package io.penguinmails.infra.deploy;

import static io.penguinmails.infra.deploy.Yaml.map;

import io.penguinmails.infra.deploy.ServiceCatalog.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the Kustomize base {@code deploy/k8s/base}: a Deployment and a Service per service, the shared ConfigMap, and
 * an example of the Secrets, which the base leaves out because real secrets never belong in the repository.
 */
final class KubernetesBase {

    static final String DIR = "deploy/k8s/base/";
    static final String CONFIG_MAP = "penguin-config";
    static final String DB_SECRET = "penguin-db";
    static final String ADMIN_SECRET = "penguin-admin";
    static final String MAILBOX_SECRET = "penguin-mailbox";
    static final String TRACKING_SECRET = "penguin-tracking";
    static final String SMTP_SECRET = "penguin-smtp";
    static final String JWT_SECRET = "penguin-jwt";
    static final String SECRETS_EXAMPLE = "secrets.example.yaml";

    private static final String PART_OF = "penguinmails";

    private KubernetesBase() {}

    /** Every file of the base by its path relative to the repository root. */
    static Map<String, String> render() {
        Map<String, String> files = new LinkedHashMap<>();
        List<String> resources = new ArrayList<>();
        resources.add("configmap.yaml");
        files.put(DIR + "configmap.yaml", Yaml.document(configMap()));
        for (Service service : ServiceCatalog.SERVICES) {
            String file = service.name() + ".yaml";
            resources.add(file);
            files.put(DIR + file, Yaml.documents(List.of(deployment(service), service(service))));
        }
        files.put(DIR + SECRETS_EXAMPLE, Yaml.documents(secretsExample()));
        files.put(DIR + "kustomization.yaml", Yaml.document(kustomization(resources)));
        return files;
    }

    /** The standard labels of one component; the name label alone selects its pods. */
    static Map<String, Object> labels(String name) {
        return map("app.kubernetes.io/name", name, "app.kubernetes.io/part-of", PART_OF);
    }

    /** Metadata with a name and the standard labels. */
    static Map<String, Object> metadata(String name) {
        return map("name", name, "labels", labels(name));
    }

    /** A selector matching the pods of one component. */
    static Map<String, Object> selector(String name) {
        return map("app.kubernetes.io/name", name);
    }

    /** An environment variable read from one key of a Secret. */
    static Map<String, Object> secretEnv(String variable, String secret, String key) {
        return map("name", variable, "valueFrom", map("secretKeyRef", map("name", secret, "key", key)));
    }

    /** An environment variable with a literal value. */
    static Map<String, Object> env(String variable, String value) {
        return map("name", variable, "value", value);
    }

    private static Map<String, Object> kustomization(List<String> resources) {
        return map(
                "apiVersion", "kustomize.config.k8s.io/v1beta1",
                "kind", "Kustomization",
                "resources", resources);
    }

    private static Map<String, Object> configMap() {
        return map(
                "apiVersion",
                "v1",
                "kind",
                "ConfigMap",
                "metadata",
                metadata(CONFIG_MAP),
                "data",
                map(
                        "QUARKUS_PROFILE",
                        "prod",
                        "KAFKA_BOOTSTRAP_SERVERS",
                        SharedInfra.KAFKA_BOOTSTRAP,
                        "PENGUIN_DB_HOST",
                        SharedInfra.POSTGRES_HOST,
                        "PENGUIN_DB_PORT",
                        String.valueOf(SharedInfra.POSTGRES_PORT)));
    }

    private static Map<String, Object> deployment(Service service) {
        return map(
                "apiVersion",
                "apps/v1",
                "kind",
                "Deployment",
                "metadata",
                metadata(service.name()),
                "spec",
                map(
                        "replicas", 1,
                        "selector", map("matchLabels", selector(service.name())),
                        "template", map("metadata", podMetadata(service), "spec", podSpec(service))));
    }

    private static Map<String, Object> podMetadata(Service service) {
        return map(
                "labels", labels(service.name()),
                "annotations",
                        map(
                                "prometheus.io/scrape",
                                "true",
                                "prometheus.io/port",
                                String.valueOf(service.port()),
                                "prometheus.io/path",
                                ServiceCatalog.METRICS_PATH));
    }

    private static Map<String, Object> podSpec(Service service) {
        int id = ServiceCatalog.RUN_AS_ID;
        Map<String, Object> spec = map(
                // Service links would add variables such as KAFKA_PORT that nobody here reads.
                "enableServiceLinks", false,
                "securityContext", map("runAsNonRoot", true, "runAsUser", id, "runAsGroup", id, "fsGroup", id),
                "containers", List.of(container(service)));
        if (service.issuesTokens()) {
            // Every replica signs with the same key pair, so it comes from a Secret, not from first start.
            spec.put("volumes", List.of(map("name", "jwt-keys", "secret", map("secretName", JWT_SECRET))));
        }
        return spec;
    }

    private static Map<String, Object> container(Service service) {
        Map<String, Object> container = map(
                "name", service.name(),
                "image", service.image() + ":" + ServiceCatalog.LOCAL_TAG,
                "imagePullPolicy", "IfNotPresent",
                "ports", List.of(map("name", "http", "containerPort", service.port())),
                "envFrom", List.of(map("configMapRef", map("name", CONFIG_MAP))),
                "env", containerEnv(service),
                "startupProbe", probe(ServiceCatalog.LIVE_PATH, 5, 36),
                "readinessProbe", probe(ServiceCatalog.READY_PATH, 10, 3),
                "livenessProbe", probe(ServiceCatalog.LIVE_PATH, 10, 3),
                // A memory limit protects the node; no CPU limit, since throttling only slows start and GC.
                "resources",
                        map(
                                "requests", map("cpu", "250m", "memory", "512Mi"),
                                "limits", map("memory", "1Gi")),
                "securityContext", map("allowPrivilegeEscalation", false, "capabilities", map("drop", List.of("ALL"))));
        if (service.issuesTokens()) {
            container.put(
                    "volumeMounts",
                    List.of(map("name", "jwt-keys", "mountPath", ServiceCatalog.KEY_DIR, "readOnly", true)));
        }
        return container;
    }

    private static List<Map<String, Object>> containerEnv(Service service) {
        List<Map<String, Object>> env = new ArrayList<>();
        env.add(env("PENGUIN_DB_NAME", service.database()));
        env.add(secretEnv("PENGUIN_DB_USER", DB_SECRET, "username"));
        env.add(secretEnv("PENGUIN_DB_PASSWORD", DB_SECRET, "password"));
        if (service.issuesTokens()) {
            env.add(env("PENGUIN_JWT_KEY_DIR", ServiceCatalog.KEY_DIR));
            env.add(secretEnv("PENGUIN_ADMIN_TOKEN", ADMIN_SECRET, "token"));
            env.add(secretEnv("PENGUIN_TRACKING_SECRET", TRACKING_SECRET, "secret"));
            env.add(secretEnv("PENGUIN_TRACKING_BASE_URL", TRACKING_SECRET, "base-url"));
        } else {
            env.add(env("PENGUIN_JWT_PUBLIC_KEY", ServiceCatalog.jwksUrl()));
        }
        if (ServiceCatalog.MAILBOX_KEY_HOLDERS.contains(service.name())) {
            env.add(secretEnv("PENGUIN_MAILBOX_KEY", MAILBOX_SECRET, "key"));
        }
        if (ServiceCatalog.SMTP_RELAY_USERS.contains(service.name())) {
            for (String key : List.of("host", "port", "username", "password")) {
                env.add(secretEnv("PENGUIN_SMTP_" + key.toUpperCase(java.util.Locale.ROOT), SMTP_SECRET, key));
            }
            env.add(secretEnv("PENGUIN_MAIL_FROM", SMTP_SECRET, "from"));
        }
        new TreeMap<>(service.extraEnv()).forEach((name, value) -> env.add(env(name, value)));
        return env;
    }

    private static Map<String, Object> probe(String path, int periodSeconds, int failureThreshold) {
        return map(
                "httpGet",
                map("path", path, "port", "http"),
                "periodSeconds",
                periodSeconds,
                "timeoutSeconds",
                5,
                "failureThreshold",
                failureThreshold);
    }

    private static Map<String, Object> service(Service service) {
        return map(
                "apiVersion",
                "v1",
                "kind",
                "Service",
                "metadata",
                metadata(service.name()),
                "spec",
                map(
                        "selector", selector(service.name()),
                        "ports", List.of(map("name", "http", "port", service.port(), "targetPort", "http"))));
    }

    private static List<Map<String, Object>> secretsExample() {
        return List.of(
                secret(DB_SECRET, map("username", "penguin", "password", "change-me")),
                secret(ADMIN_SECRET, map("token", "change-me-to-a-long-random-value")),
                secret(MAILBOX_SECRET, map("key", "change-me: openssl rand -base64 32")),
                secret(
                        TRACKING_SECRET,
                        map("secret", "change-me: openssl rand -hex 32", "base-url", "https://track.example.com")),
                secret(
                        SMTP_SECRET,
                        map(
                                "host", "smtp.example.com",
                                "port", "587",
                                "username", "change-me",
                                "password", "change-me",
                                "from", "PenguinMails <no-reply@example.com>")),
                secret(
                        JWT_SECRET,
                        map(
                                "private.pem",
                                        "-----BEGIN PRIVATE KEY-----\n(openssl genpkey output)\n-----END PRIVATE KEY-----\n",
                                "public.pem",
                                        "-----BEGIN PUBLIC KEY-----\n(openssl pkey -pubout output)\n-----END PUBLIC KEY-----\n")));
    }

    private static Map<String, Object> secret(String name, Map<String, Object> values) {
        return map(
                "apiVersion",
                "v1",
                "kind",
                "Secret",
                "metadata",
                metadata(name),
                "type",
                "Opaque",
                "stringData",
                values);
    }
}
