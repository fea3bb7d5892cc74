package dev.lockstep.schema.micronaut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.schema.api.SchemaErrorCode;
import dev.lockstep.schema.api.SchemaException;
import org.junit.jupiter.api.Test;

/** The declared range: validation at start and the verdict on a database, without a database. */
class SchemaRangeTest {

  private static SchemaRange range(SchemaMode mode, String required, String max, String selfTarget) {
    SchemaAgentConfiguration config = new SchemaAgentConfiguration();
    config.setMode(mode);
    config.setRequiredVersion(required);
    config.setMaxVersion(max);
    config.setSelfTarget(selfTarget);
    return new SchemaRange(config);
  }

  @Test
  void create_versionsWithOrWithoutV_areNormalised() {
    SchemaRange range = range(SchemaMode.COORDINATED, "V2", " 3.1 ", null);

    assertThat(range.required()).isEqualTo("2");
    assertThat(range.max()).isEqualTo("3.1");
  }

  @Test
  void create_blankValues_meanUnset() {
    SchemaRange range = range(SchemaMode.SELF, "", "  ", null);

    assertThat(range.required()).isNull();
    assertThat(range.max()).isNull();
    assertThat(range.effectiveRequired("3")).isEqualTo("3");
    assertThat(range.effectiveMax("3")).isEqualTo("3");
  }

  @Test
  void create_malformedVersion_failsNamingPropertyAndEnvVar() {
    assertThatThrownBy(() -> range(SchemaMode.COORDINATED, "two", null, null))
        .isInstanceOfSatisfying(SchemaException.class, e -> {
          assertThat(e.code()).isEqualTo(SchemaErrorCode.INVALID_ARGUMENT);
          assertThat(e.getMessage()).isEqualTo("lockstep.schema.required-version (LOCKSTEP_SCHEMA_REQUIRED_VERSION) "
              + "is \"two\", which is not a schema version: use a migration's version, e.g. 2 or 2.1");
        });
    assertThatThrownBy(() -> range(SchemaMode.SELF, null, null, "1;\nDROP"))
        .isInstanceOfSatisfying(SchemaException.class, e -> assertThat(e.getMessage())
            .startsWith("lockstep.schema.self-target (LOCKSTEP_SCHEMA_SELF_TARGET) is \"1; DROP\"")
            .doesNotContain("\n"));
  }

  @Test
  void create_requiredAboveMax_failsWithOneLine() {
    assertThatThrownBy(() -> range(SchemaMode.COORDINATED, "3", "2", null))
        .isInstanceOfSatisfying(SchemaException.class, e -> {
          assertThat(e.code()).isEqualTo(SchemaErrorCode.INVALID_ARGUMENT);
          assertThat(e.getMessage()).startsWith("lockstep.schema.required-version V3 is newer than "
              + "lockstep.schema.max-version V2").doesNotContain("\n");
        });
  }

  @Test
  void create_selfTargetBelowRequiredInSelfMode_failsWithWrongVersion() {
    assertThatThrownBy(() -> range(SchemaMode.SELF, "2", null, "1"))
        .isInstanceOfSatisfying(SchemaException.class, e -> {
          assertThat(e.code()).isEqualTo(SchemaErrorCode.WRONG_VERSION);
          assertThat(e.getMessage()).contains("raise LOCKSTEP_SCHEMA_SELF_TARGET to at least 2");
        });
  }

  @Test
  void create_selfTargetAboveMaxInSelfMode_failsWithWrongVersion() {
    assertThatThrownBy(() -> range(SchemaMode.SELF, null, "2", "3"))
        .isInstanceOfSatisfying(SchemaException.class,
            e -> assertThat(e.code()).isEqualTo(SchemaErrorCode.WRONG_VERSION));
  }

  @Test
  void create_selfTargetInCoordinatedMode_isIgnored() {
    SchemaRange range = range(SchemaMode.COORDINATED, "2", null, "1");

    assertThat(range.selfTarget()).isNull();
    assertThat(range.declaredSelfTarget()).isEqualTo("1");
    assertThat(range.effectiveRequired("3")).isEqualTo("2");
  }

  @Test
  void effectiveRequired_selfModeWithTargetAndNoRequired_isTheTarget() {
    SchemaRange range = range(SchemaMode.SELF, null, null, "1");

    assertThat(range.effectiveRequired("3")).isEqualTo("1");
    assertThat(range.judge("db", "1", "3", "shop-service").state()).isEqualTo(SchemaReadinessState.READY);
  }

  @Test
  void judge_coordinatedBelowRange_isWaitingAndNamesTheRollout() {
    SchemaRange.Verdict verdict = range(SchemaMode.COORDINATED, "2", null, null)
        .judge("lockstep_auth", "1", "2", "auth-service");

    assertThat(verdict.state()).isEqualTo(SchemaReadinessState.WAITING);
    assertThat(verdict.message()).isEqualTo("database lockstep_auth is at V1; this build of auth-service needs V2 to "
        + "V2. Waiting for the coordinator to roll the schema out (lockstep rollout status auth-service).");
  }

  @Test
  void judge_emptyDatabase_isAtBase() {
    SchemaRange.Verdict verdict = range(SchemaMode.COORDINATED, null, null, null).judge("db", null, "3", "svc");

    assertThat(verdict.state()).isEqualTo(SchemaReadinessState.WAITING);
    assertThat(verdict.required()).isEqualTo("3");
    assertThat(verdict.message()).startsWith("database db is at base; this build of svc needs V3 to V3.");
  }

  @Test
  void judge_aboveRange_isTooNewAndSaysWhatToDo() {
    SchemaRange.Verdict verdict = range(SchemaMode.COORDINATED, "3", "4", null)
        .judge("lockstep_auth", "5", "4", "auth-service");

    assertThat(verdict.state()).isEqualTo(SchemaReadinessState.TOO_NEW);
    assertThat(verdict.message()).isEqualTo("database lockstep_auth is at V5, newer than this build supports (up to "
        + "V4): deploy a newer build of auth-service or roll the schema back");
  }

  @Test
  void judge_insideRange_isReady() {
    SchemaRange range = range(SchemaMode.COORDINATED, "2", "4", null);

    assertThat(range.judge("db", "2", "3", "svc").state()).isEqualTo(SchemaReadinessState.READY);
    assertThat(range.judge("db", "3", "3", "svc").state()).isEqualTo(SchemaReadinessState.READY);
    assertThat(range.judge("db", "4", "3", "svc").state()).isEqualTo(SchemaReadinessState.READY);
    assertThat(range.judge("db", "4.1", "3", "svc").state()).isEqualTo(SchemaReadinessState.TOO_NEW);
  }

  @Test
  void judge_requiredAboveBuildHead_isMisconfigured() {
    SchemaRange.Verdict verdict = range(SchemaMode.COORDINATED, "4", "5", null).judge("db", "3", "3", "svc");

    assertThat(verdict.state()).isEqualTo(SchemaReadinessState.MISCONFIGURED);
    assertThat(verdict.message()).isEqualTo("lockstep.schema.required-version is V4, but this build of svc ships "
        + "migrations only up to V3: set LOCKSTEP_SCHEMA_REQUIRED_VERSION to a version this build ships");
  }

  @Test
  void compare_dottedVersions_compareNumerically() {
    assertThat(SchemaRange.compare("10", "9")).isPositive();
    assertThat(SchemaRange.compare("2.10", "2.9")).isPositive();
    assertThat(SchemaRange.compare(null, "1")).isNegative();
    assertThat(SchemaRange.compare("2.0", "2")).isZero();
  }
}
