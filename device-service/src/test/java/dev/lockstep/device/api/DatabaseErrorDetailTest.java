package dev.lockstep.device.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.testsupport.LogCapture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The service's connections keep PostgreSQL's error details out of exception messages
 * ({@code logServerErrorDetail=false} in application.yml): a duplicate key names the constraint,
 * not the row's values, so an unexpected database error logged with its stack trace carries no
 * e-mail address or other value.
 */
class DatabaseErrorDetailTest {

  private final DeviceServer server = DeviceServer.get();

  @Test
  void duplicateKey_exceptionMessage_namesConstraintButNoValue() throws SQLException {
    String email = LogCapture.marker("email") + "@example.org";
    String first = DeviceServer.newUserId();
    server.update("INSERT INTO public.\"users\" (\"id\", \"email\", \"updatedAt\") VALUES (?, ?, now())", first, email);
    DataSource pool = server.context().getBean(DataSource.class);

    try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO public.\"users\" (\"id\", \"email\", \"updatedAt\") VALUES (?, ?, now())")) {
      ps.setString(1, DeviceServer.newUserId());
      ps.setString(2, email);

      assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"))
          .hasMessageContaining("users_email_key")
          .satisfies(e -> assertThat(e.toString()).doesNotContain(email));
    }
  }
}
