package dev.lockstep.schema.security;

import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which role each gRPC method of a server requires.
 *
 * <p>A method's own mapping wins over its service's. Every method of {@link #PUBLIC_SERVICES}
 * (health and server reflection) is public: it needs no token. Any other method without a mapping
 * is refused to every caller, so a service added without declaring its roles is closed rather than
 * open. Immutable; build with {@link #builder()} or from {@link MethodPolicyContributor}s.
 */
public final class MethodPolicy {

  /** Services callable without a token: health checks and server reflection. */
  public static final Set<String> PUBLIC_SERVICES = Set.of(
      "grpc.health.v1.Health",
      "grpc.reflection.v1.ServerReflection",
      "grpc.reflection.v1alpha.ServerReflection");

  private final Map<String, Role> methods;
  private final Map<String, Role> services;

  private MethodPolicy(Map<String, Role> methods, Map<String, Role> services) {
    this.methods = Map.copyOf(methods);
    this.services = Map.copyOf(services);
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The policy the contributors declare together. */
  public static MethodPolicy of(Iterable<? extends MethodPolicyContributor> contributors) {
    Builder b = builder();
    for (MethodPolicyContributor contributor : contributors) {
      contributor.contribute(b);
    }
    return b.build();
  }

  /** Whether the method (e.g. {@code grpc.health.v1.Health/Check}) needs no token. */
  public boolean isPublic(String fullMethodName) {
    return PUBLIC_SERVICES.contains(serviceOf(fullMethodName));
  }

  /**
   * The role a non-public method requires; empty when neither the method nor its service is
   * mapped, which means nobody may call it.
   */
  public Optional<Role> requiredRole(String fullMethodName) {
    Role role = methods.get(fullMethodName);
    if (role == null) {
      role = services.get(serviceOf(fullMethodName));
    }
    return Optional.ofNullable(role);
  }

  private static String serviceOf(String fullMethodName) {
    String service = MethodDescriptor.extractFullServiceName(fullMethodName);
    return service == null ? "" : service;
  }

  /** Collects mappings; mapping one name to two different roles is an error. */
  public static final class Builder {
    private final Map<String, Role> methods = new HashMap<>();
    private final Map<String, Role> services = new HashMap<>();

    private Builder() {
    }

    /** Requires {@code role} for one method, e.g. {@code lockstep.schema.v1.SchemaAgentService/Migrate}. */
    public Builder method(String fullMethodName, Role role) {
      String service = MethodDescriptor.extractFullServiceName(fullMethodName);
      if (service == null || service.isEmpty() || fullMethodName.endsWith("/")) {
        throw new IllegalArgumentException("'" + fullMethodName + "' is not a full gRPC method name "
            + "(package.Service/Method)");
      }
      put(methods, checkNotPublic(service, fullMethodName), role);
      return this;
    }

    /** Requires {@code role} for one method. */
    public Builder method(MethodDescriptor<?, ?> method, Role role) {
      return method(method.getFullMethodName(), role);
    }

    /** Requires {@code role} for every method of a service that has no mapping of its own. */
    public Builder service(String fullServiceName, Role role) {
      if (fullServiceName == null || fullServiceName.isBlank() || fullServiceName.contains("/")) {
        throw new IllegalArgumentException("'" + fullServiceName + "' is not a full gRPC service name "
            + "(package.Service)");
      }
      put(services, checkNotPublic(fullServiceName, fullServiceName), role);
      return this;
    }

    /** Requires {@code role} for every method of a service that has no mapping of its own. */
    public Builder service(ServiceDescriptor service, Role role) {
      return service(service.getName(), role);
    }

    /** The policy. */
    public MethodPolicy build() {
      return new MethodPolicy(methods, services);
    }

    private static String checkNotPublic(String service, String name) {
      if (PUBLIC_SERVICES.contains(service)) {
        throw new IllegalArgumentException("'" + name + "' belongs to a public service (health or "
            + "reflection), which needs no role");
      }
      return name;
    }

    private static void put(Map<String, Role> map, String name, Role role) {
      if (role == null) {
        throw new IllegalArgumentException("No role given for '" + name + "'");
      }
      Role previous = map.putIfAbsent(name, role);
      if (previous != null && previous != role) {
        throw new IllegalStateException("'" + name + "' is mapped to both " + previous + " and " + role
            + "; keep one MethodPolicyContributor per service");
      }
    }
  }
}
