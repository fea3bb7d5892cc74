package dev.lockstep.auth.login;

import dev.lockstep.auth.db.Db;
import dev.lockstep.auth.error.AuthErrorCode;
import dev.lockstep.auth.password.PasswordHasher;
import dev.lockstep.auth.token.TokenIssuer;
import dev.lockstep.auth.users.DevUsers;
import dev.lockstep.auth.users.UserAccount;
import dev.lockstep.auth.users.UserService;
import dev.lockstep.auth.users.UserStore;
import dev.lockstep.http.problem.ProblemException;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a username and password and issues a token. Works on a V1 database (only
 * {@code sys_usuarios} is needed); from V3 on the token also carries the user's grants.
 *
 * <p>Every refusal (unknown user, wrong password, deactivated account, a password hash that is not
 * Argon2id) is the same 401 {@code INVALID_CREDENTIALS} and costs one hash computation, so neither
 * the answer nor its timing tells which usernames exist. {@link LoginThrottle} brakes guessing.
 */
@Singleton
public class LoginService {

  /** The one message every refused login gets. */
  public static final String INVALID = "Invalid username or password";

  private static final Logger LOG = LoggerFactory.getLogger(LoginService.class);

  private final Db db;
  private final UserStore store;
  private final UserService users;
  private final PasswordHasher hasher;
  private final TokenIssuer issuer;
  private final LoginThrottle throttle;
  private final DevUsers devUsers;

  /** A login over these beans. */
  public LoginService(Db db, UserStore store, UserService users, PasswordHasher hasher, TokenIssuer issuer,
      LoginThrottle throttle, DevUsers devUsers) {
    this.db = db;
    this.store = store;
    this.users = users;
    this.hasher = hasher;
    this.issuer = issuer;
    this.throttle = throttle;
    this.devUsers = devUsers;
  }

  /**
   * A token for {@code username}, when {@code password} is right and the account active.
   *
   * @throws ProblemException 401 {@code INVALID_CREDENTIALS}
   * @throws LoginLockedException while the username is locked out
   */
  LoginResult login(String username, String password) {
    Optional<Duration> locked = throttle.lockedFor(username);
    if (locked.isPresent()) {
      LOG.info("Login refused: username locked out after repeated failures");
      throw new LoginLockedException(locked.get());
    }
    UserAccount user = db.run("read user", c -> store.byUsername(c, username).orElse(null));
    if (user == null && devUsers.provisionPending(username)) {
      user = db.run("read user", c -> store.byUsername(c, username).orElse(null));
    }
    if (user == null) {
      hasher.verifyDecoy(password);
      return refuse(username, "unknown user");
    }
    boolean matches = hasher.verify(password, user.passwordHash());
    if (!matches || !user.active()) {
      return refuse(username, (matches ? "inactive" : "wrong password") + ", user " + user.id());
    }
    throttle.success(username);
    String rehash = hasher.needsRehash(user.passwordHash()) ? hasher.hash(password) : null;
    UserAccount account = user;
    Set<String> roles = db.inTransaction("record login", c -> {
      store.recordLogin(c, account.id(), rehash);
      return users.tokenRoles(c, account);
    });
    TokenIssuer.IssuedToken token = issuer.issue(user.id(), user.username(), user.email(), roles,
        UUID.randomUUID().toString());
    LOG.info("User {} logged in{}", user.id(), rehash == null ? "" : " (password hash upgraded)");
    return new LoginResult(user.id(), token);
  }

  private LoginResult refuse(String username, String why) {
    throttle.failure(username);
    // The reason goes to the log (ids only), never to the caller.
    LOG.info("Login refused: {}", why);
    throw new ProblemException(AuthErrorCode.INVALID_CREDENTIALS, INVALID);
  }

  /** A successful login. */
  record LoginResult(long userId, TokenIssuer.IssuedToken token) {
  }
}
