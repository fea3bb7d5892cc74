package dev.lockstep.coordinator.request;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Makes the coordinator's state-changing requests idempotent: the first call with a request id
 * runs and its outcome is recorded in {@code coordinator.requests}; a retry with the same caller
 * and id gets the recorded response (or the same error) back without running again.
 *
 * <p>Ids are scoped to the caller (the subject of its token), so two callers never collide, and
 * bound to the method they were first used for. A request is claimed before its work runs (an
 * insert that only the first of concurrent callers wins), so the work never runs twice; a claim
 * without an outcome answers {@link RequestInProgressException}.
 */
@Singleton
public class RequestStore {

  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  /** A released claim can vanish between the claim and the read; this many attempts cover it. */
  private static final int CLAIM_ATTEMPTS = 3;

  private final DataSource dataSource;

  /** A store in the database of {@code dataSource}. */
  public RequestStore(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /**
   * Validates a caller's request id.
   *
   * @throws IllegalArgumentException saying what a request id must look like
   */
  public static String requireRequestId(String requestId) {
    if (requestId == null || !REQUEST_ID.matcher(requestId).matches()) {
      throw new IllegalArgumentException("request_id is required: 1 to 128 characters of letters, digits and "
          + ". _ : - (choose a new one per operation and reuse it only to retry that operation)");
    }
    return requestId;
  }

  /**
   * {@link #once(String, String, String, Supplier, Function, Function, FailureClassifier)} with
   * {@link FailureClassifier#DEFAULT}.
   */
  public <T> Outcome<T> once(String caller, String requestId, String method, Supplier<T> work,
      Function<T, byte[]> encode, Function<byte[], T> decode) {
    return once(caller, requestId, method, work, encode, decode, FailureClassifier.DEFAULT);
  }

  /**
   * Runs {@code work} once for {@code (caller, requestId)}, or replays its recorded outcome.
   *
   * @param caller who asks (the subject of its token)
   * @param requestId the caller's id for this operation
   * @param method the RPC, e.g. {@code lockstep.rollout.v1.RolloutService/StartRollout}
   * @param work the operation; its exceptions go through {@code classify}
   * @param encode the response as bytes to record (a serialized protobuf message), never null
   * @param decode a recorded response back
   * @param classify what an exception of {@code work} means for retries
   * @return the response, {@code replayed} when recorded by an earlier call
   * @throws IllegalArgumentException for an invalid request id, or one first used for another method
   * @throws RequestFailedException the classified failure of this call, or the recorded one of an
   *     earlier call ({@link RequestFailedException#replayed()})
   * @throws RequestInProgressException when an earlier call claimed the id and recorded nothing yet
   * @throws RequestStoreException when the database refuses
   */
  public <T> Outcome<T> once(String caller, String requestId, String method, Supplier<T> work,
      Function<T, byte[]> encode, Function<byte[], T> decode, FailureClassifier classify) {
    if (caller == null || caller.isBlank()) {
      throw new IllegalArgumentException("a request needs a caller (the subject of its token)");
    }
    requireRequestId(requestId);
    if (method == null || method.isBlank()) {
      throw new IllegalArgumentException("a request needs a method");
    }
    Key key = new Key(caller, requestId, method);
    for (int attempt = 1; attempt <= CLAIM_ATTEMPTS; attempt++) {
      if (claim(key)) {
        return run(key, work, encode, classify);
      }
      Recorded recorded = recorded(key);
      if (recorded != null) {
        return recorded.replay(key, decode);
      }
    }
    throw new RequestInProgressException(requestId, method);
  }

  private <T> Outcome<T> run(Key key, Supplier<T> work, Function<T, byte[]> encode, FailureClassifier classify) {
    T value;
    byte[] response;
    try {
      value = work.get();
      response = Objects.requireNonNull(encode.apply(value), "encoded response");
    } catch (RuntimeException e) {
      RequestFailedException failure = classify.classify(e);
      if (failure == null) {
        release(key, e);
        throw e;
      }
      recordFailure(key, failure);
      throw failure;
    }
    finish(key, "UPDATE coordinator.requests SET state = 'DONE', response = ?, finished_at = now()"
        + " WHERE caller = ? AND request_id = ? AND state = 'RUNNING'", ps -> {
          ps.setBytes(1, response);
          return 1;
        });
    return new Outcome<>(value, false);
  }

  private boolean claim(Key key) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO coordinator.requests (caller, request_id, method,"
            + " state) VALUES (?, ?, ?, 'RUNNING') ON CONFLICT (caller, request_id) DO NOTHING")) {
      ps.setString(1, key.caller());
      ps.setString(2, key.requestId());
      ps.setString(3, key.method());
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new RequestStoreException("cannot record request " + key.requestId() + ": " + e.getMessage(), e);
    }
  }

  private Recorded recorded(Key key) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT method, state, response, error_code, error_message"
            + " FROM coordinator.requests WHERE caller = ? AND request_id = ?")) {
      ps.setString(1, key.caller());
      ps.setString(2, key.requestId());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? new Recorded(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getString(4), rs.getString(5))
            : null;
      }
    } catch (SQLException e) {
      throw new RequestStoreException("cannot read request " + key.requestId() + ": " + e.getMessage(), e);
    }
  }

  private void recordFailure(Key key, RequestFailedException failure) {
    try {
      finish(key, "UPDATE coordinator.requests SET state = 'FAILED', error_code = ?, error_message = ?,"
          + " finished_at = now() WHERE caller = ? AND request_id = ? AND state = 'RUNNING'", ps -> {
            ps.setString(1, failure.code());
            ps.setString(2, failure.getMessage());
            return 2;
          });
    } catch (RequestStoreException e) {
      failure.addSuppressed(e);
    }
  }

  private void release(Key key, RuntimeException cause) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("DELETE FROM coordinator.requests"
            + " WHERE caller = ? AND request_id = ? AND state = 'RUNNING'")) {
      ps.setString(1, key.caller());
      ps.setString(2, key.requestId());
      ps.executeUpdate();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private void finish(Key key, String sql, Binder outcome) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      int bound = outcome.bind(ps);
      ps.setString(bound + 1, key.caller());
      ps.setString(bound + 2, key.requestId());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new RequestStoreException("request " + key.requestId() + " (" + key.method() + ") ran, but its outcome "
          + "could not be recorded (" + e.getMessage() + "); retries with this request_id will be told it is "
          + "in progress", e);
    }
  }

  /** Binds the outcome's parameters, the first ones of the statement, and says how many. */
  @FunctionalInterface
  private interface Binder {
    int bind(PreparedStatement ps) throws SQLException;
  }

  private record Key(String caller, String requestId, String method) {}

  private record Recorded(String method, String state, byte[] response, String errorCode, String errorMessage) {

    <T> Outcome<T> replay(Key key, Function<byte[], T> decode) {
      if (!method.equals(key.method())) {
        throw new IllegalArgumentException("request_id " + key.requestId() + " was already used for " + method
            + "; use a new request_id for " + key.method());
      }
      return switch (state) {
        case "DONE" -> new Outcome<>(decode.apply(response), true);
        case "FAILED" -> throw RequestFailedException.replay(errorCode, errorMessage);
        default -> throw new RequestInProgressException(key.requestId(), key.method());
      };
    }
  }
}
