package dev.lockstep.auth.users;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of {@code POST /api/users}.
 *
 * @param username 2 to 50 characters: letters, digits, {@code . _ @ -}, starting with a letter or digit
 * @param password 8 to 256 characters
 * @param email optional e-mail address
 * @param roles token role names (e.g. {@code therapist}, {@code approver}); the first of admin,
 *     therapist, staff becomes the primary role, the rest are grants (which need schema V3)
 */
@Serdeable
public record CreateUserRequest(
    @NotBlank @Size(max = 50) @Pattern(regexp = USERNAME, message = USERNAME_RULE) String username,
    @NotNull @Size(min = 8, max = 256) String password,
    @Nullable @Email @Size(max = 255) String email,
    @Nullable List<@NotBlank String> roles) {

  /** What a login name may look like. */
  public static final String USERNAME = "[A-Za-z0-9][A-Za-z0-9._@-]{1,49}";
  /** The rule, for messages. */
  public static final String USERNAME_RULE = "must be 2 to 50 letters, digits, '.', '_', '@' or '-', starting "
      + "with a letter or digit";

  @Override
  public String toString() {
    return "CreateUserRequest[***]";
  }
}
