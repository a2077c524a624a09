package io.penguinmails.infra.deploy;

import io.penguinmails.infra.deploy.ServiceCatalog.Service;
import java.util.stream.Collectors;

/**
 * Builds the root {@code Dockerfile}: one multi-stage recipe for every service, chosen by the build arguments
 * {@code SERVICE} and {@code PORT}. Generated so that the list of valid services and ports cannot drift.
 */
final class DockerfileText {

    static final String PATH = "Dockerfile";

    private static final String TEMPLATE =
            """
            # syntax=docker/dockerfile:1
            @NOTICE@#
            # One image per service, e.g.
            #   docker build --build-arg SERVICE=@EXAMPLE_NAME@ --build-arg PORT=@EXAMPLE_PORT@ -t @EXAMPLE_IMAGE@ .
            # Services and ports: @LISTING@.

            FROM maven:3.9-eclipse-temurin-17 AS build
            ARG SERVICE
            ARG PORT
            # Fail early and clearly rather than package one service and label it with another's port.
            RUN case "${SERVICE}:${PORT}" in \\
                  @PAIRS@) ;; \\
                  *) echo "set --build-arg SERVICE and PORT to one of: @LISTING@" >&2; exit 1 ;; \\
                esac
            WORKDIR /build
            COPY . .
            # The cache mount keeps downloaded dependencies between builds of the four images.
            RUN --mount=type=cache,target=/root/.m2 \\
                mvn -B -pl "${SERVICE}" -am package -DskipTests -Dspotless.check.skip=true

            FROM eclipse-temurin:17-jre
            ARG SERVICE
            ARG PORT
            # curl serves the compose health check; the key folder must exist and be ours, since a named volume
            # mounted there takes its owner from the image.
            RUN apt-get update \\
             && apt-get install -y --no-install-recommends curl \\
             && rm -rf /var/lib/apt/lists/* \\
             && groupadd --system --gid @UID@ penguin \\
             && useradd --system --uid @UID@ --gid penguin --home-dir /deployments --no-create-home penguin \\
             && mkdir -p /deployments @KEY_DIR@ \\
             && chown -R penguin:penguin /deployments @KEY_DIR@
            WORKDIR /deployments
            COPY --from=build --chown=penguin:penguin /build/${SERVICE}/target/quarkus-app/ /deployments/
            ENV QUARKUS_PROFILE=prod
            USER @UID@
            EXPOSE ${PORT}
            # The heap follows the container's memory limit instead of the host's.
            ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "quarkus-run.jar"]
            """;

    private DockerfileText() {}

    /** The Dockerfile as text. */
    static String render() {
        Service example = ServiceCatalog.issuer();
        String pairs = ServiceCatalog.SERVICES.stream()
                .map(service -> service.name() + ":" + service.port())
                .collect(Collectors.joining("|"));
        String listing = ServiceCatalog.SERVICES.stream()
                .map(service -> service.name() + " " + service.port())
                .collect(Collectors.joining(", "));
        return TEMPLATE.replace("@NOTICE@", DeploymentGenerator.hashNotice())
                .replace("@EXAMPLE_NAME@", example.name())
                .replace("@EXAMPLE_PORT@", String.valueOf(example.port()))
                .replace("@EXAMPLE_IMAGE@", example.image() + ":" + ServiceCatalog.LOCAL_TAG)
                .replace("@LISTING@", listing)
                .replace("@PAIRS@", pairs)
                .replace("@UID@", String.valueOf(ServiceCatalog.RUN_AS_ID))
                .replace("@KEY_DIR@", ServiceCatalog.KEY_DIR);
    }
}
