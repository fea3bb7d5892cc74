package dev.lockstep.auth.audit;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import dev.lockstep.auth.login.LoginController;
import dev.lockstep.auth.token.TokenIssuer;
import dev.lockstep.auth.users.UserService;
import dev.lockstep.http.auth.AuthenticationFilter;
import dev.lockstep.http.problem.Problem;
import dev.lockstep.schema.security.AuthenticationException;
import dev.lockstep.schema.security.Caller;
import dev.lockstep.schema.security.TokenVerifier;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;
import io.micronaut.web.router.UriRouteMatch;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The audit middleware: every POST, PUT, PATCH and DELETE request, whatever its outcome
 * (including 400, 401 and 403 refusals), writes one {@code auth.audit_log} row once its response
 * is ready and before it is sent:
 *
 * <ul>
 *   <li>{@code username}, {@code id_usuario}: the valid token's {@code preferred_username} (else its
 *       subject) and user, also when the request is refused for a missing role; for the login, the
 *       username it was called with;
 *   <li>{@code session_id}: the {@code X-Session-Id} header, else the token's {@code sid};
 *   <li>{@code method}, {@code endpoint}: the route template ({@code /api/users/{id}}), never the
 *       concrete path, which may carry identifiers;
 *   <li>{@code request_body}: the JSON body with sensitive members masked ({@link BodyMasker});
 *   <li>{@code response_hash}: SHA-256 (hex) of the response body bytes exactly as sent (the filter
 *       serialises the body itself so the hashed bytes are the sent bytes);
 *   <li>{@code source_refs}: request id ({@code X-Request-Id}, else a new one, echoed in the
 *       response), client address, status, token id;
 *   <li>{@code note}: the status and, for problems, their code, plus what the endpoint added
 *       ({@link AuditContext}).
 * </ul>
 *
 * <p>Runs just before the authentication filter, so requests that filter refuses are audited too.
 * On a database below V2 nothing is written ({@link AuditWriter}).
 */
@ServerFilter(value = ServerFilter.MATCH_ALL_PATTERN,
    methods = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE})
public class AuditFilter implements Ordered {

  /** The request header naming the client's conversation/session. */
  public static final String SESSION_HEADER = "X-Session-Id";
  /** The request header carrying the client's request id; echoed in the response. */
  public static final String REQUEST_ID_HEADER = "X-Request-Id";

  private static final String BODY = "lockstep.audit.body";
  private static final String REQUEST_ID = "lockstep.audit.request-id";
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
  private static final Pattern SAFE_SESSION = Pattern.compile("[\\x21-\\x7e]{1,255}");

  private final AuditWriter writer;
  private final TokenVerifier verifier;
  private final JsonMapper json;
  private final BodyMasker masker;

  /** A filter writing through {@code writer}. */
  public AuditFilter(AuditWriter writer, TokenVerifier verifier, JsonMapper json,
      @Value("${lockstep.auth.audit.masked-fields:}") List<String> maskedFields,
      @Value("${lockstep.auth.audit.max-body-chars:65536}") int maxBodyChars) {
    this.writer = writer;
    this.verifier = verifier;
    this.json = json;
    this.masker = new BodyMasker(maskedFields, maxBodyChars);
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.before();
  }

  /** Keeps the body for the audit row (Micronaut buffers it; the controller still reads it). */
  @RequestFilter
  public void capture(HttpRequest<?> request, @Nullable @Body byte[] body) {
    request.setAttribute(BODY, body == null ? new byte[0] : body);
    String requestId = request.getHeaders().get(REQUEST_ID_HEADER);
    request.setAttribute(REQUEST_ID, requestId != null && SAFE_ID.matcher(requestId).matches()
        ? requestId : UUID.randomUUID().toString());
  }

  /** Writes the audit row (blocking JDBC, so off the event loop). */
  @ResponseFilter
  @ExecuteOn(TaskExecutors.BLOCKING)
  public void audit(HttpRequest<?> request, MutableHttpResponse<?> response) {
    byte[] sent = bodyBytes(response);
    byte[] requestBody = request.getAttribute(BODY, byte[].class).orElse(new byte[0]);
    String requestId = request.getAttribute(REQUEST_ID, String.class).orElse(UUID.randomUUID().toString());
    response.header(REQUEST_ID_HEADER, requestId);

    Caller caller = caller(request);
    JWTClaimsSet claims = caller == null ? null : claims(request);
    String template = template(request);
    Long userId = caller != null ? UserService.callerId(caller) : AuditContext.userId(request).orElse(null);
    String username = username(request, caller, claims, template, requestBody);
    String sessionId = sessionId(request, claims);

    Map<String, Object> refs = new LinkedHashMap<>();
    refs.put("request_id", requestId);
    String clientIp = clientIp(request);
    if (clientIp != null) {
      refs.put("client_ip", clientIp);
    }
    refs.put("status", response.code());
    if (caller != null && caller.tokenId() != null) {
      refs.put("token_id", caller.tokenId());
    }
    writer.write(new AuditEntry(userId, action(request, template), AuditContext.table(request).orElse(null),
        AuditContext.recordId(request).orElse(null), clientIp, username, sessionId, request.getMethodName(),
        template, masker.mask(requestBody, json), sha256(sent), refs, note(response, sent, request)));
  }

  /**
   * The body as the bytes that will be sent. Objects are serialised here with the application's
   * JSON mapper and put back as bytes, so the hash covers exactly what the client receives.
   */
  private byte[] bodyBytes(MutableHttpResponse<?> response) {
    Object body = response.body();
    if (body == null) {
      return new byte[0];
    }
    if (body instanceof byte[] bytes) {
      return bytes;
    }
    byte[] bytes;
    if (body instanceof CharSequence text) {
      bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    } else {
      try {
        bytes = json.writeValueAsBytes(body);
      } catch (IOException e) {
        throw new IllegalStateException("Cannot serialise the response body for the audit hash", e);
      }
      if (response.getContentType().isEmpty()) {
        response.contentType(MediaType.APPLICATION_JSON_TYPE);
      }
    }
    @SuppressWarnings("unchecked")
    MutableHttpResponse<Object> raw = (MutableHttpResponse<Object>) response;
    raw.body(bytes);
    return bytes;
  }

  /**
   * Who sent the request: the caller the authentication filter accepted, else (the filter refused
   * the request for a missing role) the subject of the bearer token if it verifies; null when
   * there is no valid token.
   */
  private Caller caller(HttpRequest<?> request) {
    Optional<Caller> accepted = request.getAttribute(AuthenticationFilter.CALLER_ATTRIBUTE, Caller.class);
    if (accepted.isPresent()) {
      return accepted.get();
    }
    String token = bearer(request);
    if (token == null) {
      return null;
    }
    try {
      return verifier.verify(token);
    } catch (AuthenticationException e) {
      return null;
    }
  }

  private static String bearer(HttpRequest<?> request) {
    String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
    if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return header.substring(7).strip();
  }

  /** The claims of a token already verified (it is parsed, not verified again). */
  private static JWTClaimsSet claims(HttpRequest<?> request) {
    String token = bearer(request);
    if (token == null) {
      return null;
    }
    try {
      return JWTParser.parse(token).getJWTClaimsSet();
    } catch (java.text.ParseException e) {
      return null;
    }
  }

  private String username(HttpRequest<?> request, Caller caller, JWTClaimsSet claims, String template,
      byte[] requestBody) {
    if (caller != null) {
      Object name = claims == null ? null : claims.getClaim(TokenIssuer.USERNAME_CLAIM);
      return name instanceof String s ? s : caller.subject();
    }
    return AuditContext.username(request).orElseGet(() ->
        LoginController.LOGIN_PATH.equals(template) ? loginName(requestBody) : null);
  }

  /** The username of a login body the controller never saw (e.g. refused by validation). */
  private String loginName(byte[] requestBody) {
    try {
      Map<String, Object> body = json.readValue(requestBody, Argument.mapOf(String.class, Object.class));
      return body != null && body.get("username") instanceof String s && s.length() <= 50 ? s : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String sessionId(HttpRequest<?> request, JWTClaimsSet claims) {
    String header = request.getHeaders().get(SESSION_HEADER);
    if (header != null && SAFE_SESSION.matcher(header).matches()) {
      return header;
    }
    Object sid = claims == null ? null : claims.getClaim(TokenIssuer.SESSION_CLAIM);
    return sid instanceof String s ? s : null;
  }

  /** The route template, or {@code (unmatched route)}: concrete paths may hold identifiers. */
  private static String template(HttpRequest<?> request) {
    RouteMatch<?> match = RouteAttributes.getRouteMatch(request).orElse(null);
    if (match instanceof UriRouteMatch<?, ?> uri) {
      return uri.getRouteInfo().getUriMatchTemplate().toPathString();
    }
    return "(unmatched route)";
  }

  private static String action(HttpRequest<?> request, String template) {
    if (LoginController.LOGIN_PATH.equals(template)) {
      return "LOGIN";
    }
    return AuditContext.action(request).orElseGet(() -> switch (request.getMethod()) {
      case POST -> "INSERT";
      case DELETE -> "DELETE";
      default -> "UPDATE";
    });
  }

  private String note(MutableHttpResponse<?> response, byte[] sent, HttpRequest<?> request) {
    StringBuilder note = new StringBuilder().append(response.code());
    String code = problemCode(response, sent);
    note.append(' ').append(code != null ? code : response.reason());
    AuditContext.note(request).ifPresent(n -> note.append("; ").append(n));
    return note.toString();
  }

  private String problemCode(MutableHttpResponse<?> response, byte[] sent) {
    boolean problem = response.getContentType().map(t -> t.toString().startsWith(Problem.MEDIA_TYPE)).orElse(false);
    if (!problem || sent.length == 0) {
      return null;
    }
    try {
      Map<String, Object> body = json.readValue(sent, Argument.mapOf(String.class, Object.class));
      return body.get("code") instanceof String s ? s : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String clientIp(HttpRequest<?> request) {
    InetSocketAddress remote = request.getRemoteAddress();
    return remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
  }

  /** SHA-256 of {@code bytes} as 64 lowercase hex digits. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JVM has no SHA-256", e);
    }
  }
}
