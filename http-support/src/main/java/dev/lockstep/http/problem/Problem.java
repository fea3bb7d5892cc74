package dev.lockstep.http.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}), with Lockstep's extension
 * members {@code code}, {@code errors} and {@code correlation_id}.
 *
 * @param type {@code urn:lockstep:problem:<code>}
 * @param title the HTTP status phrase, e.g. {@code Bad Request}
 * @param status the HTTP status code
 * @param detail what went wrong and, where it helps, what to do; never a stack trace
 * @param code the {@link ProblemCode#code()}, e.g. {@code VALIDATION_FAILED}
 * @param errors the invalid fields of a validation failure; absent otherwise
 * @param correlationId for server errors: the id under which the log holds the details
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String code,
    @Nullable List<FieldError> errors,
    @Nullable @JsonProperty("correlation_id") String correlationId) {

  /** The media type of a problem body. */
  public static final String MEDIA_TYPE = "application/problem+json";
  /** The prefix of every {@link #type()}. */
  public static final String TYPE_PREFIX = "urn:lockstep:problem:";

  /** A problem for {@code code} with this detail and no field errors. */
  public static Problem of(ProblemCode code, String detail) {
    return of(code, detail, null, null);
  }

  /** A problem for {@code code}; {@code errors} and {@code correlationId} may be null. */
  public static Problem of(ProblemCode code, String detail, @Nullable List<FieldError> errors,
      @Nullable String correlationId) {
    return new Problem(TYPE_PREFIX + code.code(), code.status().getReason(), code.status().getCode(), detail,
        code.code(), errors == null || errors.isEmpty() ? null : List.copyOf(errors), correlationId);
  }
}
