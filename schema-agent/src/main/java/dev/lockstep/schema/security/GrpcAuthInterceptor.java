package dev.lockstep.schema.security;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.micronaut.core.order.Ordered;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates every gRPC call with a bearer JWT and checks the role its method requires.
 *
 * <p>Public methods ({@link MethodPolicy#PUBLIC_SERVICES}) pass untouched. Any other call needs
 * metadata {@code authorization: Bearer <jwt>}: a missing or unacceptable token closes the call
 * with {@code UNAUTHENTICATED}; a caller without the method's role, or a method with no mapping at
 * all, gets {@code PERMISSION_DENIED}. Both carry a {@code google.rpc.ErrorInfo} detail (domain
 * {@value #ERROR_DOMAIN}). An accepted call runs with its {@link Caller} in the gRPC context
 * ({@link CallerContext#current()}).
 *
 * <p>micronaut-grpc installs every {@link ServerInterceptor} bean; this one has the highest
 * precedence so nothing runs before the caller is known. Tokens are never logged; denials are
 * logged at INFO with the method, the subject when the token was valid, and the client-facing
 * reason.
 */
@Singleton
public class GrpcAuthInterceptor implements ServerInterceptor, Ordered {

  /** The {@code ErrorInfo.domain} of authentication and authorization failures. */
  public static final String ERROR_DOMAIN = "lockstep.dev";
  /** The metadata key carrying {@code Bearer <jwt>}. */
  public static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private static final Logger LOG = LoggerFactory.getLogger(GrpcAuthInterceptor.class);
  private static final String BEARER = "bearer ";

  private final TokenVerifier verifier;
  private final MethodPolicy policy;
  private final List<AccessDeniedListener> deniedListeners;

  /** An interceptor checking tokens with {@code verifier} against {@code policy}. */
  public GrpcAuthInterceptor(TokenVerifier verifier, MethodPolicy policy) {
    this(verifier, policy, List.of());
  }

  /** An interceptor that also tells {@code deniedListeners} about callers lacking a role. */
  @Inject
  public GrpcAuthInterceptor(TokenVerifier verifier, MethodPolicy policy,
      List<AccessDeniedListener> deniedListeners) {
    this.verifier = verifier;
    this.policy = policy;
    this.deniedListeners = List.copyOf(deniedListeners);
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    if (policy.isPublic(method)) {
      return next.startCall(call, headers);
    }
    Caller caller;
    try {
      caller = verifier.verify(bearerToken(headers));
    } catch (AuthenticationException e) {
      LOG.info("gRPC call to {} refused: {}", method, e.getMessage());
      return refuse(call, Status.Code.UNAUTHENTICATED, e.getMessage(), Map.of("method", method));
    }
    Optional<Role> required = policy.requiredRole(method);
    if (required.isEmpty()) {
      String message = "method " + method + " is not open to any role on this server";
      LOG.info("gRPC call to {} by {} refused: no role is mapped to the method", method, caller.subject());
      return refuse(call, Status.Code.PERMISSION_DENIED, message, Map.of("method", method));
    }
    Role role = required.get();
    if (!caller.has(role)) {
      String message = "method " + method + " requires role " + role.wireName();
      LOG.info("gRPC call to {} by {} refused: lacks role {}", method, caller.subject(), role.wireName());
      for (AccessDeniedListener listener : deniedListeners) {
        try {
          listener.denied(caller, method, role);
        } catch (RuntimeException e) {
          LOG.warn("access-denied listener {} failed for {} by {}", listener.getClass().getName(), method,
              caller.subject(), e);
        }
      }
      return refuse(call, Status.Code.PERMISSION_DENIED, message,
          Map.of("method", method, "required_role", role.wireName()));
    }
    Context context = Context.current().withValue(CallerContext.KEY, caller);
    return Contexts.interceptCall(context, call, headers, next);
  }

  /** The token after {@code Bearer }, or {@code null} when the call has no authorization metadata. */
  private static String bearerToken(Metadata headers) {
    Iterable<String> values = headers.getAll(AUTHORIZATION);
    if (values == null) {
      return null;
    }
    Iterator<String> it = values.iterator();
    String value = it.next();
    if (it.hasNext()) {
      throw new AuthenticationException("more than one authorization metadata entry; send exactly one");
    }
    if (!value.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
      throw new AuthenticationException("authorization metadata must be 'Bearer <token>'");
    }
    String token = value.substring(BEARER.length()).strip();
    if (token.isEmpty()) {
      throw new AuthenticationException("missing bearer token");
    }
    return token;
  }

  private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status.Code code, String message,
      Map<String, String> metadata) {
    ErrorInfo info = ErrorInfo.newBuilder()
        .setReason(code.name())
        .setDomain(ERROR_DOMAIN)
        .putAllMetadata(metadata)
        .build();
    com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
        .setCode(code.value())
        .setMessage(message)
        .addDetails(Any.pack(info))
        .build();
    StatusRuntimeException e = StatusProto.toStatusRuntimeException(status);
    call.close(e.getStatus(), e.getTrailers());
    return new ServerCall.Listener<>() {
    };
  }
}
