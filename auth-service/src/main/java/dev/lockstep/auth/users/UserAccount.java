package dev.lockstep.auth.users;

import java.time.Instant;

/**
 * A row of {@code auth.sys_usuarios}.
 *
 * @param id {@code id_usuario}; tokens carry it as {@code sub}
 * @param username {@code nombre_usuario}
 * @param email {@code email}, or null
 * @param passwordHash {@code password_hash} (Argon2id PHC string); never leaves the service
 * @param primaryRole {@code rol}: admin, medico, enfermero, recepcionista or usuario
 * @param active {@code activo}
 * @param createdAt {@code fecha_creacion}
 * @param lastLoginAt {@code ultimo_acceso}, or null
 */
public record UserAccount(long id, String username, String email, String passwordHash, String primaryRole,
    boolean active, Instant createdAt, Instant lastLoginAt) {

  @Override
  public String toString() {
    // Ids only: names, e-mail addresses and hashes stay out of logs.
    return "UserAccount[" + id + "]";
  }
}
