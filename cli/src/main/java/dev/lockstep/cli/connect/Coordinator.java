package dev.lockstep.cli.connect;

import dev.lockstep.cli.CliException;
import dev.lockstep.cli.ExitCode;
import dev.lockstep.proto.operations.v1.SchemaOperationsServiceGrpc;
import dev.lockstep.proto.rollout.v1.RolloutServiceGrpc;
import dev.lockstep.proto.rollout.v1.SchemaStatusServiceGrpc;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.ManagedChannelRegistry;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One gRPC channel to the coordinator with the caller's bearer token. Unary stubs carry the
 * deadline from {@link Settings#timeout()}; streaming stubs have none (a watch or an upgrade runs as
 * long as it runs; Ctrl-C ends it).
 */
public final class Coordinator implements AutoCloseable {

  private final Settings settings;
  private final ManagedChannel channel;
  private final BearerToken credentials;

  private Coordinator(Settings settings, ManagedChannel channel) {
    this.settings = settings;
    this.channel = channel;
    this.credentials = new BearerToken(settings.token());
  }

  /**
   * Opens a channel (lazily: nothing is sent until the first call). Refuses to start without a
   * token, since the coordinator accepts no call without one.
   */
  public static Coordinator open(Settings settings, String userAgent) {
    if (settings.token() == null) {
      throw new CliException(ExitCode.REFUSED, "no token: the coordinator at " + settings.address()
          + " accepts no request without one", Settings.howToGetAToken());
    }
    ChannelCredentials credentials;
    if (settings.tls()) {
      try {
        credentials = settings.caFile() == null ? TlsChannelCredentials.create()
            : TlsChannelCredentials.newBuilder().trustManager(settings.caFile().toFile()).build();
      } catch (IOException | IllegalArgumentException e) {
        throw new CliException(ExitCode.INVALID_INPUT, "CA file " + settings.caFile() + " holds no usable"
            + " certificate (" + CliException.oneLine(e.getMessage()) + ")", "Point --ca-file at a PEM file.", e);
      }
    } else {
      credentials = InsecureChannelCredentials.create();
    }
    ManagedChannelBuilder<?> builder;
    try {
      builder = Grpc.newChannelBuilderForAddress(settings.host(), settings.port(), credentials);
    } catch (ManagedChannelRegistry.ProviderNotFoundException e) {
      // The transport parses the CA file here; its words for why are inside a longer message.
      Matcher why = Pattern.compile("Unable to create SslContext: ([^;]+)").matcher(String.valueOf(e.getMessage()));
      throw new CliException(ExitCode.INVALID_INPUT, "cannot set up TLS" + (settings.caFile() == null ? ""
          : " with CA file " + settings.caFile()) + " (" + (why.find() ? why.group(1) : CliException.oneLine(
              e.getMessage())) + ")", "Point --ca-file at a PEM file with the CA certificates of the coordinator.", e);
    }
    ManagedChannel channel = builder.userAgent(userAgent)
        // A watch can sit idle for hours while a rollout waits for approval: pings find a dead
        // connection. Six minutes stays above the servers' default minimum of five (more often is refused).
        .keepAliveTime(6, TimeUnit.MINUTES)
        .build();
    return new Coordinator(settings, channel);
  }

  /** The resolved settings. */
  public Settings settings() {
    return settings;
  }

  /** RolloutService with the deadline. */
  public RolloutServiceGrpc.RolloutServiceBlockingStub rollouts() {
    return RolloutServiceGrpc.newBlockingStub(channel).withCallCredentials(credentials)
        .withDeadlineAfter(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** RolloutService for streams (no deadline). */
  public RolloutServiceGrpc.RolloutServiceBlockingStub rolloutStream() {
    return RolloutServiceGrpc.newBlockingStub(channel).withCallCredentials(credentials);
  }

  /** SchemaStatusService with the deadline. */
  public SchemaStatusServiceGrpc.SchemaStatusServiceBlockingStub status() {
    return SchemaStatusServiceGrpc.newBlockingStub(channel).withCallCredentials(credentials)
        .withDeadlineAfter(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** SchemaOperationsService with the deadline. */
  public SchemaOperationsServiceGrpc.SchemaOperationsServiceBlockingStub operations() {
    return SchemaOperationsServiceGrpc.newBlockingStub(channel).withCallCredentials(credentials)
        .withDeadlineAfter(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** SchemaOperationsService for streams (no deadline). */
  public SchemaOperationsServiceGrpc.SchemaOperationsServiceBlockingStub operationStream() {
    return SchemaOperationsServiceGrpc.newBlockingStub(channel).withCallCredentials(credentials);
  }

  /** Lets the next call connect at once instead of after the channel's own reconnect backoff. */
  public void resetConnectBackoff() {
    channel.resetConnectBackoff();
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
