package dev.lockstep.http.problem;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One invalid request field of a {@code VALIDATION_FAILED} problem.
 *
 * @param field where the field is: a body field as a JSON path ({@code devices[0].type}), a query
 *     parameter, path variable or header by its HTTP name ({@code page_token})
 * @param message what is wrong with it, e.g. {@code must not be blank}
 */
@Serdeable
public record FieldError(String field, String message) {
}
