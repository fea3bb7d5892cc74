package dev.lockstep.auth.users;

import dev.lockstep.auth.db.Db;
import dev.lockstep.auth.db.DbException;
import dev.lockstep.auth.db.SchemaFeatures;
import dev.lockstep.auth.error.AuthErrorCode;
import dev.lockstep.auth.password.PasswordHasher;
import dev.lockstep.http.page.Page;
import dev.lockstep.http.page.PageRequest;
import dev.lockstep.http.page.PageToken;
import dev.lockstep.http.problem.ProblemException;
import dev.lockstep.schema.security.Caller;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users and their roles: creation, listing, grants, activation, and resolving a token's caller to
 * its account. Grants need schema V3 ({@code auth.user_roles}); everything else works from V1.
 */
@Singleton
public class UserService {

  private static final Logger LOG = LoggerFactory.getLogger(UserService.class);

  private final Db db;
  private final UserStore store;
  private final PasswordHasher hasher;
  private final SchemaFeatures schema;

  /** A service over the auth database. */
  public UserService(Db db, UserStore store, PasswordHasher hasher, SchemaFeatures schema) {
    this.db = db;
    this.store = store;
    this.hasher = hasher;
    this.schema = schema;
  }

  /** Creates a user with the requested roles (see {@link CreateUserRequest#roles()}). */
  public UserView create(CreateUserRequest request, Caller caller) {
    List<String> roles = request.roles() == null ? List.of() : request.roles();
    for (int i = 0; i < roles.size(); i++) {
      String problem = RoleNames.USER.equals(roles.get(i)) ? null : RoleNames.grantProblem(roles.get(i));
      if (problem != null) {
        throw ProblemException.invalidField("roles[" + i + "]", problem);
      }
    }
    String rol = RoleNames.primaryFor(roles);
    Set<String> grants = RoleNames.needingGrants(rol, roles);
    if (!grants.isEmpty()) {
      schema.require(SchemaFeatures.ROLES_AND_CONSENTS);
    }
    String email = request.email() == null ? null : request.email().strip().toLowerCase(Locale.ROOT);
    String hash = hasher.hash(request.password());
    Long by = callerId(caller);
    try {
      UserView view = db.inTransaction("create user", c -> {
        UserAccount user = store.insert(c, request.username(), email, hash, rol);
        for (String role : grants) {
          store.grant(c, user.id(), role, by);
        }
        return view(c, user);
      });
      LOG.info("User {} created by {}", view.id(), caller.subject());
      return view;
    } catch (DbException e) {
      throw conflict(e);
    }
  }

  /** One page of users, by id. */
  public Page<UserView> list(PageRequest page) {
    long after = page.token(1).map(t -> t.longValue(0)).orElse(0L);
    return db.run("list users", c -> {
      List<UserAccount> rows = store.page(c, after, page.size() + 1);
      Map<Long, List<RoleGrant>> grants = schema.atLeast(SchemaFeatures.ROLES_AND_CONSENTS)
          ? store.grants(c, rows.stream().map(UserAccount::id).toList()) : Map.of();
      List<UserView> views = new ArrayList<>(rows.size());
      for (UserAccount row : rows) {
        views.add(toView(row, grants.getOrDefault(row.id(), List.of())));
      }
      return Page.of(views, page, v -> PageToken.encode(v.id()));
    });
  }

  /** One user. */
  public UserView get(long id) {
    return db.run("read user", c -> view(c, store.byId(c, id).orElseThrow(() -> notFound(id))));
  }

  /** Grants {@code role} to user {@code id} (V3); idempotent. */
  public UserView grant(long id, String role, Caller caller) {
    requireGrantable(role);
    schema.require(SchemaFeatures.ROLES_AND_CONSENTS);
    Long by = callerId(caller);
    UserView view = db.inTransaction("grant role", c -> {
      UserAccount user = store.byIdForUpdate(c, id).orElseThrow(() -> notFound(id));
      store.grant(c, id, role, by);
      return view(c, user);
    });
    LOG.info("Role {} granted to user {} by {}", role, id, caller.subject());
    return view;
  }

  /**
   * Takes {@code role} from user {@code id} (V3): removes its grant and, when the user's primary
   * role gives it, sets the primary role to {@code usuario}. An admin cannot take admin from
   * themselves.
   */
  public UserView revoke(long id, String role, Caller caller) {
    requireGrantable(role);
    schema.require(SchemaFeatures.ROLES_AND_CONSENTS);
    if (RoleNames.ADMIN.equals(role) && Long.valueOf(id).equals(callerId(caller))) {
      throw new ProblemException(AuthErrorCode.SELF_LOCKOUT, "An admin cannot revoke their own admin role; "
          + "ask another admin");
    }
    UserView view = db.inTransaction("revoke role", c -> {
      UserAccount user = store.byIdForUpdate(c, id).orElseThrow(() -> notFound(id));
      store.revoke(c, id, role);
      if (role.equals(RoleNames.ofPrimary(user.primaryRole()))) {
        store.update(c, id, user.active(), "usuario");
      }
      return view(c, store.byId(c, id).orElseThrow());
    });
    LOG.info("Role {} revoked from user {} by {}", role, id, caller.subject());
    return view;
  }

  /** Activates or deactivates user {@code id}; nobody deactivates themselves. */
  public UserView setActive(long id, boolean active, Caller caller) {
    if (!active && Long.valueOf(id).equals(callerId(caller))) {
      throw new ProblemException(AuthErrorCode.SELF_LOCKOUT, "You cannot deactivate your own account; ask another admin");
    }
    UserView view = db.inTransaction("set user active", c -> {
      UserAccount user = store.byIdForUpdate(c, id).orElseThrow(() -> notFound(id));
      store.update(c, id, active, user.primaryRole());
      return view(c, store.byId(c, id).orElseThrow());
    });
    LOG.info("User {} {} by {}", id, active ? "activated" : "deactivated", caller.subject());
    return view;
  }

  /** The caller's own account. */
  public UserView me(Caller caller) {
    UserAccount user = currentUser(caller);
    return db.run("read user", c -> view(c, user));
  }

  /**
   * The active account behind a token.
   *
   * @throws ProblemException 403 {@code NOT_A_USER} when the subject is no user id,
   *     403 {@code ACCOUNT_INACTIVE} when the user was deactivated
   */
  public UserAccount currentUser(Caller caller) {
    Long id = callerId(caller);
    UserAccount user = id == null ? null : db.run("read user", c -> store.byId(c, id).orElse(null));
    if (user == null) {
      throw new ProblemException(AuthErrorCode.NOT_A_USER, "The token's subject is not an auth-service user; "
          + "log in with POST /api/auth/login");
    }
    if (!user.active()) {
      throw new ProblemException(AuthErrorCode.ACCOUNT_INACTIVE, "This account has been deactivated");
    }
    return user;
  }

  /** The roles a token for {@code user} carries now (grants only from V3 on). */
  public Set<String> tokenRoles(Connection c, UserAccount user) throws SQLException {
    return RoleNames.tokenRoles(user.primaryRole(), grants(c, user).stream().map(RoleGrant::role).toList());
  }

  /** The user's grants, or none before V3. */
  public List<RoleGrant> grants(Connection c, UserAccount user) throws SQLException {
    return schema.atLeast(SchemaFeatures.ROLES_AND_CONSENTS) ? store.grants(c, user.id()) : List.of();
  }

  /** The caller's user id, or null when its subject is not a decimal id. */
  public static Long callerId(Caller caller) {
    String subject = caller.subject();
    if (subject.isEmpty() || subject.length() > 18 || !subject.chars().allMatch(Character::isDigit)) {
      return null;
    }
    return Long.parseLong(subject);
  }

  private UserView view(Connection c, UserAccount user) throws SQLException {
    return toView(user, grants(c, user));
  }

  /** The API view of {@code user} with these grants. */
  public static UserView toView(UserAccount user, List<RoleGrant> grants) {
    Set<String> roles = new TreeSet<>(RoleNames.tokenRoles(user.primaryRole(), grants.stream().map(RoleGrant::role).toList()));
    return new UserView(Long.toString(user.id()), user.username(), user.email(), user.primaryRole(), List.copyOf(roles),
        user.active(), user.createdAt(), user.lastLoginAt());
  }

  private static void requireGrantable(String role) {
    String problem = RoleNames.grantProblem(role);
    if (problem != null) {
      throw ProblemException.invalidField("role", problem);
    }
  }

  private static ProblemException notFound(long id) {
    return new ProblemException(AuthErrorCode.USER_NOT_FOUND, "No user with id " + id);
  }

  private static RuntimeException conflict(DbException e) {
    if (e.isUniqueViolation(UserStore.USERNAME_UNIQUE)) {
      return new ProblemException(AuthErrorCode.USERNAME_TAKEN, "This username is already taken; choose another");
    }
    if (e.isUniqueViolation(UserStore.EMAIL_UNIQUE)) {
      return new ProblemException(AuthErrorCode.EMAIL_TAKEN, "Another user has this e-mail address");
    }
    return e;
  }
}
