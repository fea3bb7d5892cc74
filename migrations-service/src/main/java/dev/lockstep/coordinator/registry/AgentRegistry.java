package dev.lockstep.coordinator.registry;

import dev.lockstep.coordinator.manifest.TargetRegistry;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Where each service's schema agent listens, per environment. Read from
 * {@code lockstep.coordinator.targets} (env {@code LOCKSTEP_COORDINATOR_TARGETS}), a comma
 * separated list of {@code service/environment=host:port}, e.g.
 * {@code auth-service/production=127.0.0.1:9091,auth-service/staging=127.0.0.1:9191}. The coordinator
 * holds addresses only, never a domain database's credentials.
 */
@Singleton
public class AgentRegistry implements TargetRegistry {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
  private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.-]{1,253}:[0-9]{1,5}");

  private final Map<String, Map<String, String>> addresses;

  /** A registry parsed from {@code spec}. */
  public AgentRegistry(@Value("${lockstep.coordinator.targets:}") String spec) {
    this.addresses = parse(spec);
  }

  static Map<String, Map<String, String>> parse(String spec) {
    Map<String, Map<String, String>> out = new TreeMap<>();
    if (spec == null || spec.isBlank()) {
      return out;
    }
    for (String entry : spec.split(",")) {
      String e = entry.strip();
      if (e.isEmpty()) {
        continue;
      }
      int slash = e.indexOf('/');
      int eq = e.indexOf('=');
      if (slash < 0 || eq < slash) {
        throw new IllegalArgumentException("lockstep.coordinator.targets: '" + e
            + "' is not service/environment=host:port");
      }
      String service = e.substring(0, slash);
      String environment = e.substring(slash + 1, eq);
      String address = e.substring(eq + 1);
      if (!NAME.matcher(service).matches() || !NAME.matcher(environment).matches()
          || !ADDRESS.matcher(address).matches()) {
        throw new IllegalArgumentException("lockstep.coordinator.targets: '" + e + "' is not service/environment"
            + "=host:port with lower-case names");
      }
      out.computeIfAbsent(service, k -> new TreeMap<>()).put(environment, address);
    }
    return Collections.unmodifiableMap(out);
  }

  /** The agent address of a target, if registered. */
  public Optional<String> address(String service, String environment) {
    return Optional.ofNullable(addresses.getOrDefault(service, Map.of()).get(environment));
  }

  /** Every registered service. */
  @Override
  public Set<String> services() {
    return addresses.keySet();
  }

  /** The environments registered for {@code service}. */
  public Set<String> environments(String service) {
    return addresses.getOrDefault(service, Map.of()).keySet();
  }

  /** True when {@code service} is registered. */
  @Override
  public boolean hasService(String service) {
    return addresses.containsKey(service);
  }

  /** True when {@code service} is registered in {@code environment}. */
  @Override
  public boolean hasEnvironment(String service, String environment) {
    return address(service, environment).isPresent();
  }

  /** All entries, service to environment to address. */
  public Map<String, Map<String, String>> all() {
    return addresses;
  }
}
