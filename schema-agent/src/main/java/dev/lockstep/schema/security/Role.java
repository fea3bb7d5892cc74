package dev.lockstep.schema.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A role a gRPC method requires, with the name it has in a token's {@code roles} claim.
 *
 * <p>A role implies itself and the roles listed at its declaration: {@code schema-operator} implies
 * {@code schema-viewer}, and on the coordinator {@code approver} and {@code release-manager} each
 * imply {@code viewer} (anyone who may act on a rollout may read it). {@code approver} and
 * {@code release-manager} deliberately do not imply each other, so the person who starts a rollout
 * cannot also approve it with the same token. {@code service} (a machine identity: a domain
 * service or deploy pipeline asking where its schema stands) implies {@code viewer}: it may read,
 * never decide. Schema-agent roles and coordinator roles
 * are unrelated: they guard different servers.
 */
public enum Role {
  /** Reads a service database's schema state (status, fingerprints, history). */
  SCHEMA_VIEWER("schema-viewer"),
  /** Changes a service database's schema (migrate, undo, restore); implies {@link #SCHEMA_VIEWER}. */
  SCHEMA_OPERATOR("schema-operator", SCHEMA_VIEWER),
  /** Coordinator: reads rollouts, targets and their history. */
  VIEWER("viewer"),
  /** Coordinator: approves or rejects a planned rollout; implies {@link #VIEWER}. */
  APPROVER("approver", VIEWER),
  /** Coordinator: plans, starts, pauses and rolls back rollouts; implies {@link #VIEWER}. */
  RELEASE_MANAGER("release-manager", VIEWER),
  /**
   * Coordinator: a service or deploy pipeline asking where a schema stands (SchemaStatusService);
   * implies {@link #VIEWER}.
   */
  SERVICE("service", VIEWER);

  private final String wireName;
  private final Set<Role> implied;

  Role(String wireName, Role... implied) {
    this.wireName = wireName;
    // Set.of, not EnumSet: EnumSet needs the finished enum, which does not exist while constants are built.
    this.implied = Set.of(implied);
  }

  /** The name of this role in a token's {@code roles} claim, e.g. {@code schema-operator}. */
  public String wireName() {
    return wireName;
  }

  /** The role with this claim name; empty for names Lockstep does not know. */
  public static Optional<Role> fromWireName(String name) {
    for (Role role : values()) {
      if (role.wireName.equals(name)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }

  /** This role and every role it implies. */
  public Set<Role> closure() {
    EnumSet<Role> all = EnumSet.of(this);
    all.addAll(implied);
    return all;
  }

  /**
   * Whether a caller granted these role names (a token's {@code roles} claim) holds this role,
   * directly or through a role that implies it. Unknown names grant nothing.
   */
  public boolean isSatisfiedBy(Collection<String> grantedRoleNames) {
    for (String name : grantedRoleNames) {
      Optional<Role> granted = fromWireName(name);
      if (granted.isPresent() && granted.get().closure().contains(this)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return wireName;
  }
}
