package dev.lockstep.schema.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.schema.api.SchemaErrorCode;
import dev.lockstep.schema.api.SchemaException;
import dev.lockstep.schema.api.SchemaSettings;
import dev.lockstep.schema.internal.backup.PgConnectionInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class PgConnectionInfoTest {

  @Test
  void parse_hostPortDatabaseAndParameters_givesToolArgumentsAndSiblingUrls() {
    PgConnectionInfo info = PgConnectionInfo.parse(settings("jdbc:postgresql://db.internal:6543/lockstep_auth"
        + "?sslmode=require&ApplicationName=x", "auth", "s3cret"));

    assertThat(info.database()).isEqualTo("lockstep_auth");
    assertThat(info.toolArguments())
        .containsExactly("--host=db.internal", "--port=6543", "--username=auth", "--no-password");
    assertThat(info.toolEnvironment()).containsEntry("PGPASSWORD", "s3cret").containsEntry("PGSSLMODE", "require");
    assertThat(info.jdbcUrlFor("lockstep_scratch_0a1b2c3d")).isEqualTo("jdbc:postgresql://db.internal:6543/"
        + "lockstep_scratch_0a1b2c3d?sslmode=require&ApplicationName=x");
    assertThat(info.maintenanceDatabase()).isEqualTo("postgres");
  }

  @Test
  void parse_noPort_usesDefaultPortAndKeepsUrlShape() {
    PgConnectionInfo info = PgConnectionInfo.parse(settings("jdbc:postgresql://localhost/shop", "u", ""));

    assertThat(info.toolArguments()).contains("--port=5432");
    assertThat(info.toolEnvironment()).doesNotContainKey("PGPASSWORD");
    assertThat(info.jdbcUrlFor("postgres")).isEqualTo("jdbc:postgresql://localhost/postgres");
  }

  @Test
  void parse_ipv6Host_stripsBracketsForTools() {
    PgConnectionInfo info = PgConnectionInfo.parse(settings("jdbc:postgresql://[::1]:5432/shop", "u", ""));

    assertThat(info.toolArguments()).contains("--host=::1");
    assertThat(info.jdbcUrlFor("other")).isEqualTo("jdbc:postgresql://[::1]:5432/other");
  }

  @Test
  void parse_passwordOnlyInUrl_goesToEnvironmentNotArguments() {
    PgConnectionInfo info = PgConnectionInfo.parse(settings("jdbc:postgresql://h/shop?user=bob&password=p%40ss", "", ""));

    assertThat(info.user()).isEqualTo("bob");
    assertThat(info.toolEnvironment()).containsEntry("PGPASSWORD", "p@ss");
    assertThat(String.join(" ", info.toolArguments())).doesNotContain("p@ss");
    assertThat(info.toString()).doesNotContain("p@ss");
  }

  @Test
  void parse_databaseNamedPostgres_usesTemplate1ForMaintenance() {
    PgConnectionInfo info = PgConnectionInfo.parse(settings("jdbc:postgresql://h/postgres", "u", ""));

    assertThat(info.maintenanceDatabase()).isEqualTo("template1");
  }

  @Test
  void parse_unsupportedUrls_throwInvalidArgument() {
    for (String url : List.of("jdbc:postgresql:shop", "jdbc:postgresql://a,b/shop", "jdbc:mysql://h/shop",
        "jdbc:postgresql://h/", "jdbc:postgresql://h/Shop", "jdbc:postgresql://h/a;b", "jdbc:postgresql://h:99999/x",
        "jdbc:postgresql://h/x/y")) {
      assertThatThrownBy(() -> PgConnectionInfo.parse(settings(url, "u", "secret-pw"))).as(url)
          .isInstanceOfSatisfying(SchemaException.class, e -> {
            assertThat(e.code()).isEqualTo(SchemaErrorCode.INVALID_ARGUMENT);
            assertThat(e.getMessage()).doesNotContain("secret-pw");
          });
    }
  }

  private static SchemaSettings settings(String url, String user, String password) {
    return new SchemaSettings("shop-service", url, user, password, List.of("shop"), "fixtures/good");
  }
}
