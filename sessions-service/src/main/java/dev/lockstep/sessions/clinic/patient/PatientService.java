package dev.lockstep.sessions.clinic.patient;

import dev.lockstep.http.page.Page;
import dev.lockstep.http.page.PageRequest;
import dev.lockstep.http.page.PageToken;
import dev.lockstep.http.problem.ProblemException;
import dev.lockstep.schema.security.Caller;
import dev.lockstep.sessions.clinic.ClinicAudit;
import dev.lockstep.sessions.clinic.ClinicCaller;
import dev.lockstep.sessions.clinic.ClinicDatabase;
import dev.lockstep.sessions.clinic.ClinicDatabase.ClinicDatabaseException;
import dev.lockstep.sessions.clinic.ClinicSchemaGuard;
import dev.lockstep.sessions.clinic.ClinicUsers;
import dev.lockstep.sessions.clinic.PhiCipher;
import dev.lockstep.sessions.clinic.PhoneNumbers;
import dev.lockstep.sessions.common.SessionsError;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clinic patient records (seed 004 {@code clinic.patients}): staff create, list, read and replace
 * them; a patient reads the record linked to their own account. Name, phone and gender are stored
 * encrypted ({@link PhiCipher}); the phone searchably, so staff can look a patient up by number.
 */
@Singleton
public class PatientService {

  /** GCM associated data of each encrypted column. */
  public static final String NAME = "clinic.patients.name";
  /** The phone column, encrypted searchably. */
  public static final String PHONE = "clinic.patients.phone";
  private static final String GENDER = "clinic.patients.gender";
  private static final String ACCOUNT_TAKEN = "patients_user_ref_id_key";
  private static final String SELECT = "SELECT p.id, p.name, p.phone, p.date_of_birth, p.gender, u.auth_user_id,"
      + " p.created_at, p.updated_at FROM clinic.patients p LEFT JOIN clinic.user_refs u ON u.id = p.user_ref_id";
  private static final Logger LOG = LoggerFactory.getLogger(PatientService.class);

  private final ClinicDatabase db;
  private final ClinicUsers users;
  private final ClinicSchemaGuard schema;
  private final PhiCipher phi;
  private final ClinicAudit audit;

  /** The service over the clinic schema. */
  public PatientService(ClinicDatabase db, ClinicUsers users, ClinicSchemaGuard schema, PhiCipher phi,
      ClinicAudit audit) {
    this.db = db;
    this.users = users;
    this.schema = schema;
    this.phi = phi;
    this.audit = audit;
  }

  /** Creates a patient record (staff). */
  public PatientView create(Caller caller, PatientInput input) {
    ready();
    String phone = PhoneNumbers.normalise(input.phone(), "phone");
    String correlation = UUID.randomUUID().toString();
    PatientView created = write(() -> db.inTransaction(c -> {
      ClinicCaller me = users.resolve(c, caller);
      UUID account = input.userId() == null ? null : users.reference(c, input.userId());
      UUID id;
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO clinic.patients (name, phone, date_of_birth,"
          + " gender, user_ref_id) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
        bind(ps, input, phone, account);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          id = rs.getObject(1, UUID.class);
        }
      }
      audit.success(c, correlation, me.refId(), "create_patient", "patient", id, Map.of());
      return find(c, id).orElseThrow();
    }));
    LOG.info("Patient {} created by user {}", created.id(), caller.subject());
    return created;
  }

  /** Replaces a patient record as a whole (staff); absent optional fields are cleared. */
  public PatientView update(Caller caller, UUID id, PatientInput input) {
    ready();
    String phone = PhoneNumbers.normalise(input.phone(), "phone");
    String correlation = UUID.randomUUID().toString();
    PatientView updated = write(() -> db.inTransaction(c -> {
      ClinicCaller me = users.resolve(c, caller);
      UUID account = input.userId() == null ? null : users.reference(c, input.userId());
      try (PreparedStatement ps = c.prepareStatement("UPDATE clinic.patients SET name = ?, phone = ?,"
          + " date_of_birth = ?, gender = ?, user_ref_id = ? WHERE id = ?")) {
        bind(ps, input, phone, account);
        ps.setObject(6, id);
        if (ps.executeUpdate() == 0) {
          throw notFound(id);
        }
      }
      audit.success(c, correlation, me.refId(), "update_patient", "patient", id, Map.of());
      return find(c, id).orElseThrow();
    }));
    LOG.info("Patient {} updated by user {}", id, caller.subject());
    return updated;
  }

  /** One patient: staff see any; a patient only the record linked to their account (else 404). */
  public PatientView get(Caller caller, UUID id) {
    ready();
    return db.inTransaction(c -> {
      ClinicCaller me = users.resolve(c, caller);
      String where = me.scope() == ClinicCaller.Scope.PATIENT ? " WHERE p.id = ? AND p.user_ref_id = ?" : " WHERE p.id = ?";
      try (PreparedStatement ps = c.prepareStatement(SELECT + where)) {
        ps.setObject(1, id);
        if (me.scope() == ClinicCaller.Scope.PATIENT) {
          ps.setObject(2, me.refId());
        }
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw notFound(id);
          }
          return view(rs);
        }
      }
    });
  }

  /** The record linked to the caller's own account. */
  public PatientView mine(Caller caller) {
    ready();
    return db.inTransaction(c -> {
      ClinicCaller me = users.resolve(c, caller);
      UUID id = linkedPatient(c, me.refId()).orElseThrow(PatientService::notLinked);
      return find(c, id).orElseThrow();
    });
  }

  /**
   * Patients in creation order, one page at a time (staff).
   *
   * @param phone when not null, only patients with this number (any common spelling of it)
   */
  public Page<PatientView> list(Caller caller, String phone, PageRequest page) {
    ready();
    String searched = phone == null ? null : phi.encryptSearchable(PhoneNumbers.normalise(phone, "phone"), PHONE);
    Optional<PageToken> after = page.token(2);
    Instant afterCreated = after.map(t -> t.instant(0)).orElse(null);
    UUID afterId = after.map(t -> t.uuid(1)).orElse(null);
    List<PatientView> rows = db.inTransaction(c -> {
      users.resolve(c, caller);
      StringBuilder sql = new StringBuilder(SELECT).append(" WHERE true");
      List<Object> args = new ArrayList<>();
      if (searched != null) {
        sql.append(" AND p.phone = ?");
        args.add(searched);
      }
      if (afterId != null) {
        sql.append(" AND (p.created_at, p.id) > (?, ?)");
        args.add(OffsetDateTime.ofInstant(afterCreated, ZoneOffset.UTC));
        args.add(afterId);
      }
      sql.append(" ORDER BY p.created_at, p.id LIMIT ?");
      args.add(page.size() + 1);
      List<PatientView> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        for (int i = 0; i < args.size(); i++) {
          ps.setObject(i + 1, args.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(view(rs));
          }
        }
      }
      return out;
    });
    return Page.of(rows, page, p -> PageToken.encode(p.createdAt(), p.id()));
  }

  /** The patient record linked to account {@code userRef}, if any. */
  public static Optional<UUID> linkedPatient(Connection c, UUID userRef) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM clinic.patients WHERE user_ref_id = ?")) {
      ps.setObject(1, userRef);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
      }
    }
  }

  /** The 403 of a patient-role caller whose account no patient record is linked to. */
  public static ProblemException notLinked() {
    return new ProblemException(SessionsError.PATIENT_NOT_LINKED, "Your account is not linked to a clinic patient "
        + "record; ask the clinic's staff to link it (user_id on the patient record)");
  }

  /** The 404 of a patient the caller cannot see. */
  public static ProblemException notFound(UUID id) {
    return new ProblemException(SessionsError.PATIENT_NOT_FOUND, "No patient " + id);
  }

  private Optional<PatientView> find(Connection c, UUID id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE p.id = ?")) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(view(rs)) : Optional.empty();
      }
    }
  }

  private void bind(PreparedStatement ps, PatientInput input, String phone, UUID account) throws SQLException {
    ps.setString(1, phi.encrypt(input.name().strip(), NAME));
    ps.setString(2, phi.encryptSearchable(phone, PHONE));
    ps.setObject(3, input.dateOfBirth());
    ps.setString(4, phi.encrypt(blankToNull(input.gender()), GENDER));
    ps.setObject(5, account);
  }

  private PatientView view(ResultSet rs) throws SQLException {
    return new PatientView(rs.getObject(1, UUID.class), phi.decrypt(rs.getString(2), NAME),
        phi.decrypt(rs.getString(3), PHONE), rs.getObject(4, LocalDate.class), phi.decrypt(rs.getString(5), GENDER),
        rs.getObject(6, Long.class), rs.getObject(7, OffsetDateTime.class).toInstant(),
        rs.getObject(8, OffsetDateTime.class).toInstant());
  }

  private void ready() {
    schema.require(ClinicSchemaGuard.ACCOUNTS_AND_LENGTHS);
    phi.requireConfigured();
  }

  /** Runs a write, turning "this account is already linked" into 409. */
  private static PatientView write(Supplier<PatientView> work) {
    try {
      return work.get();
    } catch (ClinicDatabaseException e) {
      if (ClinicDatabase.isUniqueViolation(e.getCause(), ACCOUNT_TAKEN)) {
        throw new ProblemException(SessionsError.PATIENT_ACCOUNT_TAKEN, "The account user_id is already linked to "
            + "another patient record; unlink it there first");
      }
      throw e;
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
