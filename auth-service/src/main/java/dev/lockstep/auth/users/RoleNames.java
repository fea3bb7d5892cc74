package dev.lockstep.auth.users;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The role names auth-service puts in tokens, and how they relate to the V1 {@code rol} column.
 *
 * <p>Every user has one primary role in {@code auth.sys_usuarios.rol} (V1) and, from V3 on, any
 * number of grants in {@code auth.user_roles}. A token's {@code roles} are {@code user} (every
 * signed-in person), the primary role's name and the grants:
 *
 * <table>
 *   <caption>Primary role to token role</caption>
 *   <tr><th>rol</th><th>token role</th></tr>
 *   <tr><td>admin</td><td>admin</td></tr>
 *   <tr><td>medico</td><td>therapist</td></tr>
 *   <tr><td>enfermero, recepcionista</td><td>staff (clinic staff without clinical authority)</td></tr>
 *   <tr><td>usuario</td><td>(none beyond user)</td></tr>
 * </table>
 *
 * <p>Grantable roles ({@link #GRANTABLE}) are the domain roles and the coordinator's and schema
 * agents' roles a person may hold; V3's CHECK constraint on {@code user_roles.role} lists the same
 * names. {@code user} is never granted: every token carries it.
 */
public final class RoleNames {

  /** Every token carries it. */
  public static final String USER = "user";
  /** May administer users. */
  public static final String ADMIN = "admin";
  /** Clinician. */
  public static final String THERAPIST = "therapist";
  /** Clinic staff (nurses, reception). */
  public static final String STAFF = "staff";

  /** Roles that can be granted (the V3 CHECK list). */
  public static final Set<String> GRANTABLE = Set.of(ADMIN, THERAPIST, STAFF, "researcher", "patient",
      "release-manager", "approver", "viewer", "schema-viewer", "schema-operator");

  private static final Map<String, String> FROM_PRIMARY = Map.of(
      "admin", ADMIN, "medico", THERAPIST, "enfermero", STAFF, "recepcionista", STAFF);

  private RoleNames() {
  }

  /** The token role of a primary role, or null for {@code usuario}. */
  public static String ofPrimary(String rol) {
    return FROM_PRIMARY.get(rol);
  }

  /** A token's roles: {@code user}, the primary role's and the grants, sorted. */
  public static Set<String> tokenRoles(String rol, Collection<String> grants) {
    Set<String> roles = new TreeSet<>(grants);
    roles.add(USER);
    String primary = ofPrimary(rol);
    if (primary != null) {
      roles.add(primary);
    }
    return roles;
  }

  /** The primary role ({@code rol}) that best expresses {@code roles}: admin, then medico, enfermero, usuario. */
  public static String primaryFor(Collection<String> roles) {
    if (roles.contains(ADMIN)) {
      return "admin";
    }
    if (roles.contains(THERAPIST)) {
      return "medico";
    }
    if (roles.contains(STAFF)) {
      return "enfermero";
    }
    return "usuario";
  }

  /** The roles of {@code roles} that {@code rol} does not already give: those needing a V3 grant. */
  public static Set<String> needingGrants(String rol, Collection<String> roles) {
    Set<String> rest = new TreeSet<>(roles);
    rest.remove(USER);
    String primary = ofPrimary(rol);
    if (primary != null) {
      rest.remove(primary);
    }
    return rest;
  }

  /** Validates a role name for a grant; returns the problem, or null when it is grantable. */
  public static String grantProblem(String role) {
    if (USER.equals(role)) {
      return "user is not granted: every token carries it";
    }
    if (!GRANTABLE.contains(role)) {
      return "unknown role; one of " + String.join(", ", List.copyOf(new TreeSet<>(GRANTABLE)));
    }
    return null;
  }
}
