# One image for every Lockstep service: the PostgreSQL 15 image (for pg_dump/pg_restore 15, which
# the schema agent runs for backups) plus a Java 17 runtime copied from the Temurin image.
# Build the jars first (mvn -B -DskipTests package); docker-compose.yml passes SERVICE.
FROM eclipse-temurin:17-jre AS jre

FROM postgres:15-bookworm
COPY --from=jre /opt/java/openjdk /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk \
    PATH=/opt/java/openjdk/bin:$PATH
ARG SERVICE
COPY ${SERVICE}/target/${SERVICE}-0.1.0-SNAPSHOT-all.jar /app/app.jar
# Backups (and auth-service's development signing key) live in volumes; the directories exist here
# so the volumes inherit their owner.
RUN mkdir -p /backups /keys && chown postgres:postgres /backups /keys
USER postgres
WORKDIR /app
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
