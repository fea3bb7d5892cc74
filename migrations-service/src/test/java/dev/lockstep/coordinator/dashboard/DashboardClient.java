package dev.lockstep.coordinator.dashboard;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.sse.SseClient;
import io.micronaut.http.sse.Event;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;

/**
 * A browser as far as the dashboard can tell: the Micronaut HTTP client with a cookie jar, asking
 * for HTML, not following redirects (tests look at them), and reading pages whatever their status.
 */
final class DashboardClient implements AutoCloseable {

  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
  private static final Pattern REQUEST_ID = Pattern.compile("name=\"request_id\" value=\"([^\"]+)\"");
  private static final Pattern NONCE = Pattern.compile("name=\"nonce\" value=\"([^\"]+)\"");

  private final String base;
  private final HttpClient http;
  private final SseClient sse;
  private final Map<String, String> cookies = new LinkedHashMap<>();

  DashboardClient(String baseUrl) {
    this.base = baseUrl;
    DefaultHttpClientConfiguration config = new DefaultHttpClientConfiguration();
    config.setFollowRedirects(false);
    config.setReadTimeout(Duration.ofSeconds(60));
    try {
      this.http = HttpClient.create(URI.create(baseUrl).toURL(), config);
      this.sse = SseClient.create(URI.create(baseUrl).toURL(), config);
    } catch (java.net.MalformedURLException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /**
   * A response, whatever its status.
   *
   * @param status the status code
   * @param headers the headers
   * @param body the body ("" when none)
   */
  record Page(int status, HttpHeaders headers, String body) {

    String location() {
      return headers.get(HttpHeaders.LOCATION);
    }

    String contentType() {
      return headers.get(HttpHeaders.CONTENT_TYPE);
    }

    /** The CSRF value of the first form on the page. */
    String csrf() {
      return group(CSRF, "csrf");
    }

    /** The request id of the decision form. */
    String requestId() {
      return group(REQUEST_ID, "request_id");
    }

    private String group(Pattern p, String what) {
      Matcher m = p.matcher(body);
      if (!m.find()) {
        throw new AssertionError("no " + what + " on the page:\n" + body);
      }
      return m.group(1).replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&");
    }

    @Override
    public String toString() {
      return status + " " + headers.asMap() + "\n" + body;
    }
  }

  /** GET {@code path} as a browser asks for a page. */
  Page get(String path) {
    return send(HttpRequest.GET(path).accept(MediaType.TEXT_HTML));
  }

  /** GET {@code path} accepting {@code accept}. */
  Page get(String path, String accept) {
    return send(HttpRequest.GET(path).header(HttpHeaders.ACCEPT, accept));
  }

  /** POST a form as a browser does. */
  Page post(String path, Map<String, String> form) {
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    // Browsers name the page's origin on every form POST.
    return send(HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .accept(MediaType.TEXT_HTML).header(HttpHeaders.ORIGIN, base));
  }

  /** Signs in through the form; returns the answer to the form's POST. */
  Page signIn(String token) {
    return signIn(token, "/dashboard");
  }

  /** Signs in through the form, asking to go to {@code then} afterwards. */
  Page signIn(String token, String then) {
    Page form = get("/dashboard/sign-in");
    Matcher nonce = NONCE.matcher(form.body());
    if (!nonce.find()) {
      throw new AssertionError("no nonce on the sign-in page:\n" + form);
    }
    return post("/dashboard/sign-in", Map.of("token", token, "nonce", nonce.group(1), "then", then));
  }

  /** Sets a cookie as if the server had. */
  void cookie(String name, String value) {
    cookies.put(name, value);
  }

  /** A cookie the client holds, or null. */
  String cookie(String name) {
    return cookies.get(name);
  }

  /** Server-sent events of {@code path} until {@code last} matches one (inclusive) or {@code timeout}. */
  List<Event<String>> events(String path, String lastEventId, Predicate<Event<String>> last, Duration timeout) {
    MutableHttpRequest<?> request = HttpRequest.GET(path).accept(MediaType.TEXT_EVENT_STREAM_TYPE);
    cookies.forEach((k, v) -> request.cookie(io.micronaut.http.cookie.Cookie.of(k, v)));
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    return Flux.from(sse.eventStream(request, String.class)).takeUntil(last).collectList().block(timeout);
  }

  private Page send(MutableHttpRequest<?> request) {
    cookies.forEach((k, v) -> request.cookie(io.micronaut.http.cookie.Cookie.of(k, v)));
    BlockingHttpClient blocking = http.toBlocking();
    HttpResponse<String> response;
    try {
      response = blocking.exchange(request, String.class);
    } catch (HttpClientResponseException e) {
      @SuppressWarnings("unchecked")
      HttpResponse<String> failed = (HttpResponse<String>) e.getResponse();
      response = failed;
    }
    for (String header : response.getHeaders().getAll(HttpHeaders.SET_COOKIE)) {
      String[] pair = header.split(";", 2)[0].split("=", 2);
      boolean expired = header.toLowerCase().contains("max-age=0") || pair[1].isEmpty();
      if (expired) {
        cookies.remove(pair[0]);
      } else {
        cookies.put(pair[0], URLDecoder.decode(pair[1], StandardCharsets.UTF_8));
      }
    }
    String body = response.getBody(String.class).orElse("");
    return new Page(response.getStatus().getCode(), response.getHeaders(), body);
  }

  String base() {
    return base;
  }

  @Override
  public void close() {
    http.close();
    if (sse instanceof HttpClient closeable) {
      closeable.close();
    }
  }
}
