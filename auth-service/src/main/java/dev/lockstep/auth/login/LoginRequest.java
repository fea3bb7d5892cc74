package dev.lockstep.auth.login;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/auth/login}.
 *
 * @param username the login name
 * @param password the password (masked in the audit log, never logged)
 */
@Serdeable
public record LoginRequest(@NotBlank @Size(max = 50) String username, @NotNull @Size(min = 1, max = 256) String password) {

  @Override
  public String toString() {
    return "LoginRequest[***]";
  }
}
