package dev.lockstep.http.problem;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes a {@link Problem} into a response as {@code application/problem+json}. */
@Singleton
public class ProblemResponses {

  private final JsonMapper json;

  /** Renders with the application's JSON mapper. */
  public ProblemResponses(JsonMapper json) {
    this.json = json;
  }

  /** A new response carrying {@code problem} (status, body, content type). */
  public MutableHttpResponse<byte[]> response(HttpRequest<?> request, Problem problem) {
    return write(request, problem, HttpResponse.status(io.micronaut.http.HttpStatus.valueOf(problem.status())));
  }

  /**
   * Sets {@code problem} as the body of {@code response} (keeping its headers, e.g. {@code Allow});
   * a HEAD request gets the status only.
   */
  @SuppressWarnings("unchecked")
  public MutableHttpResponse<byte[]> write(HttpRequest<?> request, Problem problem, MutableHttpResponse<?> response) {
    MutableHttpResponse<byte[]> out = (MutableHttpResponse<byte[]>) response.status(problem.status());
    if (request.getMethod() == HttpMethod.HEAD) {
      return out;
    }
    try {
      // Serialised here, not by the codec, so the media type needs no codec of its own.
      return out.body(json.writeValueAsBytes(problem)).contentType(Problem.MEDIA_TYPE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot serialise a problem response", e);
    }
  }
}
