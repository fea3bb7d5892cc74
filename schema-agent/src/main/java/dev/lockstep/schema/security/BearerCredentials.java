package dev.lockstep.schema.security;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import java.util.concurrent.Executor;

/** Client-side: sends {@code authorization: Bearer <token>} with each call. The token is never logged. */
public final class BearerCredentials extends CallCredentials {

  private final String token;

  private BearerCredentials(String token) {
    this.token = token;
  }

  /** Credentials carrying {@code token}. */
  public static BearerCredentials of(String token) {
    return new BearerCredentials(token);
  }

  @Override
  public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
    Metadata headers = new Metadata();
    headers.put(GrpcAuthInterceptor.AUTHORIZATION, "Bearer " + token);
    applier.apply(headers);
  }
}
