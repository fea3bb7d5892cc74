package dev.lockstep.schema.security;

import io.grpc.Context;
import java.util.Optional;

/**
 * Where {@link GrpcAuthInterceptor} leaves the authenticated {@link Caller} for the service code of
 * the current gRPC call (an {@link io.grpc.Context} value).
 */
public final class CallerContext {

  /** The gRPC context key holding the caller of the current call. */
  public static final Context.Key<Caller> KEY = Context.key("lockstep-caller");

  private CallerContext() {
  }

  /**
   * The caller of the current gRPC call.
   *
   * @throws IllegalStateException outside an authenticated call (public methods such as health
   *     have no caller; so has code running on a thread that did not inherit the call's context)
   */
  public static Caller current() {
    Caller caller = KEY.get();
    if (caller == null) {
      throw new IllegalStateException("No authenticated caller in the current gRPC context: call this "
          + "only from a method that MethodPolicy maps to a role, on the thread (or a Context-wrapped "
          + "executor) that handles the call");
    }
    return caller;
  }

  /** The caller of the current gRPC call, or empty outside an authenticated call. */
  public static Optional<Caller> find() {
    return Optional.ofNullable(KEY.get());
  }
}
