package dev.lockstep.coordinator.dashboard;

import dev.lockstep.coordinator.audit.AuditEntryRecord;
import dev.lockstep.coordinator.dashboard.DashboardSession.SignedIn;
import dev.lockstep.coordinator.rollout.RolloutRecords;
import dev.lockstep.coordinator.rollout.RolloutRecords.ApprovalRow;
import dev.lockstep.coordinator.rollout.RolloutRecords.EventRow;
import dev.lockstep.coordinator.rollout.RolloutRecords.RolloutRow;
import dev.lockstep.coordinator.rollout.RolloutRecords.TargetRow;
import dev.lockstep.coordinator.rollout.RolloutState;
import dev.lockstep.proto.rollout.v1.Plan;
import dev.lockstep.proto.rollout.v1.PlannedTarget;
import dev.lockstep.proto.rollout.v1.PlannedVersion;
import dev.lockstep.schema.security.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The rollout page: everything server-rendered, so it is complete without JavaScript. The parts
 * that change while a rollout runs are marked {@code data-live="name"}; the event stream sends them
 * re-rendered by the same methods ({@link #liveSections}), and the timeline grows by
 * {@link #timelineEntry}.
 */
final class RolloutPage {

  /** Seconds between reloads for browsers without JavaScript (a running rollout only). */
  static final int NO_SCRIPT_REFRESH_SECONDS = 10;

  private RolloutPage() {}

  /**
   * What a form submission left to say on the page.
   *
   * @param text the message
   * @param refused true for a refusal (an alert), false for a confirmation
   * @param comment the comment to put back into the form after a refusal, or null
   */
  record Notice(String text, boolean refused, String comment) {}

  /** The whole page. */
  static Html.Safe page(RolloutSnapshot s, SignedIn user, Notice notice) {
    RolloutRow r = s.rollout();
    boolean running = !r.state().isTerminal();
    Html.Safe head = Html.of("""
        {}<script src="{}" defer></script>
        """, Html.when(running, Html.of("<noscript><meta http-equiv=\"refresh\" content=\"{}\"></noscript>\n",
        NO_SCRIPT_REFRESH_SECONDS)), Layout.JS);
    Html.Safe mainAttributes = Html.of(" class=\"rollout\" data-rollout-id=\"{}\" data-last-sequence=\"{}\""
            + " data-events=\"{}\" data-terminal=\"{}\" data-audit-live=\"{}\"", r.rolloutId(), s.lastSequence(),
        "/dashboard/rollouts/" + r.rolloutId() + "/events", !running, s.auditFrom() <= 1);
    Html.Safe body = Html.of("""
        <p class="crumbs"><a href="/dashboard">All rollouts</a></p>
        <h1>Release {}</h1>
        {}
        {}
        <section id="summary" aria-labelledby="summary-h">
        <h2 id="summary-h">State</h2>
        <div data-live="summary">{}</div>
        </section>
        <section id="approvals" aria-labelledby="approvals-h">
        <h2 id="approvals-h">Approvals</h2>
        <div data-live="approvals">{}</div>
        <div id="decision" data-live="decision" data-key="{}">{}</div>
        </section>
        <section id="targets" aria-labelledby="targets-h">
        <h2 id="targets-h">Targets</h2>
        <div data-live="targets">{}</div>
        </section>
        <section id="backups" aria-labelledby="backups-h">
        <h2 id="backups-h">Backups, proofs and rehearsals</h2>
        <div data-live="backups">{}</div>
        </section>
        <section id="timeline-section" aria-labelledby="timeline-h">
        <h2 id="timeline-h">Timeline</h2>
        {}<ol id="timeline" class="timeline">
        {}</ol>
        </section>
        <section id="plan" aria-labelledby="plan-h">
        <h2 id="plan-h">Plan</h2>
        {}</section>
        <section id="audit" aria-labelledby="audit-h">
        <h2 id="audit-h">Audit trail</h2>
        <div data-live="audit">{}</div>
        </section>
        """, r.release(), liveNote(s), notice(notice), summary(s), approvals(s), decisionKey(s, user),
        decision(s, user, notice), targets(s), backups(s),
        Html.when(s.eventsTruncated(), Html.of("<p class=\"note\">The first {} events are shown; the rest arrive"
            + " with live updates.</p>\n", DashboardReader.MAX_EVENTS)),
        Html.join(s.events().stream().map(RolloutPage::timelineEntry).toList()), plan(s.plan()), audit(s));
    return Layout.page("Release " + r.release(), user, head, mainAttributes, body);
  }

  /**
   * The note about live updates. As rendered it says updates are not running; a style keeps it
   * hidden for the first seconds, which the script uses to take over. Without the script (blocked,
   * failed or timed out) it shows, with a reload link, next to the {@code <noscript>} refresh.
   */
  private static Html.Safe liveNote(RolloutSnapshot s) {
    String self = "/dashboard/rollouts/" + s.rollout().rolloutId();
    if (s.rollout().state().isTerminal()) {
      return Html.of("<p id=\"live-note\" class=\"live-note done\" role=\"status\">This rollout is finished ({});"
          + " the page shows its final state.</p>", s.rollout().state().name());
    }
    return Html.of("""
        <p id="live-note" class="live-note pending" role="status">Live updates are not running: this page shows the \
        state at {}. <a href="{}">Reload</a> to see changes.</p>
        <noscript><p class="live-note" role="status">Live updates need JavaScript; this page reloads every {} seconds \
        instead. <a href="{}">Reload now</a>.</p></noscript>""", Format.time(s.readAt()), self,
        NO_SCRIPT_REFRESH_SECONDS, self);
  }

  private static Html.Safe notice(Notice notice) {
    if (notice == null) {
      return Html.EMPTY;
    }
    return notice.refused()
        ? Html.of("<p id=\"notice\" class=\"alert\" role=\"alert\">{}</p>", notice.text())
        : Html.of("<p id=\"notice\" class=\"confirm\" role=\"status\">{}</p>", notice.text());
  }

  /** The parts of the page that change while a rollout runs, by their {@code data-live} name. */
  static Map<String, Object> liveSections(RolloutSnapshot s, SignedIn user) {
    Map<String, Object> sections = new LinkedHashMap<>();
    sections.put("summary", summary(s));
    sections.put("approvals", approvals(s));
    sections.put("decision", decision(s, user, null));
    sections.put("decision-key", decisionKey(s, user));
    sections.put("targets", targets(s));
    sections.put("backups", backups(s));
    sections.put("audit", audit(s));
    return sections;
  }

  static Html.Safe summary(RolloutSnapshot s) {
    RolloutRow r = s.rollout();
    Duration downtime = RolloutRecords.estimatedDowntime(s.targets());
    boolean rehearsed = s.targets().stream().filter(TargetRow::production).allMatch(t -> t.rehearsedMs() != null);
    return Html.of("""
        <p class="state-line"><span id="state" class="state state-{}" data-state="{}">{}</span> \
        <span id="status-message">{}</span></p>
        <dl class="facts">
        <dt>Estimated downtime</dt><dd id="downtime">{}</dd>
        <dt>Requested by</dt><dd>{}</dd>
        <dt>Created</dt><dd>{}</dd>
        <dt>Last change</dt><dd>{}</dd>
        <dt>Approval deadline</dt><dd>{}</dd>
        <dt>Rollout</dt><dd><code>{}</code></dd>
        <dt>Plan</dt><dd><code>{}</code></dd>
        </dl>
        {}""", Format.token(r.state().name()), r.state().name(), r.state().name(), r.statusMessage(),
        rehearsed ? Html.of("{} <span class=\"hint\">(per wave the longest rehearsed apply, waves added up)</span>",
            Format.duration(downtime)) : Html.of("<span class=\"none\">known once every target is rehearsed</span>"),
        r.requestedBy(), Format.time(r.createdAt()), Format.time(r.updatedAt()), Format.time(r.approvalDeadline()),
        r.rolloutId(), r.planId(),
        r.failureReport() == null || r.failureReport().isBlank() ? Html.EMPTY
            : Html.of("<h3>Report</h3>\n<pre class=\"report\">{}</pre>\n", r.failureReport()));
  }

  static Html.Safe approvals(RolloutSnapshot s) {
    int required = s.plan().getRequiredApprovals();
    long approved = s.approved();
    List<Html.Safe> rows = new ArrayList<>();
    for (ApprovalRow a : s.approvals()) {
      rows.add(Html.of("<li class=\"{}\"><strong>{}</strong> {} at {}: <q>{}</q></li>\n",
          a.approved() ? "approved" : "rejected", a.approver(), a.approved() ? "approved" : "rejected",
          Format.time(a.createdAt()), a.comment()));
    }
    return Html.of("""
        <p id="approval-count">{} of {} approvals received from role <code>{}</code>{}.</p>
        {}""", approved, required, s.plan().getApproverRole(),
        approved >= required ? "" : "; " + (required - approved) + " still needed",
        rows.isEmpty() ? Html.of("<p class=\"none\">No decisions yet.</p>\n")
            : Html.of("<ul class=\"decisions\">\n{}</ul>\n", Html.join(rows)));
  }

  /**
   * What distinguishes the decision part, so a live update replaces it only when it changes (not
   * while someone types a comment): "form", or the reason there is no form.
   */
  static String decisionKey(RolloutSnapshot s, SignedIn user) {
    Optional<ApprovalRow> mine = mine(s, user);
    if (mine.isPresent()) {
      return "decided";
    }
    if (!user.caller().has(Role.APPROVER)) {
      return "viewer";
    }
    return s.refusal().map(e -> "refused: " + e.getMessage()).orElse("form");
  }

  static Html.Safe decision(RolloutSnapshot s, SignedIn user, Notice notice) {
    Optional<ApprovalRow> mine = mine(s, user);
    if (mine.isPresent()) {
      return Html.of("<p class=\"decided\">You {} this rollout at {}.</p>",
          mine.get().approved() ? "approved" : "rejected", Format.time(mine.get().createdAt()));
    }
    if (!user.caller().has(Role.APPROVER)) {
      return Html.of("<p class=\"cannot\">You can follow this rollout but not decide on it: approving and rejecting"
          + " need the <code>approver</code> role (you have: {}).</p>", Layout.roles(user));
    }
    if (s.refusal().isPresent()) {
      return Html.of("<p class=\"cannot\">You cannot approve or reject now: {}.</p>", s.refusal().get().getMessage());
    }
    String comment = notice != null && notice.comment() != null ? notice.comment() : "";
    return Html.of("""
        <form method="post" action="/dashboard/rollouts/{}/decision" class="decision-form">
        <input type="hidden" name="csrf" value="{}">
        <input type="hidden" name="request_id" value="{}">
        <label for="comment">Your comment (required; it is recorded in the audit trail)</label>
        <textarea id="comment" name="comment" rows="3" maxlength="2000" required>{}</textarea>
        <div class="buttons">
        <button type="submit" name="decision" value="approve" class="approve">Approve</button>
        <button type="submit" name="decision" value="reject" class="reject">Reject</button>
        </div>
        </form>""", s.rollout().rolloutId(), user.csrf(), "dashboard-" + UUID.randomUUID(), comment);
  }

  private static Optional<ApprovalRow> mine(RolloutSnapshot s, SignedIn user) {
    return s.approvals().stream().filter(a -> a.approver().equals(user.caller().subject())).findFirst();
  }

  static Html.Safe targets(RolloutSnapshot s) {
    List<Html.Safe> rows = new ArrayList<>();
    for (TargetRow t : s.targets()) {
      rows.add(Html.of("""
          <tr data-target="{}"><th scope="row">{}</th><td>{}</td><td>{}</td><td>{} → {}</td><td>{}</td>\
          <td><span class="phase phase-{}">{}</span></td><td>{}</td><td>{}</td></tr>
          """, t.key(), t.key(), t.production() ? "production" : "staging", t.wave(),
          t.fromVersion() == null ? "base" : t.fromVersion(), t.toVersion(),
          t.currentVersion() == null ? Html.of("<span class=\"none\">not reported</span>") : t.currentVersion(),
          Format.token(t.phase()), t.phase().replace('_', ' '), t.changed() ? "yes" : "no", t.message()));
    }
    return Html.of("""
        <table>
        <caption>Each target's progress (production first, by wave)</caption>
        <thead><tr><th scope="col">Target</th><th scope="col">Kind</th><th scope="col">Wave</th>\
        <th scope="col">Versions</th><th scope="col">Current</th><th scope="col">Phase</th>\
        <th scope="col">Changed</th><th scope="col">Last message</th></tr></thead>
        <tbody>
        {}</tbody>
        </table>
        """, Html.join(rows));
  }

  static Html.Safe backups(RolloutSnapshot s) {
    StepTimings timings = s.timings();
    List<Html.Safe> rows = new ArrayList<>();
    for (TargetRow t : s.targets()) {
      if (!t.production()) {
        continue;
      }
      rows.add(Html.of("""
          <tr><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>
          """, t.key(), t.backupId() == null ? Html.of("<span class=\"none\">not taken yet</span>")
              : Html.of("<code>{}</code>", t.backupId()),
          Format.duration(timings.forTarget(RolloutState.BACKING_UP, t.key()), "–"),
          Format.duration(timings.forTarget(RolloutState.VERIFYING_BACKUPS, t.key()), "–"),
          Format.duration(timings.forTarget(RolloutState.REHEARSING, t.key()), "–"),
          t.rehearsedMs() == null ? Html.of("<span class=\"none\">–</span>")
              : Html.of("{}", Format.duration(Duration.ofMillis(t.rehearsedMs())))));
    }
    return Html.of("""
        <table>
        <caption>Backup of each production target, its proof by restore and the rehearsal on a restored copy</caption>
        <thead><tr><th scope="col">Target</th><th scope="col">Backup</th><th scope="col">Backup took</th>\
        <th scope="col">Proof by restore took</th><th scope="col">Rehearsal took</th>\
        <th scope="col">Rehearsed apply (downtime)</th></tr></thead>
        <tbody>
        {}</tbody>
        </table>
        <p class="hint">Steps in total: backing up {}, proving backups {}, rehearsing {}. Times are read off the event \
        log; the rehearsed apply is what the agent measured. Backup sizes are not recorded by the coordinator; each \
        service's schema agent lists its backups with their sizes (ListBackups).</p>
        """, Html.join(rows), Format.duration(timings.inState(RolloutState.BACKING_UP), "–"),
        Format.duration(timings.inState(RolloutState.VERIFYING_BACKUPS), "–"),
        Format.duration(timings.inState(RolloutState.REHEARSING), "–"));
  }

  /** One timeline entry. */
  static Html.Safe timelineEntry(EventRow e) {
    return Html.of("""
        <li id="event-{}" data-seq="{}"><span class="seq">#{}</span> {} <span class="kind kind-{}">{}</span> \
        <span class="state state-{}">{}</span>{} <span class="msg">{}</span></li>
        """, e.sequence(), e.sequence(), e.sequence(), Format.time(e.createdAt()), Format.token(e.kind()),
        e.kind().replace('_', ' '), Format.token(e.state().name()), e.state().name(),
        e.target().isEmpty() ? Html.EMPTY : Html.of(" <span class=\"target\">{}</span>", e.target()), e.message());
  }

  static Html.Safe plan(Plan p) {
    Instant start = Instant.ofEpochSecond(p.getWindowStart().getSeconds(), p.getWindowStart().getNanos());
    Instant end = Instant.ofEpochSecond(p.getWindowEnd().getSeconds(), p.getWindowEnd().getNanos());
    Instant planned = Instant.ofEpochSecond(p.getCreateTime().getSeconds(), p.getCreateTime().getNanos());
    Duration timeout = Duration.ofSeconds(p.getApprovalTimeout().getSeconds());
    return Html.of("""
        <dl class="facts">
        <dt>Approvals</dt><dd>{} from role <code>{}</code>, within {}</dd>
        <dt>Window</dt><dd>{} to {}</dd>
        <dt>Rollback</dt><dd>{}</dd>
        <dt>Planned by</dt><dd>{} at {}</dd>
        <dt>Manifest SHA-256</dt><dd><code>{}</code></dd>
        </dl>
        <h3>Production</h3>
        {}{}""", p.getRequiredApprovals(), p.getApproverRole(),
        timeout.isZero() ? "24 h (the default)" : Format.duration(timeout), Format.time(start), Format.time(end),
        "restore".equals(p.getRollbackMode()) ? "restore from the backups" : "undo scripts (" + p.getRollbackMode()
            + ")", p.getPlannedBy(), Format.time(planned), p.getManifestSha256(), plannedTargets(p.getTargetsList()),
        p.getStagingTargetsCount() == 0 ? Html.of("<p class=\"none\">No staging environment in this release.</p>\n")
            : Html.of("<h3>Staging</h3>\n{}", plannedTargets(p.getStagingTargetsList())));
  }

  private static Html.Safe plannedTargets(List<PlannedTarget> targets) {
    List<Html.Safe> out = new ArrayList<>();
    for (PlannedTarget t : targets) {
      List<Html.Safe> versions = new ArrayList<>();
      for (PlannedVersion v : t.getVersionsList()) {
        versions.add(Html.of("""
            <details><summary>V{} {}{}</summary>
            <pre><code>{}</code></pre>
            </details>
            """, v.getVersion(), v.getDescription(),
            Html.when(v.getRestoreOnly(), Html.of(" <span class=\"flag\">restore only: no undo script</span>")),
            v.getSql()));
      }
      out.add(Html.of("""
          <article class="planned" aria-label="{}">
          <h4>{} <span class="env">/ {}</span></h4>
          <p>Wave {} · {} → {}{}{}</p>
          {}{}</article>
          """, t.getService() + "/" + t.getEnvironment(), t.getService(), t.getEnvironment(), t.getWave(),
          t.getFromVersion().isEmpty() ? "base" : t.getFromVersion(), t.getToVersion(),
          t.getAfterCount() == 0 ? "" : " · after " + String.join(", ", t.getAfterList()),
          Html.when(t.getRestoreOnly(), Html.of(" · <span class=\"flag\">restore only: rolled back from its backup"
              + "</span>")),
          t.getDriftCount() == 0 ? Html.EMPTY : Html.of("<p class=\"alert\">Drift: {}</p>\n",
              String.join("; ", t.getDriftList())),
          versions.isEmpty() ? Html.of("<p class=\"none\">Nothing to apply.</p>\n") : Html.join(versions)));
    }
    return Html.join(out);
  }

  static Html.Safe audit(RolloutSnapshot s) {
    List<Html.Safe> rows = new ArrayList<>();
    for (AuditEntryRecord a : s.audit()) {
      rows.add(Html.of("""
          <tr><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td><td class="detail">{}</td></tr>
          """, a.sequence(), Format.time(a.createdAt()), a.actor(), a.action(), a.detail()));
    }
    String self = "/dashboard/rollouts/" + s.rollout().rolloutId();
    return Html.of("""
        <table>
        <caption>Entries of the coordinator's hash-chained audit trail about this rollout{}</caption>
        <thead><tr><th scope="col">Entry</th><th scope="col">When</th><th scope="col">Who</th>\
        <th scope="col">Action</th><th scope="col">Detail</th></tr></thead>
        <tbody>
        {}</tbody>
        </table>
        {}""", s.auditFrom() > 1 ? " (from entry " + s.auditFrom() + ")" : "", Html.join(rows),
        Html.join(List.of(
            Html.when(s.auditFrom() > 1, Html.of("<a href=\"{}#audit\">First entries</a> ", self)),
            Html.when(s.auditNext() > 0, Html.of("<a href=\"{}?audit_from={}#audit\">Later entries</a>", self,
                s.auditNext())))));
  }
}
