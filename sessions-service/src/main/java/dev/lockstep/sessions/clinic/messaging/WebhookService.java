package dev.lockstep.sessions.clinic.messaging;

import dev.lockstep.http.problem.ProblemException;
import dev.lockstep.sessions.clinic.ClinicAudit;
import dev.lockstep.sessions.clinic.ClinicDatabase;
import dev.lockstep.sessions.clinic.ClinicSchemaGuard;
import dev.lockstep.sessions.clinic.ClinicUsers;
import dev.lockstep.sessions.clinic.PhiCipher;
import dev.lockstep.sessions.clinic.PhoneNumbers;
import dev.lockstep.sessions.clinic.patient.PatientService;
import dev.lockstep.sessions.common.SessionsError;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies inbound message events exactly once per (provider, event id), through V4's
 * {@code clinic.webhook_idempotency} and its {@code UNIQUE (provider, event_id)}.
 *
 * <p>Each delivery first claims the event in its own transaction with
 * {@code INSERT ... ON CONFLICT (provider, event_id) DO UPDATE ... WHERE status = 'failed'}:
 * <ul>
 *   <li>the first delivery inserts the row and, in the same transaction, stores the effects
 *       (patient when new, conversation when new, message) and marks the row processed;
 *   <li>a concurrent delivery of the same event waits on the unique index until the first
 *       commits, then finds the row processed, claims nothing and answers the stored outcome
 *       (the ids are kept in the {@code receive_message} audit row of the processing's
 *       correlation id); if the first rolled back, the waiting one inserts and processes;
 *   <li>an event that failed before is claimed again (retry_count + 1) and processed anew.
 * </ul>
 * Every delivery of one event therefore gets the same answer, and the effects exist once.
 * Events that cannot be applied (unknown doctor, a new conversation without a sender) are marked
 * failed with a reason (no PHI) and answered 422 {@code WEBHOOK_EVENT_REJECTED}; unexpected
 * failures roll back, are recorded as failed in a second transaction and answered 500, so the
 * provider's redelivery retries them.
 */
@Singleton
public class WebhookService {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookService.class);
  private static final String CONTENT = "clinic.messages.content";
  private static final String ACTION = "receive_message";

  private final ClinicDatabase db;
  private final ClinicUsers users;
  private final ClinicSchemaGuard schema;
  private final PhiCipher phi;
  private final ClinicAudit audit;

  /** The service over the clinic schema. */
  public WebhookService(ClinicDatabase db, ClinicUsers users, ClinicSchemaGuard schema, PhiCipher phi,
      ClinicAudit audit) {
    this.db = db;
    this.users = users;
    this.schema = schema;
    this.phi = phi;
    this.audit = audit;
  }

  /**
   * Applies one delivery of {@code event} from {@code provider} (its signature already verified).
   *
   * @throws ProblemException 422 {@code WEBHOOK_EVENT_REJECTED} when the event cannot be applied
   */
  public WebhookOutcome receive(Provider provider, WebhookEvent event) {
    schema.require(ClinicSchemaGuard.CLINIC_SCHEMA);
    phi.requireConfigured();
    String phone = event.sender() == null ? null : PhoneNumbers.normalise(event.sender().phone(), "sender.phone");
    String correlation = UUID.randomUUID().toString();
    Result result;
    try {
      result = db.inTransaction(c -> claimAndApply(c, provider, event, phone, correlation));
    } catch (RuntimeException e) {
      if (!(e instanceof ProblemException)) {
        recordFailure(provider, event.eventId(), correlation, "internal error (" + e.getClass().getSimpleName()
            + "); see the service log under correlation id " + correlation);
      }
      throw e;
    }
    if (result.rejection() != null) {
      throw new ProblemException(SessionsError.WEBHOOK_EVENT_REJECTED, "Event " + event.eventId() + " of "
          + provider.id() + " was not applied: " + result.rejection() + ". It is recorded as failed; a redelivery "
          + "retries it");
    }
    return result.outcome();
  }

  private Result claimAndApply(Connection c, Provider provider, WebhookEvent event, String phone, String correlation)
      throws SQLException {
    Optional<UUID> claim = claim(c, provider, event.eventId(), correlation);
    if (claim.isEmpty()) {
      LOG.info("Webhook event of {} already processed; answering its outcome (idempotency key {}/{})",
          provider.id(), provider.id(), event.eventId());
      return earlier(c, provider, event.eventId());
    }
    UUID key = claim.get();
    Optional<UUID> doctor = users.find(c, event.doctorUserId());
    if (doctor.isEmpty()) {
      return reject(c, key, "doctor_user_id " + event.doctorUserId() + " is not a doctor known to the clinic");
    }
    UUID conversation = conversation(c, doctor.get(), provider, event.conversationId()).orElse(null);
    if (conversation == null) {
      if (phone == null) {
        return reject(c, key, "conversation_id names a new conversation, which needs sender (name and phone) to "
            + "find or create the patient");
      }
      UUID patient = patient(c, event.sender().name().strip(), phone, correlation);
      conversation = startConversation(c, doctor.get(), patient, provider, event.conversationId());
    }
    UUID message = message(c, conversation, event);
    try (PreparedStatement ps = c.prepareStatement("UPDATE clinic.conversations SET updated_at = now() WHERE id = ?")) {
      ps.setObject(1, conversation);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE clinic.webhook_idempotency SET status = 'processed',"
        + " processed_at = now(), error_message = NULL WHERE id = ?")) {
      ps.setObject(1, key);
      ps.executeUpdate();
    }
    audit.success(c, correlation, null, ACTION, "message", message, Map.of("provider", provider.id(),
        "event_id", event.eventId(), "conversation_id", conversation.toString()));
    LOG.info("Webhook event of {} processed: message {} in conversation {} (correlation id {})", provider.id(),
        message, conversation, correlation);
    return Result.of(new WebhookOutcome(provider.id(), event.eventId(), "processed", conversation, message));
  }

  /** Claims the event: its idempotency row's id when this delivery must process it, else empty. */
  private static Optional<UUID> claim(Connection c, Provider provider, String eventId, String correlation)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO clinic.webhook_idempotency (event_id, provider,"
        + " correlation_id) VALUES (?, ?, ?) ON CONFLICT (provider, event_id) DO UPDATE SET status = 'pending',"
        + " retry_count = clinic.webhook_idempotency.retry_count + 1, correlation_id = EXCLUDED.correlation_id,"
        + " error_message = NULL WHERE clinic.webhook_idempotency.status = 'failed' RETURNING id")) {
      ps.setString(1, eventId);
      ps.setString(2, provider.id());
      ps.setString(3, correlation);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
      }
    }
  }

  /** The outcome of the delivery that processed the event before. */
  private static Result earlier(Connection c, Provider provider, String eventId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT w.status, w.error_message, l.resource_id,"
        + " l.metadata ->> 'conversation_id' FROM clinic.webhook_idempotency w LEFT JOIN clinic.audit_logs l"
        + " ON l.correlation_id = w.correlation_id AND l.action = ? WHERE w.provider = ? AND w.event_id = ?")) {
      ps.setString(1, ACTION);
      ps.setString(2, provider.id());
      ps.setString(3, eventId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || !"processed".equals(rs.getString(1)) || rs.getObject(3) == null) {
          throw new IllegalStateException("webhook event claimed by nobody and not processed (" + provider.id() + ")");
        }
        return Result.of(new WebhookOutcome(provider.id(), eventId, "processed",
            UUID.fromString(rs.getString(4)), rs.getObject(3, UUID.class)));
      }
    }
  }

  private static Result reject(Connection c, UUID key, String reason) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE clinic.webhook_idempotency SET status = 'failed',"
        + " error_message = ? WHERE id = ?")) {
      ps.setString(1, reason);
      ps.setObject(2, key);
      ps.executeUpdate();
    }
    LOG.info("Webhook event rejected (idempotency row {}): {}", key, reason);
    return new Result(null, reason);
  }

  private static Optional<UUID> conversation(Connection c, UUID doctor, Provider provider, String platformId)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM clinic.conversations WHERE doctor_id = ?"
        + " AND platform = ? AND platform_conversation_id = ?")) {
      ps.setObject(1, doctor);
      ps.setString(2, provider.id());
      ps.setString(3, platformId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
      }
    }
  }

  /** The patient with this phone number (the oldest record if several), or a new record. */
  private UUID patient(Connection c, String name, String phone, String correlation) throws SQLException {
    String searchable = phi.encryptSearchable(phone, PatientService.PHONE);
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM clinic.patients WHERE phone = ?"
        + " ORDER BY created_at, id LIMIT 1")) {
      ps.setString(1, searchable);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return rs.getObject(1, UUID.class);
        }
      }
    }
    UUID id;
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO clinic.patients (name, phone) VALUES (?, ?) RETURNING id")) {
      ps.setString(1, phi.encrypt(name, PatientService.NAME));
      ps.setString(2, searchable);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        id = rs.getObject(1, UUID.class);
      }
    }
    audit.success(c, correlation, null, "create_patient", "patient", id, Map.of("source", "messaging_webhook"));
    return id;
  }

  private static UUID startConversation(Connection c, UUID doctor, UUID patient, Provider provider, String platformId)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO clinic.conversations (doctor_id, patient_id,"
        + " platform, platform_conversation_id) VALUES (?, ?, ?, ?)"
        + " ON CONFLICT (doctor_id, platform, platform_conversation_id) DO NOTHING RETURNING id")) {
      ps.setObject(1, doctor);
      ps.setObject(2, patient);
      ps.setString(3, provider.id());
      ps.setString(4, platformId);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return rs.getObject(1, UUID.class);
        }
      }
    }
    // Another event of the same new conversation committed it meanwhile; this statement sees it.
    return conversation(c, doctor, provider, platformId)
        .orElseThrow(() -> new IllegalStateException("conversation vanished after a conflicting insert"));
  }

  /** Stores the message once per (conversation, platform message id); a repeat gives the stored one. */
  private UUID message(Connection c, UUID conversation, WebhookEvent event) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO clinic.messages (conversation_id,"
        + " platform_message_id, sender_type, content, intent) VALUES (?, ?, 'patient', ?, ?)"
        + " ON CONFLICT (conversation_id, platform_message_id) DO NOTHING RETURNING id")) {
      ps.setObject(1, conversation);
      ps.setString(2, event.messageId());
      ps.setString(3, phi.encrypt(event.text(), CONTENT));
      ps.setString(4, event.intent() == null || event.intent().isBlank() ? null : event.intent().strip());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return rs.getObject(1, UUID.class);
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM clinic.messages WHERE conversation_id = ?"
        + " AND platform_message_id = ?")) {
      ps.setObject(1, conversation);
      ps.setString(2, event.messageId());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getObject(1, UUID.class);
      }
    }
  }

  /** Records an unexpected failure after the processing transaction rolled back (best effort). */
  private void recordFailure(Provider provider, String eventId, String correlation, String reason) {
    try {
      db.inTransaction(c -> {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO clinic.webhook_idempotency (event_id, provider,"
            + " correlation_id, status, error_message) VALUES (?, ?, ?, 'failed', ?)"
            + " ON CONFLICT (provider, event_id) DO UPDATE SET status = 'failed', error_message = EXCLUDED.error_message,"
            + " correlation_id = EXCLUDED.correlation_id WHERE clinic.webhook_idempotency.status <> 'processed'")) {
          ps.setString(1, eventId);
          ps.setString(2, provider.id());
          ps.setString(3, correlation);
          ps.setString(4, reason);
          ps.executeUpdate();
        }
        return null;
      });
    } catch (RuntimeException e) {
      LOG.warn("Could not record the failure of a webhook event of {} (correlation id {}): {}", provider.id(),
          correlation, e.getClass().getSimpleName());
    }
  }

  /** A processed outcome or a rejection reason. */
  private record Result(WebhookOutcome outcome, String rejection) {
    static Result of(WebhookOutcome outcome) {
      return new Result(outcome, null);
    }
  }
}
