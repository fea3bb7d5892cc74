package dev.lockstep.schema.agent.grpc;

import dev.lockstep.schema.api.SchemaException;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.order.Ordered;
import jakarta.inject.Singleton;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns exceptions escaping a gRPC handler into a status: a {@link SchemaException} becomes its
 * mapped code with an {@code ErrorInfo} ({@link SchemaErrorStatus}), a {@link MappedError} (another
 * module's exception) the status it declares; anything else becomes
 * INTERNAL with a reference id that is also logged with the stack trace, so no stack trace or
 * internal message ever reaches a client.
 */
@Singleton
public class SchemaErrorInterceptor implements ServerInterceptor, Ordered {

  private static final Logger LOG = LoggerFactory.getLogger(SchemaErrorInterceptor.class);

  private final String service;

  /** An interceptor for the service named {@code service}. */
  public SchemaErrorInterceptor(@Value("${micronaut.application.name:service}") String service) {
    this.service = service;
  }

  @Override
  public int getOrder() {
    // Inside the authentication interceptor: only authenticated calls reach handlers anyway.
    return Ordered.LOWEST_PRECEDENCE;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    ServerCall.Listener<Q> delegate;
    try {
      delegate = next.startCall(call, headers);
    } catch (RuntimeException e) {
      close(call, e);
      return new ServerCall.Listener<>() {};
    }
    return new SimpleForwardingServerCallListener<>(delegate) {
      @Override
      public void onMessage(Q message) {
        guard(call, () -> super.onMessage(message));
      }

      @Override
      public void onHalfClose() {
        guard(call, super::onHalfClose);
      }

      @Override
      public void onReady() {
        guard(call, super::onReady);
      }
    };
  }

  private void guard(ServerCall<?, ?> call, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      close(call, e);
    }
  }

  private void close(ServerCall<?, ?> call, RuntimeException e) {
    StatusRuntimeException status;
    if (e instanceof SchemaException se) {
      status = SchemaErrorStatus.toStatus(se, service);
      LOG.info("{} {} refused: {} {}", service, call.getMethodDescriptor().getFullMethodName(), se.code(),
          se.getMessage());
    } else if (e instanceof MappedError mapped) {
      status = SchemaErrorStatus.build(mapped.statusCode(), e.getMessage(), mapped.reason(), service,
          mapped.fieldViolations());
      LOG.info("{} {} refused: {} {}", service, call.getMethodDescriptor().getFullMethodName(), mapped.reason(),
          e.getMessage());
    } else if (e instanceof StatusRuntimeException sre) {
      status = sre;
    } else {
      String ref = UUID.randomUUID().toString().substring(0, 8);
      LOG.error("{} {} failed (ref {})", service, call.getMethodDescriptor().getFullMethodName(), ref, e);
      status = SchemaErrorStatus.build(Status.Code.INTERNAL, "internal error in the schema agent (ref " + ref
          + "; the agent's log has the details)", "INTERNAL", service);
    }
    try {
      call.close(status.getStatus(), status.getTrailers() == null ? new Metadata() : status.getTrailers());
    } catch (IllegalStateException alreadyClosed) {
      // The client went away or the call ended first; nothing left to tell.
    }
  }
}
