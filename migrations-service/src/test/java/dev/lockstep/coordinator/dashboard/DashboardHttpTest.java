package dev.lockstep.coordinator.dashboard;

import static dev.lockstep.coordinator.flow.CoordinatorStack.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.coordinator.dashboard.DashboardClient.Page;
import dev.lockstep.coordinator.flow.CoordinatorStack;
import dev.lockstep.proto.rollout.v1.AuditEntry;
import dev.lockstep.proto.rollout.v1.CancelRolloutRequest;
import dev.lockstep.proto.rollout.v1.CreateRolloutRequest;
import dev.lockstep.proto.rollout.v1.GetRolloutRequest;
import dev.lockstep.proto.rollout.v1.ListAuditEntriesRequest;
import dev.lockstep.proto.rollout.v1.Plan;
import dev.lockstep.proto.rollout.v1.PlanReleaseRequest;
import dev.lockstep.proto.rollout.v1.Rollout;
import dev.lockstep.proto.rollout.v1.RolloutServiceGrpc;
import dev.lockstep.proto.rollout.v1.RolloutState;
import dev.lockstep.testsupport.TestTokens;
import io.micronaut.http.sse.Event;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The dashboard over real HTTP against a real coordinator (real agents, real PostgreSQL): sign-in
 * and its refusals, roles, CSRF, the coordinator's approval rules with their plain reasons, the
 * event stream with ids and resumption, escaping of hostile values, and the list's pages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardHttpTest {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String HOSTILE_REQUESTER = "<script>alert(\"req\")</script>";
  private static final String HOSTILE_REASON = "<img src=x onerror=alert(1)> pulled";
  private static final String HOSTILE_COMMENT = "<script>alert('ann')</script> SQL reviewed";

  private CoordinatorStack stack;
  private String waiting;
  private String hostile;

  @BeforeAll
  void start() throws Exception {
    stack = new CoordinatorStack("alpha", "beta");
    waiting = create("rita", "2026.11-dash", "alpha-service:2");
    stack.await(waiting, WAIT, RolloutState.ROLLOUT_STATE_AWAITING_APPROVAL);
    hostile = create(HOSTILE_REQUESTER, "2026.11-hostile", "beta-service:2");
    stack.rollouts(HOSTILE_REQUESTER, "release-manager").cancelRollout(CancelRolloutRequest.newBuilder()
        .setRequestId("cancel-hostile").setRolloutId(hostile).setReason(HOSTILE_REASON).build());
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  private String create(String requester, String release, String... targets) {
    RolloutServiceGrpc.RolloutServiceBlockingStub rm = stack.rollouts(requester, "release-manager", "approver");
    Plan plan = rm.planRelease(PlanReleaseRequest.newBuilder().setManifestYaml(manifest(release, 2, "undo", targets))
        .build()).getPlan();
    return rm.createRollout(CreateRolloutRequest.newBuilder().setRequestId("create-" + release)
        .setPlanId(plan.getPlanId()).build()).getRollout().getRolloutId();
  }

  private DashboardClient client() {
    return new DashboardClient(stack.httpUrl());
  }

  private DashboardClient signedIn(String subject, String... roles) {
    DashboardClient c = client();
    Page answer = c.signIn(TestTokens.mint(subject, roles));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(303);
    return c;
  }

  private Rollout rollout(String id) {
    return stack.rollouts("watcher", "viewer").getRollout(GetRolloutRequest.newBuilder().setRolloutId(id).build())
        .getRollout();
  }

  private static Map<String, String> form(String... pairs) {
    Map<String, String> form = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      form.put(pairs[i], pairs[i + 1]);
    }
    return form;
  }

  @Test
  @Order(1)
  void unauthenticated_browsersAreSentToSignIn_otherCallersGetProblemJson() {
    try (DashboardClient c = client()) {
      Page list = c.get("/dashboard");
      Page page = c.get("/dashboard/rollouts/" + waiting + "?audit_from=2");
      Page events = c.get("/dashboard/rollouts/" + waiting + "/events", "text/event-stream");
      Page script = c.get("/dashboard/static/dashboard.js", "*/*");
      Page signIn = c.get(list.location());

      assertThat(list.status()).isEqualTo(303);
      assertThat(list.location()).isEqualTo("/dashboard/sign-in?why=signed-out&then=%2Fdashboard");
      assertThat(page.location()).endsWith("&then=%2Fdashboard%2Frollouts%2F" + waiting + "%3Faudit_from%3D2");
      assertThat(events.status()).isEqualTo(401);
      assertThat(events.contentType()).startsWith("application/problem+json");
      assertThat(events.body()).contains("\"status\":401").contains("sign in at /dashboard/sign-in");
      assertThat(script.status()).isEqualTo(200);
      assertThat(script.contentType()).startsWith("text/javascript");
      assertThat(signIn.status()).isEqualTo(200);
      assertThat(signIn.body()).contains("Sign in to see the dashboard.").contains("<label for=\"token\">");
      assertThat(signIn.headers().get("Content-Security-Policy")).contains("script-src 'self'")
          .contains("frame-ancestors 'none'");
    }
  }

  @Test
  @Order(2)
  void signIn_withBadTokens_isRefusedWithThePlainReason() {
    try (DashboardClient c = client()) {
      Page garbage = c.signIn("not-a-token");
      Page otherKey = c.signIn(TestTokens.mintWithOtherKey("ann", "approver"));
      Page expired = c.signIn(TestTokens.mintExpired("ann", "approver"));
      Page noRole = c.signIn(TestTokens.mint("nora"));
      Page noNonce = c.post("/dashboard/sign-in", form("token", TestTokens.mint("ann", "approver"), "nonce", "x"));

      assertThat(garbage.status()).isEqualTo(401);
      assertThat(garbage.body()).contains("The token was not accepted: malformed token");
      assertThat(otherKey.body()).contains("The token was not accepted: invalid token signature");
      assertThat(expired.body()).contains("The token was not accepted: token expired");
      assertThat(noRole.status()).isEqualTo(403);
      assertThat(noRole.body()).contains("The token of nora has none of the coordinator&#39;s roles");
      assertThat(noNonce.status()).isEqualTo(403);
      assertThat(noNonce.body()).contains("This sign-in form is out of date");
      assertThat(c.cookie(DashboardSession.SESSION_COOKIE)).isNull();
    }
    try (DashboardClient c = client()) {
      c.cookie(DashboardSession.SESSION_COOKIE, TestTokens.mintExpired("ann", "approver"));
      Page sent = c.get("/dashboard/rollouts/" + waiting);
      assertThat(sent.status()).isEqualTo(303);
      assertThat(sent.location()).startsWith("/dashboard/sign-in?why=expired&then=");
      assertThat(c.cookie(DashboardSession.SESSION_COOKIE)).as("the expired cookie is cleared").isNull();
      assertThat(c.get(sent.location()).body()).contains("Your sign-in expired");
    }
  }

  @Test
  @Order(3)
  void signIn_setsAStrictHttpOnlyCookie_andReturnsOnlyToDashboardPages() {
    try (DashboardClient c = client(); DashboardClient d = client(); DashboardClient e = client()) {
      Page answer = c.signIn("Bearer " + TestTokens.mint("vic", "viewer"), "/dashboard/rollouts/" + waiting);
      Page offSite = d.signIn(TestTokens.mint("vic", "viewer"), "https://evil.example/dashboard");
      Page protocolRelative = e.signIn(TestTokens.mint("vic", "viewer"), "//evil.example/dashboard");

      assertThat(answer.status()).isEqualTo(303);
      assertThat(answer.location()).isEqualTo("/dashboard/rollouts/" + waiting);
      String cookie = answer.headers().getAll("Set-Cookie").stream()
          .filter(h -> h.startsWith(DashboardSession.SESSION_COOKIE + "=")).findFirst().orElseThrow();
      assertThat(cookie).containsIgnoringCase("HttpOnly").contains("SameSite=Strict").contains("Path=/dashboard")
          .doesNotContain("Secure");
      assertThat(offSite.location()).isEqualTo("/dashboard");
      assertThat(protocolRelative.location()).isEqualTo("/dashboard");
      assertThat(c.get(answer.location()).status()).isEqualTo(200);
    }
  }

  @Test
  @Order(4)
  void viewer_seesTheRolloutButNoButtons_andCannotDecide() {
    try (DashboardClient vic = signedIn("vic", "viewer")) {
      Page page = vic.get("/dashboard/rollouts/" + waiting);
      Page posted = vic.post("/dashboard/rollouts/" + waiting + "/decision",
          form("csrf", page.csrf(), "decision", "approve", "comment", "I only watch"));

      assertThat(page.status()).isEqualTo(200);
      assertThat(page.body()).contains("data-state=\"AWAITING_APPROVAL\"")
          .contains("Release 2026.11-dash")
          .contains("ADD COLUMN note")
          .contains("alpha-service/production")
          .contains("0 of 2 approvals received")
          .contains("need the <code>approver</code> role")
          .doesNotContain("class=\"decision-form\"");
      assertThat(posted.status()).isEqualTo(403);
      assertThat(posted.body()).contains("approving and rejecting need the approver role, and vic does not have it");
      assertThat(rollout(waiting).getApprovalsCount()).isZero();
    }
  }

  @Test
  @Order(5)
  void decision_withoutItsCsrfValue_isRefused_andRecordsNothing() {
    try (DashboardClient ann = signedIn("ann", "approver")) {
      Page page = ann.get("/dashboard/rollouts/" + waiting);
      Page missing = ann.post("/dashboard/rollouts/" + waiting + "/decision", form("decision", "approve",
          "comment", "forged", "request_id", page.requestId()));
      Page wrong = ann.post("/dashboard/rollouts/" + waiting + "/decision", form("csrf", "forged", "decision",
          "approve", "comment", "forged", "request_id", page.requestId()));

      assertThat(page.body()).contains("class=\"decision-form\"");
      for (Page refused : List.of(missing, wrong)) {
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("its security token is missing or wrong")
            .contains(">forged</textarea>");
      }
      assertThat(rollout(waiting).getApprovalsCount()).isZero();
    }
  }

  @Test
  @Order(6)
  void requester_cannotApprove_andSeesThePlainReason() {
    try (DashboardClient rita = signedIn("rita", "release-manager", "approver")) {
      Page page = rita.get("/dashboard/rollouts/" + waiting);
      Page posted = rita.post("/dashboard/rollouts/" + waiting + "/decision", form("csrf", page.csrf(),
          "decision", "approve", "comment", "my own work is fine", "request_id", "dashboard-rita-1"));

      assertThat(page.body()).contains("You cannot approve or reject now: rita requested this rollout and cannot"
          + " approve or reject it; another approver has to.").doesNotContain("class=\"decision-form\"");
      assertThat(posted.status()).isEqualTo(403);
      assertThat(posted.body()).contains("role=\"alert\">Nothing was recorded: rita requested this rollout and"
          + " cannot approve or reject it; another approver has to.")
          .doesNotContain("Exception").doesNotContain("at dev.lockstep");
      assertThat(rollout(waiting).getApprovalsCount()).isZero();
    }
  }

  @Test
  @Order(7)
  void approver_approvesOnce_evenWhenTheFormIsSentTwice() {
    try (DashboardClient ann = signedIn("ann", "approver"); DashboardClient bob = signedIn("bob", "approver")) {
      Page page = ann.get("/dashboard/rollouts/" + waiting);
      Map<String, String> approve = form("csrf", page.csrf(), "decision", "approve", "comment", HOSTILE_COMMENT,
          "request_id", page.requestId());
      Page first = ann.post("/dashboard/rollouts/" + waiting + "/decision", approve);
      Page again = ann.post("/dashboard/rollouts/" + waiting + "/decision", approve);
      Page after = ann.get(first.location());
      Page bobPage = bob.get("/dashboard/rollouts/" + waiting);
      Page blank = bob.post("/dashboard/rollouts/" + waiting + "/decision", form("csrf", bobPage.csrf(),
          "decision", "approve", "comment", "  ", "request_id", bobPage.requestId()));

      assertThat(first.status()).as(first.toString()).isEqualTo(303);
      assertThat(first.location()).isEqualTo("/dashboard/rollouts/" + waiting + "?decided=approve#approvals");
      assertThat(again.status()).as("the same form again is replayed, not refused").isEqualTo(303);
      assertThat(after.body()).contains("Your approval is recorded.")
          .contains("1 of 2 approvals received")
          .contains("You approved this rollout at")
          .contains("&lt;script&gt;alert(&#39;ann&#39;)&lt;/script&gt; SQL reviewed")
          .doesNotContain("<script>alert('ann')");
      assertThat(blank.status()).isEqualTo(400);
      assertThat(blank.body()).contains("Nothing was recorded: a comment is required when approving.");
      List<AuditEntry> audit = stack.rollouts("rita", "viewer").listAuditEntries(ListAuditEntriesRequest.newBuilder()
          .setRolloutId(waiting).build()).getEntriesList();
      assertThat(audit).filteredOn(a -> a.getAction().equals("rollout.approved"))
          .singleElement().satisfies(a -> {
            assertThat(a.getActor()).isEqualTo("ann");
            assertThat(a.getDetail()).isEqualTo(HOSTILE_COMMENT);
          });
      assertThat(after.body()).contains("rollout.approved");
      assertThat(rollout(waiting).getApprovalsList()).singleElement()
          .satisfies(a -> assertThat(a.getApprover()).isEqualTo("ann"));
    }
  }

  @Test
  @Order(8)
  void eventStream_sendsTheLogWithIds_andResumesAfterLastEventId() {
    try (DashboardClient vic = signedIn("vic", "viewer")) {
      long last = rollout(hostile).getLastEventSequence();
      String path = "/dashboard/rollouts/" + hostile + "/events";
      List<Event<String>> all = vic.events(path, null, e -> "end".equals(e.getName()), WAIT);
      List<Event<String>> resumed = vic.events(path, "1", e -> "end".equals(e.getName()), WAIT);
      List<Event<String>> after = vic.events(path + "?after=" + (last - 1), null, e -> "end".equals(e.getName()),
          WAIT);
      List<Event<String>> live = vic.events("/dashboard/rollouts/" + waiting + "/events", null,
          e -> "rollout".equals(e.getName()) && e.getData().contains("\"sections\""), WAIT);

      List<Event<String>> rollout = all.stream().filter(e -> "rollout".equals(e.getName())).toList();
      assertThat(rollout).hasSize((int) last);
      for (int i = 0; i < rollout.size(); i++) {
        assertThat(rollout.get(i).getId()).isEqualTo(Long.toString(i + 1));
        assertThat(rollout.get(i).getData()).startsWith("{\"sequence\":" + (i + 1) + ",");
      }
      assertThat(all.get(0).getName()).isEqualTo("hello");
      assertThat(all.get(all.size() - 1).getData()).isEqualTo("{\"state\":\"CANCELLED\"}");
      assertThat(last).as("created and cancelled at least").isGreaterThanOrEqualTo(2);
      assertThat(resumed.stream().filter(e -> "rollout".equals(e.getName())).map(Event::getId).toList())
          .isEqualTo(rollout.stream().skip(1).map(Event::getId).toList());
      assertThat(after.stream().filter(e -> "rollout".equals(e.getName())).map(Event::getId).toList())
          .containsExactly(Long.toString(last));
      Event<String> withSections = live.get(live.size() - 1);
      assertThat(withSections.getData()).contains("\"decision-key\":\"viewer\"")
          .contains("\"state\":\"AWAITING_APPROVAL\"").contains("data-state=\\\"AWAITING_APPROVAL\\\"");
    }
  }

  @Test
  @Order(9)
  void eventStream_refusals_areProblems() {
    try (DashboardClient vic = signedIn("vic", "viewer")) {
      Page unknown = vic.get("/dashboard/rollouts/00000000-0000-0000-0000-000000000000/events", "text/event-stream");
      Page badId = vic.get("/dashboard/rollouts/" + hostile + "/events?after=x", "text/event-stream");

      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.contentType()).startsWith("application/problem+json");
      assertThat(badId.status()).isEqualTo(400);
      assertThat(badId.body()).contains("\"field\":\"after\"");
    }
  }

  @Test
  @Order(10)
  void hostileValues_areEscapedInPagesAndStreams() {
    try (DashboardClient vic = signedIn("vic", "viewer")) {
      Page page = vic.get("/dashboard/rollouts/" + hostile);
      Page list = vic.get("/dashboard");
      List<Event<String>> events = vic.events("/dashboard/rollouts/" + hostile + "/events", null,
          e -> "end".equals(e.getName()), WAIT);

      for (Page p : List.of(page, list)) {
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.body()).doesNotContain("<script>alert").doesNotContain("<img src=x")
            .contains("&lt;script&gt;alert(&quot;req&quot;)&lt;/script&gt;");
      }
      assertThat(page.body()).contains("&lt;img src=x onerror=alert(1)&gt; pulled")
          .contains("data-state=\"CANCELLED\"");
      assertThat(events).allSatisfy(e -> assertThat(e.getData()).doesNotContain("<").doesNotContain(">"));
      assertThat(String.join("", events.stream().map(Event::getData).toList()))
          .contains("\\u0026lt;script\\u0026gt;alert(\\u0026quot;req\\u0026quot;)");
    }
  }

  @Test
  @Order(11)
  void list_isNewestFirst_filteredAndPaged() {
    try (DashboardClient vic = signedIn("vic", "viewer")) {
      Page first = vic.get("/dashboard?size=1");
      String older = first.body().replaceAll("(?s).*<a rel=\"next\" href=\"([^\"]+)\".*", "$1").replace("&amp;", "&");
      Page second = vic.get(older);
      Page cancelled = vic.get("/dashboard?state=CANCELLED");
      Page badSize = vic.get("/dashboard?size=0");
      Page badSizeJson = vic.get("/dashboard?size=0", "application/json");

      assertThat(first.body()).contains("2026.11-hostile").doesNotContain("2026.11-dash");
      assertThat(second.body()).contains("2026.11-dash").doesNotContain("2026.11-hostile");
      assertThat(cancelled.body()).contains("2026.11-hostile").doesNotContain("2026.11-dash");
      assertThat(badSize.status()).isEqualTo(400);
      assertThat(badSize.body()).contains("size must be a number from 1 to 100");
      assertThat(badSizeJson.contentType()).startsWith("application/problem+json");
      assertThat(badSizeJson.body()).contains("\"field\":\"size\"").contains("\"code\":\"INVALID_ARGUMENT\"");
    }
  }

  @Test
  @Order(12)
  void unknownAndMalformedRollouts_areExplained() {
    try (DashboardClient vic = signedIn("vic", "viewer")) {
      Page unknown = vic.get("/dashboard/rollouts/00000000-0000-0000-0000-000000000000");
      Page malformed = vic.get("/dashboard/rollouts/not-a-uuid");

      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.body()).contains("rollout 00000000-0000-0000-0000-000000000000 does not exist");
      assertThat(malformed.status()).isEqualTo(400);
      assertThat(malformed.body()).contains("is not a UUID");
    }
  }

  @Test
  @Order(13)
  void signOut_needsTheSessionsCsrfValue_andEndsTheSession() {
    try (DashboardClient vic = signedIn("vic", "viewer")) {
      Page page = vic.get("/dashboard");
      Page forged = vic.post("/dashboard/sign-out", form("csrf", "forged"));
      Page out = vic.post("/dashboard/sign-out", form("csrf", page.csrf()));
      Page after = vic.get("/dashboard");

      assertThat(forged.status()).isEqualTo(403);
      assertThat(out.status()).isEqualTo(303);
      assertThat(out.location()).isEqualTo("/dashboard/sign-in?why=bye");
      assertThat(vic.cookie(DashboardSession.SESSION_COOKIE)).isNull();
      assertThat(after.status()).isEqualTo(303);
    }
  }
}
