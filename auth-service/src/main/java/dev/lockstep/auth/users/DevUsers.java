package dev.lockstep.auth.users;

import dev.lockstep.auth.AuthConfiguration;
import dev.lockstep.auth.DevelopmentOnly;
import dev.lockstep.auth.db.Db;
import dev.lockstep.auth.db.DbException;
import dev.lockstep.auth.db.SchemaFeatures;
import dev.lockstep.auth.password.PasswordHasher;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Development users: {@code lockstep.auth.dev-users} lists {@code username:password:role,role}
 * entries (env {@code LOCKSTEP_AUTH_DEV_USERS}); each is created, or updated to exactly that
 * password and those roles, when the service starts, so the quickstart's people can log in.
 * Off by default; refused in the production environment.
 *
 * <p>Entries may also be separated by {@code ;} or whitespace. In a comma-separated environment
 * variable the roles' commas split entries too, so an item without a {@code :} is read as one more
 * role of the entry before it: {@code rita:pw1:release-manager,thea:pw2:therapist,researcher}
 * gives thea both roles. The password is everything between the first and the last {@code :}.
 *
 * <p>Roles beyond what the V1 {@code rol} column expresses need schema V3 ({@code user_roles}).
 * When the database is older, those users are not created; one line says which and why, and each
 * is created on its first login attempt once the coordinator has rolled V3 out.
 */
@Singleton
public class DevUsers {

  private static final Logger LOG = LoggerFactory.getLogger(DevUsers.class);

  private final Map<String, Entry> entries;
  private final Db db;
  private final UserStore store;
  private final PasswordHasher hasher;
  private final SchemaFeatures schema;
  private final Set<String> pending = new TreeSet<>();

  /** Parses and checks the configured entries; a bad entry stops the start. */
  public DevUsers(AuthConfiguration config, Environment environment, Db db, UserStore store, PasswordHasher hasher,
      SchemaFeatures schema) {
    this.entries = parse(config.getDevUsers());
    this.db = db;
    this.store = store;
    this.hasher = hasher;
    this.schema = schema;
    if (!entries.isEmpty()) {
      DevelopmentOnly.refuseInProduction(environment, "lockstep.auth.dev-users",
          "create users with POST /api/users instead");
    }
  }

  /** Creates or updates every entry the schema allows, once the application has started. */
  @EventListener
  public void onStartup(StartupEvent event) {
    if (!entries.isEmpty()) {
      provisionAll();
    }
  }

  /** Creates or updates every configured user the schema allows; remembers the others. */
  public synchronized void provisionAll() {
    int version = schema.version();
    List<String> created = new ArrayList<>();
    List<String> waiting = new ArrayList<>();
    int needed = 0;
    for (Entry entry : entries.values()) {
      int requires = entry.requiredVersion();
      if (version < requires) {
        waiting.add(entry.username());
        needed = Math.max(needed, requires);
        pending.add(entry.username());
      } else {
        provision(entry);
        created.add(entry.username());
        pending.remove(entry.username());
      }
    }
    if (!created.isEmpty()) {
      LOG.warn("Development users (lockstep.auth.dev-users; development only) created or updated: {}",
          String.join(", ", created));
    }
    if (!waiting.isEmpty()) {
      LOG.warn("Development users {} not created yet: their roles need auth.user_roles (schema V{}), and {}. "
          + "Each is created at its first login once V{} is rolled out", String.join(", ", waiting), needed,
          schema.notReadyMessage(version, needed).replaceFirst(";.*", ""), needed);
    }
  }

  /**
   * Creates {@code username} if it is a development user that was waiting for the schema and the
   * schema now allows it.
   *
   * @return whether it was created now
   */
  public synchronized boolean provisionPending(String username) {
    Entry entry = entries.get(username);
    if (entry == null || !pending.contains(username) || schema.version() < entry.requiredVersion()) {
      return false;
    }
    provision(entry);
    pending.remove(username);
    LOG.warn("Development user {} created now that the schema allows its roles", username);
    return true;
  }

  /** The configured usernames (tests). */
  Set<String> usernames() {
    return entries.keySet();
  }

  private void provision(Entry entry) {
    String rol = RoleNames.primaryFor(entry.roles());
    Set<String> grants = RoleNames.needingGrants(rol, entry.roles());
    boolean roleTable = schema.atLeast(SchemaFeatures.ROLES_AND_CONSENTS);
    for (int attempt = 1; ; attempt++) {
      try {
        db.inTransaction("provision development user", c -> {
          apply(c, entry, rol, grants, roleTable);
          return null;
        });
        return;
      } catch (DbException e) {
        // Two instances starting at once both insert; the loser updates the winner's row.
        if (attempt >= 2 || !e.isUniqueViolation(UserStore.USERNAME_UNIQUE)) {
          throw e;
        }
      }
    }
  }

  private void apply(Connection c, Entry entry, String rol, Set<String> grants, boolean roleTable) throws SQLException {
    Optional<UserAccount> existing = store.byUsername(c, entry.username());
    long id;
    if (existing.isPresent()) {
      UserAccount user = existing.get();
      boolean keepHash = hasher.verify(entry.password(), user.passwordHash()) && !hasher.needsRehash(user.passwordHash());
      store.overwrite(c, user.id(), user.email(), keepHash ? user.passwordHash() : hasher.hash(entry.password()), rol);
      id = user.id();
    } else {
      id = store.insert(c, entry.username(), null, hasher.hash(entry.password()), rol).id();
    }
    if (roleTable) {
      store.revokeAllBut(c, id, grants);
      for (String role : grants) {
        store.grant(c, id, role, null);
      }
    }
  }

  /** Parses the configured list (see the class comment). */
  static Map<String, Entry> parse(List<String> raw) {
    Map<String, Entry> out = new LinkedHashMap<>();
    List<String> items = new ArrayList<>();
    for (String value : raw == null ? List.<String>of() : raw) {
      for (String part : value.split("[;\\s]+")) {
        for (String item : part.split(",")) {
          if (!item.isBlank()) {
            items.add(item.strip());
          }
        }
      }
    }
    String lastUser = null;
    for (String item : items) {
      int first = item.indexOf(':');
      if (first < 0) {
        if (lastUser == null) {
          throw invalid(out.size() + 1, "starts with a role; write username:password:role,role");
        }
        Entry previous = out.get(lastUser);
        List<String> roles = new ArrayList<>(previous.roles());
        roles.add(checkRole(out.size(), item));
        out.put(lastUser, new Entry(previous.username(), previous.password(), roles));
        continue;
      }
      int last = item.lastIndexOf(':');
      if (last == first) {
        throw invalid(out.size() + 1, "needs username:password:roles (the roles may be empty)");
      }
      String username = item.substring(0, first);
      String password = item.substring(first + 1, last);
      String role = item.substring(last + 1);
      if (!username.matches(CreateUserRequest.USERNAME)) {
        throw invalid(out.size() + 1, "the username " + CreateUserRequest.USERNAME_RULE);
      }
      if (password.length() < 8) {
        throw invalid(out.size() + 1, "the password of " + username + " must have at least 8 characters");
      }
      if (out.containsKey(username)) {
        throw invalid(out.size() + 1, username + " is listed twice");
      }
      List<String> roles = new ArrayList<>();
      if (!role.isEmpty()) {
        roles.add(checkRole(out.size() + 1, role));
      }
      out.put(username, new Entry(username, password, roles));
      lastUser = username;
    }
    return out;
  }

  private static String checkRole(int index, String role) {
    String problem = RoleNames.USER.equals(role) ? null : RoleNames.grantProblem(role);
    if (problem != null) {
      throw invalid(index, "role '" + role + "': " + problem);
    }
    return role;
  }

  private static IllegalStateException invalid(int index, String message) {
    // Never echo the entry: it holds a password.
    return new IllegalStateException("lockstep.auth.dev-users entry " + index + ": " + message);
  }

  /** One configured user. */
  record Entry(String username, String password, List<String> roles) {

    /** The schema version its roles need: V3 when some role needs a grant, else V1. */
    int requiredVersion() {
      return RoleNames.needingGrants(RoleNames.primaryFor(roles), roles).isEmpty() ? 1 : SchemaFeatures.ROLES_AND_CONSENTS;
    }

    @Override
    public String toString() {
      return "Entry[" + username + ", " + roles + "]";
    }
  }
}
