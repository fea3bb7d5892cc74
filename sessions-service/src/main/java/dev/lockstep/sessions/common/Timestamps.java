package dev.lockstep.sessions.common;

import io.micronaut.core.annotation.Nullable;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Timestamps between JDBC and the API. Seed 001's columns are {@code TIMESTAMP} without time zone
 * and hold UTC (the pool sets the session time zone to UTC); seed 002's are {@code TIMESTAMPTZ}.
 * The API speaks {@link Instant}s, written as ISO-8601 UTC.
 */
public final class Timestamps {

  private Timestamps() {
  }

  /** A {@code TIMESTAMP} (UTC) column as an instant. */
  @Nullable
  public static Instant utc(ResultSet rs, String column) throws SQLException {
    LocalDateTime value = rs.getObject(column, LocalDateTime.class);
    return value == null ? null : value.toInstant(ZoneOffset.UTC);
  }

  /** A {@code TIMESTAMPTZ} column as an instant. */
  @Nullable
  public static Instant tz(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** An instant for a {@code TIMESTAMP} (UTC) parameter. */
  public static LocalDateTime toUtc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** An instant for a {@code TIMESTAMPTZ} parameter. */
  public static OffsetDateTime toTz(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
