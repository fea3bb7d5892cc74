package dev.lockstep.coordinator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.coordinator.dashboard.DashboardSession.SignedIn;
import dev.lockstep.schema.security.Caller;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DashboardSessionTest {

  private static final Caller ANN = new Caller("ann", Set.of("approver"), null);

  @Test
  void csrf_isStablePerToken_differsBetweenTokens_andNeverContainsTheToken() {
    SignedIn one = DashboardSession.signedIn(ANN, "token-one");
    SignedIn again = DashboardSession.signedIn(ANN, "token-one");
    SignedIn other = DashboardSession.signedIn(ANN, "token-two");

    assertThat(one.csrf()).isEqualTo(again.csrf()).isNotEqualTo(other.csrf()).doesNotContain("token");
    assertThat(one.csrf()).matches("[A-Za-z0-9_-]{43}");
    assertThat(DashboardSession.csrfMatches(one, again.csrf())).isTrue();
    assertThat(DashboardSession.csrfMatches(one, other.csrf())).isFalse();
    assertThat(DashboardSession.csrfMatches(one, null)).isFalse();
    assertThat(DashboardSession.csrfMatches(one, "")).isFalse();
    assertThat(one.toString()).doesNotContain("token-one");
  }

  @Test
  void safeThen_keepsDashboardPaths_andSendsEverythingElseToTheList() {
    assertThat(DashboardSession.safeThen("/dashboard")).isEqualTo("/dashboard");
    assertThat(DashboardSession.safeThen("/dashboard/rollouts/3af04a14-caca-4d39-b918-40567715c881?audit_from=2"))
        .isEqualTo("/dashboard/rollouts/3af04a14-caca-4d39-b918-40567715c881?audit_from=2");
    for (String hostile : new String[] {null, "", "https://evil.example/dashboard", "//evil.example/dashboard",
        "/dashboard/../admin", "/dashboardx", "/dashboard\\@evil.example", "javascript:alert(1)",
        "/dashboard/x\r\nSet-Cookie: a=b"}) {
      assertThat(DashboardSession.safeThen(hostile)).as(String.valueOf(hostile)).isEqualTo("/dashboard");
    }
  }
}
