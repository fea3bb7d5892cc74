package dev.lockstep.schema.security;

/**
 * Told about every call refused because its authenticated caller lacks the method's role, so a
 * service can keep its own record of such attempts (the coordinator audits refused schema changes).
 * The call is refused before its request is read; a listener cannot change that, and a listener
 * that fails is logged and ignored.
 */
@FunctionalInterface
public interface AccessDeniedListener {

  /**
   * {@code caller} called {@code fullMethodName} (e.g. {@code lockstep.x.v1.Service/Method})
   * without role {@code required}.
   */
  void denied(Caller caller, String fullMethodName, Role required);
}
