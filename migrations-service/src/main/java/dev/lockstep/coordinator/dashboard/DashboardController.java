package dev.lockstep.coordinator.dashboard;

import dev.lockstep.coordinator.dashboard.DashboardSession.SignedIn;
import dev.lockstep.coordinator.dashboard.RolloutPage.Notice;
import dev.lockstep.coordinator.error.CoordinatorErrorCode;
import dev.lockstep.coordinator.error.CoordinatorException;
import dev.lockstep.coordinator.rollout.RolloutRecords.RolloutRow;
import dev.lockstep.coordinator.rollout.RolloutState;
import dev.lockstep.coordinator.rollout.RolloutStore;
import dev.lockstep.schema.security.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The dashboard's pages: the rollouts list, a rollout's page, and the approve/reject form. Thin:
 * reading goes through {@link DashboardReader}, deciding through {@link DashboardDecisions} (the
 * coordinator's own rules), rendering through the page classes. JDBC blocks, so the handlers run on
 * the blocking executor, never on the event loop.
 */
@Controller("/dashboard")
@ExecuteOn(TaskExecutors.BLOCKING)
public class DashboardController {

  private static final int DEFAULT_PAGE = 25;
  private static final int MAX_PAGE = 100;

  private final DashboardReader reader;
  private final DashboardDecisions decisions;
  private final RolloutStore store;

  DashboardController(DashboardReader reader, DashboardDecisions decisions, RolloutStore store) {
    this.reader = reader;
    this.decisions = decisions;
    this.store = store;
  }

  /** The rollouts, newest first. */
  @Get(produces = {MediaType.TEXT_HTML, MediaType.ALL})
  public HttpResponse<String> list(HttpRequest<?> request, @Nullable @QueryValue String state,
      @Nullable @QueryValue String release, @Nullable @QueryValue String size, @Nullable @QueryValue String before) {
    SignedIn user = DashboardSession.signedIn(request);
    RolloutState stateFilter = blank(state) ? null : parseState(state);
    String releaseFilter = blank(release) ? null : release.strip();
    int pageSize = blank(size) ? DEFAULT_PAGE : parseSize(size);
    Instant beforeTime = null;
    UUID beforeId = null;
    if (!blank(before)) {
      try {
        String[] parts = new String(Base64.getUrlDecoder().decode(before), StandardCharsets.UTF_8).split("\\|");
        beforeTime = Instant.parse(parts[0]);
        beforeId = UUID.fromString(parts[1]);
      } catch (RuntimeException e) {
        throw invalid("before", "is not a page link of this dashboard");
      }
    }
    List<RolloutRow> rows = store.list(stateFilter == null ? List.of() : List.of(stateFilter), releaseFilter, null,
        beforeTime, beforeId, pageSize + 1);
    String next = null;
    if (rows.size() > pageSize) {
      RolloutRow last = rows.get(pageSize - 1);
      next = Base64.getUrlEncoder().withoutPadding().encodeToString((last.createdAt() + "|" + last.rolloutId())
          .getBytes(StandardCharsets.UTF_8));
      rows = rows.subList(0, pageSize);
    }
    return DashboardResponses.page(HttpStatus.OK, ListPage.page(user, rows, stateFilter, releaseFilter, pageSize,
        next, beforeTime != null));
  }

  /** One rollout; {@code decided} confirms a decision just recorded. */
  @Get(value = "/rollouts/{id}", produces = {MediaType.TEXT_HTML, MediaType.ALL})
  public HttpResponse<String> rollout(HttpRequest<?> request, @PathVariable String id,
      @Nullable @QueryValue String decided, @Nullable @QueryValue("audit_from") String auditFrom) {
    SignedIn user = DashboardSession.signedIn(request);
    long from = 1;
    if (!blank(auditFrom)) {
      try {
        from = Long.parseLong(auditFrom.strip());
      } catch (NumberFormatException e) {
        throw invalid("audit_from", "must be an audit entry number");
      }
      if (from < 1) {
        throw invalid("audit_from", "must be 1 or more");
      }
    }
    Notice notice = decided == null ? null : switch (decided) {
      case "approve" -> new Notice("Your approval is recorded.", false, null);
      case "reject" -> new Notice("Your rejection is recorded; the rollout ends without touching production.", false,
          null);
      default -> null;
    };
    return DashboardResponses.page(HttpStatus.OK, RolloutPage.page(reader.snapshot(id, user.caller(), from), user,
        notice));
  }

  /**
   * Approve or reject (one form, two buttons). Refusals are shown on the rollout page with the
   * coordinator's plain reason and the comment kept; success redirects to the page (POST, redirect,
   * GET), so reloading it never sends the form again.
   */
  @Post(value = "/rollouts/{id}/decision", consumes = MediaType.APPLICATION_FORM_URLENCODED,
      produces = {MediaType.TEXT_HTML, MediaType.ALL})
  public HttpResponse<String> decide(HttpRequest<?> request, @PathVariable String id,
      @Body Map<String, String> form) {
    SignedIn user = DashboardSession.signedIn(request);
    RolloutRow rollout = reader.rollout(id);
    String comment = form.get("comment");
    String decision = form.get("decision");
    if (!DashboardSession.csrfMatches(user, form.get("csrf"))) {
      return refused(rollout, user, HttpStatus.FORBIDDEN, "Nothing was recorded: this form is out of date or did not"
          + " come from this dashboard (its security token is missing or wrong). Reload the page and decide again.",
          comment);
    }
    if (!user.caller().has(Role.APPROVER)) {
      return refused(rollout, user, HttpStatus.FORBIDDEN, "Nothing was recorded: approving and rejecting need the "
          + "approver role, and " + user.caller().subject() + " does not have it.", comment);
    }
    if (!"approve".equals(decision) && !"reject".equals(decision)) {
      return refused(rollout, user, HttpStatus.BAD_REQUEST, "Nothing was recorded: choose Approve or Reject.",
          comment);
    }
    String requestId = form.get("request_id");
    try {
      decisions.decide(rollout.rolloutId().toString(), "approve".equals(decision), comment,
          requestId == null ? "" : requestId, user.caller());
    } catch (CoordinatorException e) {
      return refused(rollout, user, DashboardResponses.status(e.code()), "Nothing was recorded: " + e.getMessage()
          + ".", comment);
    }
    return DashboardResponses.seeOther("/dashboard/rollouts/" + rollout.rolloutId() + "?decided=" + decision
        + "#approvals");
  }

  private HttpResponse<String> refused(RolloutRow rollout, SignedIn user, HttpStatus status, String reason,
      String comment) {
    return DashboardResponses.page(status, RolloutPage.page(
        reader.snapshot(rollout.rolloutId().toString(), user.caller(), 1), user, new Notice(reason, true, comment)));
  }

  /** Coordinator refusals (unknown rollout, malformed id or parameter) as a page or a problem. */
  @Error(exception = CoordinatorException.class)
  public HttpResponse<String> refusal(HttpRequest<?> request, CoordinatorException e) {
    return DashboardErrors.refusal(request, e);
  }

  /** Anything unexpected: a reference to the log, never a stack trace. */
  @Error(exception = RuntimeException.class)
  public HttpResponse<String> failure(HttpRequest<?> request, RuntimeException e) {
    return DashboardErrors.failure(request, e);
  }

  private static RolloutState parseState(String state) {
    try {
      return RolloutState.valueOf(state.strip());
    } catch (IllegalArgumentException e) {
      throw invalid("state", "must be one of " + java.util.Arrays.toString(RolloutState.values()));
    }
  }

  private static int parseSize(String size) {
    try {
      int n = Integer.parseInt(size.strip());
      if (n >= 1 && n <= MAX_PAGE) {
        return n;
      }
    } catch (NumberFormatException e) {
      // falls through to the refusal below
    }
    throw invalid("size", "must be a number from 1 to " + MAX_PAGE);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  static CoordinatorException invalid(String field, String reason) {
    return new CoordinatorException(CoordinatorErrorCode.INVALID_ARGUMENT, field + " " + reason,
        List.<String[]>of(new String[] {field, reason}));
  }
}
