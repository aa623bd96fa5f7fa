# syntax=docker/dockerfile:1
#
# One image recipe for every Java module (the seven services and the gateway). The jar is built beforehand
# (`make build-java`); this file only packages it, so building an image needs no Maven and no network beyond
# the base image.
#
# Build context: the repository root (the per-Dockerfile ignore file next to this one keeps the context down
# to the application jars). Example:
#
#   docker build -f deploy/docker/service.Dockerfile \
#     --build-arg MODULE=booking-service --build-arg PORT=8082 -t telemed/booking-service:dev .
#
# MODULE: the Maven module (its jar is <MODULE>/target/<MODULE>.jar); PORT: the port the service listens on.

ARG JAVA_IMAGE=eclipse-temurin:17-jre

# --- Unpack the fat jar into Spring Boot's layers (dependencies change rarely, the application often) -----
FROM ${JAVA_IMAGE} AS layers
ARG MODULE
RUN test -n "${MODULE}" || { echo "build with --build-arg MODULE=<maven module>, e.g. booking-service" >&2; exit 1; }
WORKDIR /build
COPY ${MODULE}/target/${MODULE}.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

# --- Runtime -----------------------------------------------------------------------------------------------
FROM ${JAVA_IMAGE}
ARG MODULE
ARG PORT=8080

LABEL org.opencontainers.image.title="telemed-${MODULE}" \
      org.opencontainers.image.description="Telemed ${MODULE}"

# A fixed, numeric, unprivileged user: Kubernetes can check runAsNonRoot against it.
RUN groupadd --system --gid 10001 telemed \
 && useradd --system --uid 10001 --gid 10001 --home-dir /nonexistent --no-create-home \
      --shell /usr/sbin/nologin telemed

WORKDIR /app
# Least to most frequently changing, so a code change rebuilds only the last layer.
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./

# Container-aware memory: the heap follows the container's memory limit. Exit on OOM so the orchestrator
# restarts a clean process instead of keeping a half-broken one. /tmp is the only place written to (also as
# user.home, where libraries such as PDFBox keep caches), so the root filesystem can be mounted read-only:
# give the container a writable /tmp (tmpfs or emptyDir).
ENV PORT=${PORT} \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=25 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp -Duser.home=/tmp"

USER 10001:10001
EXPOSE ${PORT}

# Ready = the database and Kafka answer (the readiness group); orchestrators with their own probes ignore this.
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${PORT}/actuator/health/readiness" || exit 1

ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
