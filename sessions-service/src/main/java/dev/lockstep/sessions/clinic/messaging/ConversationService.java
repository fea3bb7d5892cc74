package dev.lockstep.sessions.clinic.messaging;

import dev.lockstep.http.page.Page;
import dev.lockstep.http.page.PageRequest;
import dev.lockstep.http.page.PageToken;
import dev.lockstep.http.problem.ProblemException;
import dev.lockstep.schema.security.Caller;
import dev.lockstep.sessions.clinic.ClinicCaller;
import dev.lockstep.sessions.clinic.ClinicCaller.Scope;
import dev.lockstep.sessions.clinic.ClinicDatabase;
import dev.lockstep.sessions.clinic.ClinicSchemaGuard;
import dev.lockstep.sessions.clinic.ClinicUsers;
import dev.lockstep.sessions.clinic.PhiCipher;
import dev.lockstep.sessions.common.SessionsError;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads the conversations and messages the messaging webhook stored (seed 004
 * {@code clinic.conversations}, {@code clinic.messages}): admin and staff all of them, a therapist
 * those where they are the doctor. Message content is decrypted for the reader and nowhere else.
 */
@Singleton
public class ConversationService {

  private static final String CONTENT = "clinic.messages.content";
  private static final String SELECT = "SELECT c.id, u.auth_user_id, c.patient_id, c.platform,"
      + " c.platform_conversation_id, c.status, c.created_at, c.updated_at"
      + " FROM clinic.conversations c JOIN clinic.user_refs u ON u.id = c.doctor_id";

  private final ClinicDatabase db;
  private final ClinicUsers users;
  private final ClinicSchemaGuard schema;
  private final PhiCipher phi;

  /** The service over the clinic schema. */
  public ConversationService(ClinicDatabase db, ClinicUsers users, ClinicSchemaGuard schema, PhiCipher phi) {
    this.db = db;
    this.users = users;
    this.schema = schema;
    this.phi = phi;
  }

  /** Conversations by creation, filtered; a therapist sees only their own. */
  public Page<ConversationView> list(Caller caller, Long doctorUserId, UUID patientId, PageRequest page) {
    schema.require(ClinicSchemaGuard.CLINIC_SCHEMA);
    Optional<PageToken> after = page.token(2);
    List<ConversationView> rows = db.inTransaction(c -> {
      ClinicCaller me = users.resolve(c, caller);
      Long doctor = doctorUserId;
      if (me.scope() != Scope.CLINIC) {
        doctor = doctor == null ? me.userId() : doctor;
        me.requireDoctor(doctor, "read conversations");
      }
      StringBuilder sql = new StringBuilder(SELECT).append(" WHERE true");
      List<Object> args = new ArrayList<>();
      if (doctor != null) {
        sql.append(" AND u.auth_user_id = ?");
        args.add(doctor);
      }
      if (patientId != null) {
        sql.append(" AND c.patient_id = ?");
        args.add(patientId);
      }
      if (after.isPresent()) {
        sql.append(" AND (c.created_at, c.id) > (?, ?)");
        args.add(OffsetDateTime.ofInstant(after.get().instant(0), ZoneOffset.UTC));
        args.add(after.get().uuid(1));
      }
      sql.append(" ORDER BY c.created_at, c.id LIMIT ?");
      args.add(page.size() + 1);
      List<ConversationView> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        for (int i = 0; i < args.size(); i++) {
          ps.setObject(i + 1, args.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(conversation(rs));
          }
        }
      }
      return out;
    });
    return Page.of(rows, page, v -> PageToken.encode(v.createdAt(), v.id()));
  }

  /** The messages of one conversation the caller may see, oldest first. */
  public Page<MessageView> messages(Caller caller, UUID conversationId, PageRequest page) {
    schema.require(ClinicSchemaGuard.CLINIC_SCHEMA);
    phi.requireConfigured();
    Optional<PageToken> after = page.token(2);
    List<MessageView> rows = db.inTransaction(c -> {
      ClinicCaller me = users.resolve(c, caller);
      try (PreparedStatement ps = c.prepareStatement("SELECT doctor_id FROM clinic.conversations WHERE id = ?")) {
        ps.setObject(1, conversationId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next() || (me.scope() != Scope.CLINIC && !rs.getObject(1, UUID.class).equals(me.refId()))) {
            throw new ProblemException(SessionsError.CONVERSATION_NOT_FOUND, "No conversation " + conversationId);
          }
        }
      }
      StringBuilder sql = new StringBuilder("SELECT id, conversation_id, platform_message_id, sender_type, content,"
          + " intent, created_at FROM clinic.messages WHERE conversation_id = ?");
      List<Object> args = new ArrayList<>(List.of(conversationId));
      if (after.isPresent()) {
        sql.append(" AND (created_at, id) > (?, ?)");
        args.add(OffsetDateTime.ofInstant(after.get().instant(0), ZoneOffset.UTC));
        args.add(after.get().uuid(1));
      }
      sql.append(" ORDER BY created_at, id LIMIT ?");
      args.add(page.size() + 1);
      List<MessageView> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        for (int i = 0; i < args.size(); i++) {
          ps.setObject(i + 1, args.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new MessageView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                rs.getString(4), phi.decrypt(rs.getString(5), CONTENT), rs.getString(6),
                rs.getObject(7, OffsetDateTime.class).toInstant()));
          }
        }
      }
      return out;
    });
    return Page.of(rows, page, m -> PageToken.encode(m.createdAt(), m.id()));
  }

  private static ConversationView conversation(ResultSet rs) throws SQLException {
    return new ConversationView(rs.getObject(1, UUID.class), rs.getLong(2), rs.getObject(3, UUID.class),
        rs.getString(4), rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant(),
        rs.getObject(8, OffsetDateTime.class).toInstant());
  }
}
