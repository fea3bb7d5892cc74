package dev.lockstep.schema.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.schema.api.SchemaErrorCode;
import dev.lockstep.schema.api.SchemaException;
import dev.lockstep.schema.internal.backup.PgCommand;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PgCommandTest {

  @Test
  void run_failingTool_reportsExitCodeAndEndOfStderr() {
    PgCommand command = new PgCommand(Duration.ofSeconds(30));
    // 10 000 lines of stderr: only the last 4 KB are kept.
    String script = "for i in $(seq 1 10000); do echo \"line $i\" >&2; done; exit 3";

    PgCommand.Outcome outcome = command.run(List.of("sh", "-c", script), Map.of(), SchemaErrorCode.BACKUP_FAILED);

    assertThat(outcome.succeeded()).isFalse();
    assertThat(outcome.exitCode()).isEqualTo(3);
    assertThat(outcome.stderrTail()).endsWith("line 10000\n").doesNotContain("line 1\n").hasSizeLessThan(4200);
    assertThat(outcome.describe()).startsWith("sh exited with code 3");
  }

  @Test
  void run_passesEnvironmentAndClearsInheritedPgVariables() {
    PgCommand command = new PgCommand(Duration.ofSeconds(30));

    PgCommand.Outcome outcome = command.run(List.of("sh", "-c",
        "echo \"pw=$PGPASSWORD db=${PGDATABASE:-unset}\" >&2"), Map.of("PGPASSWORD", "x1"), SchemaErrorCode.BACKUP_FAILED);

    assertThat(outcome.succeeded()).isTrue();
    assertThat(outcome.stderrTail()).isEqualTo("pw=x1 db=unset\n");
  }

  @Test
  void run_toolRunsPastTimeout_isDestroyedAndFails() {
    PgCommand command = new PgCommand(Duration.ofMillis(300));
    long start = System.nanoTime();

    assertThatThrownBy(() -> command.run(List.of("sleep", "30"), Map.of(), SchemaErrorCode.RESTORE_FAILED))
        .isInstanceOfSatisfying(SchemaException.class, e -> {
          assertThat(e.code()).isEqualTo(SchemaErrorCode.RESTORE_FAILED);
          assertThat(e.getMessage()).contains("did not finish within PT0.3S");
        });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void start_toolNotOnPath_saysToInstallClientTools() {
    PgCommand command = new PgCommand(Duration.ofSeconds(5));

    assertThatThrownBy(() -> command.run(List.of("pg_dump_not_installed_here"), Map.of(), SchemaErrorCode.BACKUP_FAILED))
        .isInstanceOfSatisfying(SchemaException.class, e -> {
          assertThat(e.code()).isEqualTo(SchemaErrorCode.BACKUP_FAILED);
          assertThat(e.getMessage()).contains("PostgreSQL 15 client tools");
        });
  }
}
