package dev.lockstep.schema.agent;

import dev.lockstep.schema.api.SchemaErrorCode;
import dev.lockstep.schema.api.SchemaException;
import dev.lockstep.schema.api.SchemaSettings;
import dev.lockstep.schema.internal.command.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Makes state-changing agent requests idempotent: the first call with a {@code request_id} runs and
 * its outcome (or failure) is recorded in {@code lockstep.agent_requests}; a retry with the same
 * id gets that outcome back without running again.
 *
 * <p>The ledger ({@code lockstep_agent.agent_requests}) lives in the service's own database so it
 * survives agent restarts and travels with the database. Outcomes are stored as short text produced by the caller's codec.
 */
public final class RequestLedger {

  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  /**
   * A schema of its own: the ledger may be written before Flyway ever ran on the database, and
   * Flyway refuses to start in a non-empty {@code lockstep} schema that has no history table.
   */
  static final String SCHEMA = "lockstep_agent";
  private static final String TABLE = SCHEMA + ".agent_requests";

  private final SchemaSettings settings;

  /** A ledger in the database of {@code settings}. */
  public RequestLedger(SchemaSettings settings) {
    this.settings = settings;
  }

  /**
   * The result of running or replaying a request.
   *
   * @param payload the recorded outcome
   * @param replayed true when it comes from an earlier call
   */
  public record Entry(String payload, boolean replayed) {}

  /** Validates a caller's request id. */
  public static String requireRequestId(String requestId) {
    if (requestId == null || !REQUEST_ID.matcher(requestId).matches()) {
      throw new SchemaException(SchemaErrorCode.INVALID_ARGUMENT, "request_id is required: 1 to 128 characters of "
          + "letters, digits and . _ : - (choose a new one per operation and reuse it only to retry)");
    }
    return requestId;
  }

  /**
   * Runs {@code work} once for {@code requestId}, or replays its recorded outcome. A failure is
   * recorded too and replayed as the same error.
   */
  public Entry run(String requestId, String operation, Supplier<String> work) {
    requireRequestId(requestId);
    Optional<Entry> previous = claim(requestId, operation);
    if (previous.isPresent()) {
      return previous.get();
    }
    String payload;
    try {
      payload = work.get();
    } catch (SchemaException e) {
      finish(requestId, "FAILED", null, e.code().name(), e.getMessage());
      throw e;
    } catch (RuntimeException e) {
      finish(requestId, "FAILED", null, SchemaErrorCode.INTERNAL.name(), "the operation failed unexpectedly");
      throw e;
    }
    finish(requestId, "DONE", payload, null, null);
    return new Entry(payload, false);
  }

  /**
   * Records a finished request directly (for operations, like a restore, that replace the very
   * database the ledger lives in).
   */
  public void recordDone(String requestId, String operation, String payload) {
    try (Connection c = Jdbc.connect(settings)) {
      ensureTable(c);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE
          + " (request_id, operation, state, payload, finished_at) VALUES (?, ?, 'DONE', ?, now())"
          + " ON CONFLICT (request_id) DO UPDATE SET state = 'DONE', payload = EXCLUDED.payload,"
          + " finished_at = now()")) {
        ps.setString(1, requestId);
        ps.setString(2, operation);
        ps.setString(3, payload);
        ps.executeUpdate();
      }
    } catch (SQLException e) {
      throw Jdbc.unreachable(settings, e);
    }
  }

  private Optional<Entry> claim(String requestId, String operation) {
    try (Connection c = Jdbc.connect(settings)) {
      ensureTable(c);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE
          + " (request_id, operation, state) VALUES (?, ?, 'RUNNING') ON CONFLICT (request_id) DO NOTHING")) {
        ps.setString(1, requestId);
        ps.setString(2, operation);
        if (ps.executeUpdate() == 1) {
          return Optional.empty();
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT operation, state, payload, error_code, error_message"
          + " FROM " + TABLE + " WHERE request_id = ?")) {
        ps.setString(1, requestId);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return Optional.of(replay(requestId, operation, rs));
        }
      }
    } catch (SQLException e) {
      throw Jdbc.unreachable(settings, e);
    }
  }

  private static Entry replay(String requestId, String operation, ResultSet rs) throws SQLException {
    String recordedOperation = rs.getString(1);
    if (!recordedOperation.equals(operation)) {
      throw new SchemaException(SchemaErrorCode.INVALID_ARGUMENT, "request_id " + requestId + " was already used for "
          + recordedOperation + "; use a new request_id for " + operation);
    }
    switch (rs.getString(2)) {
      case "DONE":
        return new Entry(rs.getString(3), true);
      case "FAILED":
        throw new SchemaException(SchemaErrorCode.valueOf(rs.getString(4)), rs.getString(5)
            + " (outcome of the earlier call with request_id " + requestId + ")");
      default:
        throw new SchemaException(SchemaErrorCode.REQUEST_IN_PROGRESS, "request " + requestId + " (" + operation
            + ") is still running or was interrupted; GetSchemaState shows where the database stands. Retry "
            + "later, or use a new request_id once it is no longer running.");
    }
  }

  private void finish(String requestId, String state, String payload, String code, String message) {
    try (Connection c = Jdbc.connect(settings);
        PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE + " SET state = ?, payload = ?,"
            + " error_code = ?, error_message = ?, finished_at = now() WHERE request_id = ?")) {
      ps.setString(1, state);
      ps.setString(2, payload);
      ps.setString(3, code);
      ps.setString(4, message);
      ps.setString(5, requestId);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw Jdbc.unreachable(settings, e);
    }
  }

  private static void ensureTable(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
      s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
          + "request_id text PRIMARY KEY, operation text NOT NULL, state text NOT NULL, payload text, "
          + "error_code text, error_message text, created_at timestamptz NOT NULL DEFAULT now(), "
          + "finished_at timestamptz)");
    }
  }
}
