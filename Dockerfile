# The standalone server, built from this repository (used by docker-compose.local.yml and deploy/).
#   docker build -t openml-auth . && docker run -p 3050:3050 -e MYSQL_HOST=… openml-auth
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip -pl auth-server -am package

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /app openml && mkdir -p /app/data && chown openml /app/data
WORKDIR /app
COPY --from=build /src/auth-server/target/openml-auth-server.jar /app/openml-auth-server.jar
# AppCDS: one training start (to /ready, then a normal stop) writes the class-data archive every
# start then maps (measured in docs/benchmarks.md: start-up 1.5-1.8 s -> about 0.9-1.1 s). Made here,
# with this JDK and this jar, as JDK 17 requires.
RUN set -e; export SQLITE_PATH=/tmp/cds/auth.db AUTH_SHUTDOWN_GRACE=PT0S; \
    java -XX:ArchiveClassesAtExit=/app/openml-auth.jsa -jar /app/openml-auth-server.jar serve & pid=$!; \
    for i in $(seq 1 60); do java -jar /app/openml-auth-server.jar health >/dev/null 2>&1 && break; sleep 1; done; \
    kill -TERM $pid; wait $pid || true; rm -rf /tmp/cds; test -s /app/openml-auth.jsa
USER openml
ENV PORT=3050
EXPOSE 3050
# The server's own check (no curl in the image): GET /health on PORT.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["java", "-XX:SharedArchiveFile=/app/openml-auth.jsa", "-Xshare:auto", "-jar", "/app/openml-auth-server.jar", "health"]
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/openml-auth.jsa", "-Xshare:auto", "-Xmx64m", "-Xms16m", "-Xss512k", \
            "-XX:+UseSerialGC", "-XX:ReservedCodeCacheSize=32m", "-XX:MaxMetaspaceSize=80m", "-jar", "/app/openml-auth-server.jar"]
CMD ["serve"]
