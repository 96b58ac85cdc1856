# The standalone server, built from this repository (used by docker-compose.local.yml).
#   docker build -t openml-auth . && docker run -p 3050:3050 -e MYSQL_HOST=… openml-auth
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -pl auth-server -am package

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /app openml && mkdir -p /app/data && chown openml /app/data
WORKDIR /app
COPY --from=build /src/auth-server/target/openml-auth-server.jar /app/openml-auth-server.jar
USER openml
ENV PORT=3050
EXPOSE 3050
ENTRYPOINT ["java", "-jar", "/app/openml-auth-server.jar"]
CMD ["serve"]
