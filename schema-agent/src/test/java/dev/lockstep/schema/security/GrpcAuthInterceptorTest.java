package dev.lockstep.schema.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import dev.lockstep.testsupport.TestJwksServer;
import dev.lockstep.testsupport.TestSigningKey;
import dev.lockstep.testsupport.TestTokens;
import io.grpc.BindableService;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.ServerCalls;
import io.micronaut.core.order.Ordered;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The interceptor on a real in-process gRPC server with the standard health service and {@link EchoService}. */
class GrpcAuthInterceptorTest {

  private Server server;
  private ManagedChannel channel;

  @AfterEach
  void stop() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void healthCheck_withoutToken_isServing() throws IOException {
    start(rsaVerifier());

    HealthCheckResponse response = HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance());

    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
  }

  @Test
  void healthCheck_withGarbageToken_isServing() throws IOException {
    start(rsaVerifier());

    HealthCheckResponse response = HealthGrpc.newBlockingStub(withToken("garbage"))
        .check(HealthCheckRequest.getDefaultInstance());

    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
  }

  @Test
  void viewerMethod_withoutToken_isUnauthenticatedWithErrorInfo() throws IOException {
    start(rsaVerifier());

    StatusRuntimeException e = callFails(channel, EchoService.VIEWER_ONLY);

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(e.getStatus().getDescription()).isEqualTo("missing bearer token");
    ErrorInfo info = errorInfo(e);
    assertThat(info.getReason()).isEqualTo("UNAUTHENTICATED");
    assertThat(info.getDomain()).isEqualTo("lockstep.dev");
    assertThat(info.getMetadataMap()).containsEntry("method", EchoService.VIEWER_ONLY.getFullMethodName());
  }

  @Test
  void viewerMethod_withTokenFromOtherKey_isUnauthenticated() throws IOException {
    start(rsaVerifier());
    String token = TestTokens.mintWithOtherKey("mallory", "schema-operator");

    StatusRuntimeException e = callFails(withToken(token), EchoService.VIEWER_ONLY);

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(e.getStatus().getDescription()).isEqualTo("invalid token signature").doesNotContain(token);
    assertThat(errorInfo(e).getReason()).isEqualTo("UNAUTHENTICATED");
  }

  @Test
  void viewerMethod_withExpiredToken_isUnauthenticated() throws IOException {
    start(rsaVerifier());

    StatusRuntimeException e = callFails(withToken(TestTokens.mintExpired("alice", "schema-viewer")),
        EchoService.VIEWER_ONLY);

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(e.getStatus().getDescription()).isEqualTo("token expired");
  }

  @Test
  void viewerMethod_withNonBearerAuthorization_isUnauthenticated() throws IOException {
    start(rsaVerifier());
    Metadata headers = new Metadata();
    headers.put(GrpcAuthInterceptor.AUTHORIZATION, "Basic YWxpY2U6c2VjcmV0");

    StatusRuntimeException e = callFails(ClientInterceptors.intercept(channel,
        MetadataUtils.newAttachHeadersInterceptor(headers)), EchoService.VIEWER_ONLY);

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(e.getStatus().getDescription()).isEqualTo("authorization metadata must be 'Bearer <token>'");
  }

  @Test
  void operatorMethod_asViewer_isPermissionDeniedNamingRoleAndMethod() throws IOException {
    start(rsaVerifier());
    String token = TestTokens.mint("alice", "schema-viewer");

    StatusRuntimeException e = callFails(withToken(token), EchoService.OPERATOR_ONLY);

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(e.getStatus().getDescription())
        .isEqualTo("method lockstep.test.v1.EchoService/OperatorOnly requires role schema-operator")
        .doesNotContain(token);
    ErrorInfo info = errorInfo(e);
    assertThat(info.getReason()).isEqualTo("PERMISSION_DENIED");
    assertThat(info.getDomain()).isEqualTo("lockstep.dev");
    assertThat(info.getMetadataMap()).containsEntry("required_role", "schema-operator");
  }

  @Test
  void viewerMethod_asOperator_seesCallerInContext() throws IOException {
    start(rsaVerifier());

    String reply = ClientCalls.blockingUnaryCall(withToken(TestTokens.mint("olga", "schema-operator")),
        EchoService.VIEWER_ONLY, CallOptions.DEFAULT, "ping");

    assertThat(reply).isEqualTo("olga:ping");
  }

  @Test
  void operatorMethod_asOperator_isOk() throws IOException {
    start(rsaVerifier());

    String reply = ClientCalls.blockingUnaryCall(withToken(TestTokens.mint("olga", "schema-operator")),
        EchoService.OPERATOR_ONLY, CallOptions.DEFAULT, "migrate");

    assertThat(reply).isEqualTo("olga:migrate");
  }

  @Test
  void unmappedMethod_asOperator_isPermissionDenied() throws IOException {
    start(rsaVerifier());

    StatusRuntimeException e = callFails(withToken(TestTokens.mint("olga", "schema-operator")),
        EchoService.UNMAPPED);

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(e.getStatus().getDescription())
        .isEqualTo("method lockstep.test.v1.EchoService/Unmapped is not open to any role on this server");
    assertThat(errorInfo(e).getReason()).isEqualTo("PERMISSION_DENIED");
  }

  @Test
  void anyMethod_withoutConfiguredKey_isRefusedButHealthServes() throws IOException {
    start(new GrpcSecurityFactory.UnconfiguredTokenVerifier(GrpcSecurityFactory.NO_KEY_MESSAGE));

    StatusRuntimeException e = callFails(withToken(TestTokens.mint("olga", "schema-operator")),
        EchoService.VIEWER_ONLY);
    HealthCheckResponse health = HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance());

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(e.getStatus().getDescription()).startsWith("no token verification key is configured (set "
        + "LOCKSTEP_SECURITY_JWT_JWKS_URL");
    assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
  }

  @Test
  void viewerMethod_withTokenFromJwksIssuer_isOkAndUnreachableIssuerIsUnauthenticated() throws Exception {
    TestSigningKey issuerKey = TestSigningKey.generate("auth-1");
    try (TestJwksServer jwks = TestJwksServer.start(issuerKey)) {
      start(JwtTokenVerifier.builder().jwks(JwksKeySet.builder(jwks.url()).build()).build());

      String reply = ClientCalls.blockingUnaryCall(withToken(issuerKey.mint("olga", "schema-viewer")),
          EchoService.VIEWER_ONLY, CallOptions.DEFAULT, "ping");

      assertThat(reply).isEqualTo("olga:ping");
    }
    stop();
    String closed = "http://127.0.0.1:1/.well-known/jwks.json";
    start(JwtTokenVerifier.builder().jwks(JwksKeySet.builder(closed).build()).build());

    StatusRuntimeException e = callFails(withToken(issuerKey.mint("olga", "schema-viewer")), EchoService.VIEWER_ONLY);

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(e.getStatus().getDescription()).startsWith("cannot fetch signing keys from " + closed + ": ");
  }

  @Test
  void denials_areLoggedWithoutTheToken() throws IOException {
    start(rsaVerifier());
    Logger logger = (Logger) LoggerFactory.getLogger(GrpcAuthInterceptor.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    String viewerToken = TestTokens.mint("alice", "schema-viewer");
    String foreignToken = TestTokens.mintWithOtherKey("mallory", "schema-operator");
    try {
      callFails(withToken(viewerToken), EchoService.OPERATOR_ONLY);
      callFails(withToken(foreignToken), EchoService.OPERATOR_ONLY);
    } finally {
      logger.detachAppender(appender);
    }

    assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
        "gRPC call to lockstep.test.v1.EchoService/OperatorOnly by alice refused: lacks role schema-operator",
        "gRPC call to lockstep.test.v1.EchoService/OperatorOnly refused: invalid token signature");
    assertThat(appender.list).allSatisfy(event -> assertThat(event.getFormattedMessage())
        .doesNotContain(viewerToken).doesNotContain(foreignToken).doesNotContain("mallory"));
  }

  @Test
  void deniedListeners_hearOfAuthenticatedCallersLackingTheRole_andCannotChangeTheRefusal() throws IOException {
    List<String> heard = new java.util.ArrayList<>();
    AccessDeniedListener broken = (caller, method, role) -> {
      throw new IllegalStateException("listener down");
    };
    AccessDeniedListener recording = (caller, method, role) -> heard.add(caller.subject() + " " + method + " "
        + role.wireName());
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).directExecutor().addService(new EchoService())
        .intercept(new GrpcAuthInterceptor(rsaVerifier(), EchoService.POLICY, List.of(broken, recording)))
        .build().start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();

    StatusRuntimeException denied = callFails(withToken(TestTokens.mint("alice", "schema-viewer")),
        EchoService.OPERATOR_ONLY);
    callFails(withToken("garbage"), EchoService.OPERATOR_ONLY);
    ClientCalls.blockingUnaryCall(withToken(TestTokens.mint("bob", "schema-operator")), EchoService.OPERATOR_ONLY,
        CallOptions.DEFAULT, "ping");

    assertThat(denied.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(heard).containsExactly("alice lockstep.test.v1.EchoService/OperatorOnly schema-operator");
  }

  @Test
  void getOrder_isHighestPrecedence() {
    GrpcAuthInterceptor interceptor = new GrpcAuthInterceptor(rsaVerifier(), EchoService.POLICY);

    assertThat(interceptor.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE);
  }

  private static TokenVerifier rsaVerifier() {
    return JwtTokenVerifier.builder().rsaPublicKeyPem(TestTokens.publicKeyPem()).build();
  }

  private void start(TokenVerifier verifier) throws IOException {
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).directExecutor()
        .addService(new HealthStatusManager().getHealthService())
        .addService(new EchoService())
        .intercept(new GrpcAuthInterceptor(verifier, EchoService.POLICY))
        .build()
        .start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  private Channel withToken(String token) {
    Metadata headers = new Metadata();
    headers.put(GrpcAuthInterceptor.AUTHORIZATION, "Bearer " + token);
    return ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  private static StatusRuntimeException callFails(Channel channel, MethodDescriptor<String, String> method) {
    return catchThrowableOfType(StatusRuntimeException.class,
        () -> ClientCalls.blockingUnaryCall(channel, method, CallOptions.DEFAULT, "ping"));
  }

  private static ErrorInfo errorInfo(StatusRuntimeException e) {
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    assertThat(status).isNotNull();
    assertThat(status.getDetailsCount()).isEqualTo(1);
    try {
      return status.getDetails(0).unpack(ErrorInfo.class);
    } catch (InvalidProtocolBufferException ex) {
      throw new AssertionError("ErrorInfo detail does not unpack", ex);
    }
  }

  /**
   * {@code lockstep.test.v1.EchoService}: three unary string methods answering
   * {@code <caller subject>:<request>}, one for viewers, one for operators and one left unmapped.
   */
  static final class EchoService implements BindableService {
    static final String NAME = "lockstep.test.v1.EchoService";
    static final MethodDescriptor<String, String> VIEWER_ONLY = method("ViewerOnly");
    static final MethodDescriptor<String, String> OPERATOR_ONLY = method("OperatorOnly");
    static final MethodDescriptor<String, String> UNMAPPED = method("Unmapped");
    static final MethodPolicy POLICY = MethodPolicy.builder()
        .method(VIEWER_ONLY, Role.SCHEMA_VIEWER)
        .method(OPERATOR_ONLY, Role.SCHEMA_OPERATOR)
        .build();

    @Override
    public ServerServiceDefinition bindService() {
      ServerServiceDefinition.Builder b = ServerServiceDefinition.builder(NAME);
      for (MethodDescriptor<String, String> m : List.of(VIEWER_ONLY, OPERATOR_ONLY, UNMAPPED)) {
        b.addMethod(m, ServerCalls.asyncUnaryCall((request, observer) -> {
          observer.onNext(CallerContext.current().subject() + ":" + request);
          observer.onCompleted();
        }));
      }
      return b.build();
    }

    private static MethodDescriptor<String, String> method(String name) {
      return MethodDescriptor.<String, String>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(MethodDescriptor.generateFullMethodName(NAME, name))
          .setRequestMarshaller(Utf8Marshaller.INSTANCE)
          .setResponseMarshaller(Utf8Marshaller.INSTANCE)
          .build();
    }
  }

  /** Strings as UTF-8 bytes on the wire. */
  enum Utf8Marshaller implements MethodDescriptor.Marshaller<String> {
    INSTANCE;

    @Override
    public InputStream stream(String value) {
      return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String parse(InputStream stream) {
      try {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
