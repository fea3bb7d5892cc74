package dev.lockstep.sessions.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.schema.contract.MigratedDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * V5 (seed 004 follow-up) on real PostgreSQL: its undo refuses to lose account links and
 * appointment lengths, and what row level security does for the clinic tables (see docs/API.md,
 * "Row level security"): the service's own role owns them and so bypasses RLS, while any other
 * role granted access sees no rows, because V4 enabled RLS and nothing adds policies.
 */
class ClinicV5Test {

  @Test
  void undoV5_refusesWhileLinksOrLengthsWouldBeLost_thenSucceeds() throws SQLException {
    try (MigratedDatabase db = SessionsDatabases.atHead("clinic_v5_undo")) {
      UUID account = db.one(UUID.class, "INSERT INTO clinic.user_refs (auth_user_id) VALUES (7) RETURNING id");
      UUID patient = db.one(UUID.class, "INSERT INTO clinic.patients (name, phone, user_ref_id)"
          + " VALUES ('v1:x', 'd1:y', ?) RETURNING id", account);
      UUID appointment = db.one(UUID.class, "INSERT INTO clinic.appointments (doctor_id, patient_id, patient_name,"
          + " patient_phone, appointment_date, duration_minutes) VALUES (?, ?, 'v1:x', 'v1:y', now(), 45) RETURNING id",
          account, patient);

      assertThatThrownBy(() -> db.tool().undoLatest()).hasMessageContaining("Cannot undo V5")
          .hasMessageContaining("linked to accounts");
      db.update("UPDATE clinic.patients SET user_ref_id = NULL WHERE id = ?", patient);
      assertThatThrownBy(() -> db.tool().undoLatest()).hasMessageContaining("Cannot undo V5")
          .hasMessageContaining("length other than 30 minutes");
      db.update("UPDATE clinic.appointments SET duration_minutes = 30 WHERE id = ?", appointment);

      db.tool().undoLatest();

      assertThat(db.tool().status().currentVersion()).isEqualTo("4");
      assertThat(db.count("SELECT count(*) FROM clinic.appointments WHERE id = ?", appointment)).isEqualTo(1);
    }
  }

  @Test
  void rowLevelSecurity_serviceRoleOwnsAndBypasses_otherRolesSeeNoRows() throws SQLException {
    try (MigratedDatabase db = SessionsDatabases.atHead("clinic_rls")) {
      db.update("INSERT INTO clinic.patients (name, phone) VALUES ('v1:x', 'd1:y')");
      String owner = db.one(String.class, "SELECT current_user::text");

      assertThat(db.count("SELECT count(*) FROM pg_class WHERE relnamespace = 'clinic'::regnamespace"
          + " AND relkind = 'r' AND (pg_get_userbyid(relowner) <> current_user OR relforcerowsecurity"
          + " OR NOT relrowsecurity)")).isZero();
      assertThat(db.count("SELECT count(*) FROM pg_policies WHERE schemaname = 'clinic'")).isZero();
      assertThat(db.count("SELECT count(*) FROM clinic.patients")).isEqualTo(1);

      String reader = "clinic_rls_reader_" + UUID.randomUUID().toString().replace("-", "");
      try (Connection c = db.connect(); Statement s = c.createStatement()) {
        s.execute("CREATE ROLE " + reader + " NOLOGIN");
        try {
          s.execute("GRANT USAGE ON SCHEMA clinic TO " + reader);
          s.execute("GRANT SELECT ON clinic.patients TO " + reader);
          c.setAutoCommit(false);
          s.execute("SET LOCAL ROLE " + reader);
          try (var rs = s.executeQuery("SELECT count(*) FROM clinic.patients")) {
            rs.next();
            assertThat(rs.getLong(1)).as("rows a non-owner role sees under RLS without policies").isZero();
          }
          c.rollback();
          c.setAutoCommit(true);
        } finally {
          s.execute("DROP OWNED BY " + reader);
          s.execute("DROP ROLE " + reader);
        }
      }
      assertThat(owner).isNotBlank();
    }
  }
}
