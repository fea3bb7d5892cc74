package dev.lockstep.system;

import dev.lockstep.schema.micronaut.AgentConfiguration;
import dev.lockstep.schema.micronaut.SchemaAgentConfiguration;
import dev.lockstep.schema.security.JwtSecurityConfiguration;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * Checks docker-compose.yml against the modules' own configuration, since no Docker engine runs
 * here to try it: every application service is built from an existing Dockerfile for an existing
 * module, listens on the ports its application.yml declares and publishes them, sets only
 * environment variables that map to configuration keys the service reads, reaches a database
 * service that exists with the same database name, user and password, has a health check, mounts
 * its backup directory on a declared volume, and the coordinator's target list and agent-token
 * secret agree with the agents. Returns every problem found, so one run shows them all.
 */
final class ComposeChecker {

  static final List<String> DOMAIN_SERVICES = List.of("auth-service", "sessions-service", "device-service");
  static final String COORDINATOR = "migrations-service";

  /** Configuration classes every service binds (from schema-agent), beside its application.yml. */
  private static final List<Class<?>> SHARED_CONFIGURATION =
      List.of(SchemaAgentConfiguration.class, AgentConfiguration.class, JwtSecurityConfiguration.class);

  private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([A-Za-z0-9_]+)");
  private static final Pattern TARGET = Pattern.compile("([a-z-]+)/([a-z]+)=([a-z0-9.-]+):(\\d+)");

  private final Path repo;
  private final List<String> problems = new ArrayList<>();

  ComposeChecker(Path repo) {
    this.repo = repo;
  }

  /** Checks a compose file; an empty list means it agrees with the modules. */
  List<String> check(Path composeFile) throws IOException {
    problems.clear();
    Map<String, Object> compose = yaml(composeFile);
    Map<String, Object> services = map(compose.get("services"));
    Map<String, Object> volumes = compose.get("volumes") == null ? Map.of() : map(compose.get("volumes"));
    Set<String> hostPorts = new TreeSet<>();
    List<String> apps = new ArrayList<>(DOMAIN_SERVICES);
    apps.add(COORDINATOR);
    for (String name : apps) {
      if (!services.containsKey(name)) {
        problems.add("service " + name + " is missing");
        continue;
      }
      checkApplication(name, map(services.get(name)), services, volumes, hostPorts);
    }
    if (services.containsKey(COORDINATOR)) {
      checkCoordinatorTargets(services);
    }
    return List.copyOf(problems);
  }

  private void checkApplication(String name, Map<String, Object> svc, Map<String, Object> services,
      Map<String, Object> volumes, Set<String> hostPorts) throws IOException {
    Path module = repo.resolve(name);
    if (!Files.isRegularFile(module.resolve("pom.xml"))) {
      problems.add(name + ": no module " + name + " in the repository");
      return;
    }
    checkBuild(name, svc);
    Map<String, Object> appYaml = yaml(module.resolve("src/main/resources/application.yml"));
    Map<String, String> env = environment(name, svc);

    String httpPort = String.valueOf(at(appYaml, "micronaut.server.port"));
    String grpcPort = String.valueOf(at(appYaml, "grpc.server.port"));
    expectEqual(name, "MICRONAUT_SERVER_PORT", httpPort, env.get("MICRONAUT_SERVER_PORT"));
    expectEqual(name, "GRPC_SERVER_PORT", grpcPort, env.get("GRPC_SERVER_PORT"));
    List<String> ports = strings(svc.get("ports"));
    for (String port : List.of(httpPort, grpcPort)) {
      if (!ports.contains(port + ":" + port)) {
        problems.add(name + ": port " + port + " (from application.yml) is not published as \"" + port + ":" + port + "\"");
      }
    }
    for (String mapping : ports) {
      String host = mapping.split(":")[0];
      if (!hostPorts.add(host)) {
        problems.add(name + ": host port " + host + " is published twice");
      }
    }

    Set<String> known = knownKeys(appYaml);
    known.addAll(documentedVariables(module.resolve("src/main/resources/application.yml")));
    for (String variable : env.keySet()) {
      if (!known.contains(normalise(variable))) {
        problems.add(name + ": environment variable " + variable + " does not map to any configuration key the service reads");
      }
    }

    checkDatabase(name, env, appYaml, services, svc);
    checkHealth(name, svc, httpPort);
    if (DOMAIN_SERVICES.contains(name)) {
      checkBackups(name, svc, env, volumes);
      String mode = env.get("LOCKSTEP_SCHEMA_MODE");
      if (mode == null || !Set.of("self", "coordinated").contains(mode)) {
        problems.add(name + ": LOCKSTEP_SCHEMA_MODE must be self or coordinated, is " + mode);
      }
    }
  }

  private void checkBuild(String name, Map<String, Object> svc) throws IOException {
    if (!(svc.get("build") instanceof Map<?, ?> rawBuild)) {
      problems.add(name + ": has no build section");
      return;
    }
    Map<String, Object> build = map(rawBuild);
    Path dockerfile = repo.resolve(String.valueOf(build.getOrDefault("context", "."))).normalize()
        .resolve(String.valueOf(build.getOrDefault("dockerfile", "Dockerfile")));
    if (!Files.isRegularFile(dockerfile)) {
      problems.add(name + ": Dockerfile " + repo.relativize(dockerfile) + " does not exist");
      return;
    }
    Map<String, Object> args = build.get("args") == null ? Map.of() : map(build.get("args"));
    String module = String.valueOf(args.get("SERVICE"));
    if (!name.equals(module)) {
      problems.add(name + ": builds module '" + module + "' (build.args.SERVICE), expected " + name);
    }
    // The Dockerfile copies <module>/target/<module>-<version>-all.jar: the shade output of the module.
    String version = parentVersion();
    String dockerText = Files.readString(dockerfile);
    Matcher jar = Pattern.compile("\\$\\{SERVICE}/target/\\$\\{SERVICE}-([^ ]+)-all\\.jar").matcher(dockerText);
    if (!jar.find()) {
      problems.add(name + ": " + repo.relativize(dockerfile) + " does not copy ${SERVICE}/target/${SERVICE}-<version>-all.jar");
    } else if (!jar.group(1).equals(version)) {
      problems.add(name + ": the Dockerfile copies version " + jar.group(1) + " but the project version is " + version);
    }
    String pom = Files.readString(repo.resolve(name).resolve("pom.xml"));
    if (!pom.contains("<shadedClassifierName>all</shadedClassifierName>") && !pom.contains("-all</finalName>")) {
      problems.add(name + ": its pom does not build the runnable <module>-<version>-all.jar the Dockerfile copies");
    }
  }

  private void checkDatabase(String name, Map<String, String> env, Map<String, Object> appYaml,
      Map<String, Object> services, Map<String, Object> svc) {
    String url = env.get("DATASOURCES_DEFAULT_URL");
    Matcher m = url == null ? null : JDBC_URL.matcher(url);
    if (m == null || !m.matches()) {
      problems.add(name + ": DATASOURCES_DEFAULT_URL is missing or not a PostgreSQL JDBC URL: " + url);
      return;
    }
    String host = m.group(1);
    String database = m.group(3);
    Matcher local = JDBC_URL.matcher(String.valueOf(at(appYaml, "datasources.default.url")));
    if (local.matches() && !local.group(3).equals(database)) {
      problems.add(name + ": uses database " + database + " but application.yml names " + local.group(3));
    }
    if (!services.containsKey(host)) {
      problems.add(name + ": its database host " + host + " is not a service in the compose file");
      return;
    }
    Map<String, String> dbEnv = environment(host, map(services.get(host)));
    expectEqual(name, "database name (" + host + " POSTGRES_DB)", dbEnv.get("POSTGRES_DB"), database);
    expectEqual(name, "DATASOURCES_DEFAULT_USERNAME (" + host + " POSTGRES_USER)", dbEnv.get("POSTGRES_USER"),
        env.get("DATASOURCES_DEFAULT_USERNAME"));
    expectEqual(name, "DATASOURCES_DEFAULT_PASSWORD (" + host + " POSTGRES_PASSWORD)", dbEnv.get("POSTGRES_PASSWORD"),
        env.get("DATASOURCES_DEFAULT_PASSWORD"));
    if (!dependsOnHealthy(svc, host)) {
      problems.add(name + ": does not wait for " + host + " (depends_on with condition service_healthy)");
    }
    if (!(map(services.get(host)).get("healthcheck") instanceof Map)) {
      problems.add(host + ": has no health check");
    }
  }

  private void checkHealth(String name, Map<String, Object> svc, String httpPort) {
    if (!(svc.get("healthcheck") instanceof Map<?, ?> health)) {
      problems.add(name + ": has no health check");
      return;
    }
    String test = String.valueOf(health.get("test"));
    if (!test.contains("/" + httpPort) || !test.contains("/health")) {
      problems.add(name + ": its health check does not ask /health on its HTTP port " + httpPort + ": " + test);
    }
  }

  private void checkBackups(String name, Map<String, Object> svc, Map<String, String> env, Map<String, Object> volumes) {
    String dir = env.get("LOCKSTEP_AGENT_BACKUP_DIRECTORY");
    if (dir == null) {
      problems.add(name + ": LOCKSTEP_AGENT_BACKUP_DIRECTORY is not set");
      return;
    }
    if (env.get("LOCKSTEP_AGENT_BACKUP_KEY") == null) {
      problems.add(name + ": LOCKSTEP_AGENT_BACKUP_KEY is not set (backups would be unencrypted)");
    }
    boolean mounted = false;
    for (String mount : strings(svc.get("volumes"))) {
      String[] parts = mount.split(":");
      if (parts.length >= 2 && parts[1].equals(dir)) {
        mounted = true;
        if (!volumes.containsKey(parts[0])) {
          problems.add(name + ": backup volume " + parts[0] + " is not declared under volumes");
        }
      }
    }
    if (!mounted) {
      problems.add(name + ": no volume is mounted at its backup directory " + dir);
    }
  }

  private void checkCoordinatorTargets(Map<String, Object> services) {
    Map<String, String> env = environment(COORDINATOR, map(services.get(COORDINATOR)));
    String spec = env.getOrDefault("LOCKSTEP_COORDINATOR_TARGETS", "");
    Map<String, String> targets = new HashMap<>();
    for (String entry : spec.split(",")) {
      Matcher m = TARGET.matcher(entry.trim());
      if (!m.matches()) {
        problems.add(COORDINATOR + ": LOCKSTEP_COORDINATOR_TARGETS entry '" + entry + "' is not service/environment=host:port");
        continue;
      }
      targets.put(m.group(1), m.group(3) + ":" + m.group(4));
    }
    for (String service : DOMAIN_SERVICES) {
      if (!services.containsKey(service)) {
        continue;
      }
      Map<String, String> agentEnv = environment(service, map(services.get(service)));
      String expected = service + ":" + agentEnv.get("GRPC_SERVER_PORT");
      if (!expected.equals(targets.get(service))) {
        problems.add(COORDINATOR + ": targets " + service + " at " + targets.get(service) + ", but its agent listens on " + expected);
      }
      expectEqual(COORDINATOR, "LOCKSTEP_COORDINATOR_AGENT_TOKEN_SECRET (= " + service + " LOCKSTEP_SECURITY_JWT_HMAC_SECRET)",
          agentEnv.get("LOCKSTEP_SECURITY_JWT_HMAC_SECRET"), env.get("LOCKSTEP_COORDINATOR_AGENT_TOKEN_SECRET"));
    }
  }

  /** Every key the service reads, normalised: its application.yml plus the shared configuration classes. */
  private static Set<String> knownKeys(Map<String, Object> appYaml) {
    Set<String> keys = new TreeSet<>();
    flatten("", appYaml, keys);
    for (Class<?> type : SHARED_CONFIGURATION) {
      String prefix = type.getAnnotation(ConfigurationProperties.class).value();
      for (Method method : type.getMethods()) {
        if (method.getName().startsWith("set") && method.getParameterCount() == 1) {
          String property = method.getName().substring(3);
          keys.add(normalise(prefix + "." + Character.toLowerCase(property.charAt(0)) + property.substring(1)));
        }
      }
    }
    return keys;
  }

  /**
   * Environment variables a module's application.yml documents in its comments (settings without a
   * default, such as auth-service's signing key, are documented there rather than given a value).
   */
  private static Set<String> documentedVariables(Path applicationYml) throws IOException {
    Set<String> names = new TreeSet<>();
    for (String line : Files.readAllLines(applicationYml)) {
      int hash = line.indexOf('#');
      if (hash < 0) {
        continue;
      }
      Matcher m = Pattern.compile("\\b(?:LOCKSTEP|DATASOURCES|MICRONAUT|GRPC)_[A-Z0-9_]+\\b").matcher(line.substring(hash));
      while (m.find()) {
        names.add(normalise(m.group()));
      }
    }
    return names;
  }

  private static void flatten(String prefix, Map<String, Object> node, Set<String> keys) {
    for (Map.Entry<String, Object> e : node.entrySet()) {
      String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      keys.add(normalise(key));
      if (e.getValue() instanceof Map<?, ?> child) {
        flatten(key, map(child), keys);
      }
    }
  }

  /**
   * Micronaut's environment-variable mapping, reduced to one comparable form: case, dots, dashes,
   * underscores and camelCase boundaries are all the same.
   */
  static String normalise(String key) {
    return key.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT).replaceAll("[._-]", "");
  }

  private void expectEqual(String service, String what, Object expected, Object actual) {
    if (expected == null || !expected.equals(actual)) {
      problems.add(service + ": " + what + " is " + actual + ", expected " + expected);
    }
  }

  private static boolean dependsOnHealthy(Map<String, Object> svc, String dependency) {
    if (!(svc.get("depends_on") instanceof Map<?, ?> deps) || !(deps.get(dependency) instanceof Map<?, ?> condition)) {
      return false;
    }
    return "service_healthy".equals(condition.get("condition"));
  }

  private Map<String, String> environment(String name, Map<String, Object> svc) {
    Map<String, String> env = new LinkedHashMap<>();
    Object raw = svc.get("environment");
    if (raw instanceof Map<?, ?> m) {
      m.forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
    } else if (raw != null) {
      problems.add(name + ": environment must be a mapping");
    }
    return env;
  }

  private String parentVersion() throws IOException {
    Matcher m = Pattern.compile("<artifactId>lockstep-parent</artifactId>\\s*<version>([^<]+)</version>")
        .matcher(Files.readString(repo.resolve("pom.xml")));
    return m.find() ? m.group(1) : "?";
  }

  private static Object at(Map<String, Object> root, String dotted) {
    Object node = root;
    for (String part : dotted.split("\\.")) {
      if (!(node instanceof Map<?, ?> m)) {
        return null;
      }
      node = m.get(part);
    }
    return node;
  }

  private static Map<String, Object> yaml(Path file) throws IOException {
    Map<String, Object> loaded = new Yaml().load(Files.readString(file));
    return loaded == null ? Map.of() : loaded;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List<?> list) {
      list.forEach(item -> out.add(String.valueOf(item)));
    }
    return out;
  }
}
