package dev.lockstep.schema.security;

/**
 * A bearer token was missing or not acceptable. The message is safe to send to the client and to
 * log: it says what was wrong ("token expired", "invalid token signature") and never contains the
 * token or its claims. For the same reason the exception carries no cause: parser messages may
 * quote parts of the token.
 */
public class AuthenticationException extends RuntimeException {

  /** Creates an exception with a client-facing message. */
  public AuthenticationException(String message) {
    super(message, null, false, false);
  }
}
