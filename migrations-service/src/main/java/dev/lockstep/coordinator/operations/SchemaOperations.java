package dev.lockstep.coordinator.operations;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.google.protobuf.Timestamp;
import dev.lockstep.coordinator.agent.AgentCallException;
import dev.lockstep.coordinator.agent.AgentGateway;
import dev.lockstep.coordinator.agent.AgentGateway.BackupRef;
import dev.lockstep.coordinator.agent.AgentGateway.MoveReport;
import dev.lockstep.coordinator.agent.AgentGateway.PlanReport;
import dev.lockstep.coordinator.agent.AgentGateway.SchemaReport;
import dev.lockstep.coordinator.agent.AgentGateway.StepEvent;
import dev.lockstep.coordinator.audit.AuditTrail;
import dev.lockstep.coordinator.error.CoordinatorErrorCode;
import dev.lockstep.coordinator.error.CoordinatorException;
import dev.lockstep.coordinator.registry.AgentRegistry;
import dev.lockstep.coordinator.request.FailureClassifier;
import dev.lockstep.coordinator.request.Outcome;
import dev.lockstep.coordinator.request.RequestFailedException;
import dev.lockstep.coordinator.request.RequestInProgressException;
import dev.lockstep.coordinator.request.RequestStore;
import dev.lockstep.proto.operations.v1.GetCurrentVersionResponse;
import dev.lockstep.proto.operations.v1.HistoryEntry;
import dev.lockstep.proto.operations.v1.ListHistoryResponse;
import dev.lockstep.proto.operations.v1.OperationProgress;
import dev.lockstep.proto.operations.v1.OperationResult;
import dev.lockstep.proto.operations.v1.PendingEntry;
import dev.lockstep.proto.operations.v1.PreviewMigrationResponse;
import dev.lockstep.proto.operations.v1.ResolveFailedVersionResponse;
import dev.lockstep.proto.operations.v1.SchemaOperationsServiceGrpc;
import dev.lockstep.proto.operations.v1.StampSchemaResponse;
import dev.lockstep.proto.operations.v1.Step;
import dev.lockstep.proto.operations.v1.StepDirection;
import dev.lockstep.proto.operations.v1.Target;
import dev.lockstep.schema.agent.grpc.SchemaErrorStatus;
import dev.lockstep.schema.api.SchemaErrorCode;
import dev.lockstep.schema.security.Caller;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One service's migrations in one environment, outside a release, the way Flyway, Alembic and
 * Prisma Migrate work on a single database: current, history, preview, upgrade, downgrade, stamp
 * and resolve. Plain Java behind {@code SchemaOperationsEndpoint}.
 *
 * <p>Every input is checked before any agent is called. Changes run at most once per caller and
 * request id ({@link RequestStore}), hold their target against rollouts and other operations
 * ({@link TargetGuard}), and each change, refusal and failure is one audit entry (who, target,
 * from, to, reason, result). A refusal changed nothing, so it is not recorded against the request
 * id and a retry is judged afresh; once an upgrade or downgrade has started its backup, its outcome
 * (success or failure) is recorded and replayed to every retry.
 */
@Singleton
public class SchemaOperations {

  /** The environment of a target that names none. */
  public static final String DEFAULT_ENVIRONMENT = "production";
  /** Longest reason accepted, in characters. */
  static final int MAX_REASON = 1000;

  private static final int MAX_ECHO = 100;

  private final AgentRegistry registry;
  private final AgentGateway agents;
  private final TargetGuard guard;
  private final AuditTrail audit;
  private final RequestStore requests;

  /** The operations over the registry's agents. */
  public SchemaOperations(AgentRegistry registry, AgentGateway agents, TargetGuard guard, AuditTrail audit,
      RequestStore requests) {
    this.registry = registry;
    this.agents = agents;
    this.guard = guard;
    this.audit = audit;
    this.requests = requests;
  }

  /**
   * A registered target.
   *
   * @param service the service
   * @param environment the environment (filled in)
   */
  record ResolvedTarget(String service, String environment) {

    String key() {
      return service + "/" + environment;
    }

    Target proto() {
      return Target.newBuilder().setService(service).setEnvironment(environment).build();
    }
  }

  // ------------------------------------------------------------------------------------ reads

  /** Where a target's database stands, and the rollouts holding it. */
  public GetCurrentVersionResponse current(Target target) {
    ResolvedTarget t = target(target);
    SchemaReport s = read(() -> agents.report(t.service(), t.environment()));
    return GetCurrentVersionResponse.newBuilder().setTarget(t.proto()).setDatabase(s.database())
        .setCurrentVersion(orEmpty(s.currentVersion())).setHeadVersion(orEmpty(s.headVersion()))
        .setPendingCount(s.pending().size()).setFingerprint(s.fingerprint()).setDrifted(!s.drift().isEmpty())
        .addAllChecksumMismatches(s.checksumMismatches())
        .addAllActiveRollouts(guard.activeRollouts(t.service(), t.environment()))
        .addAllFailedVersions(s.failedVersions()).build();
  }

  /** Applied and pending versions of a target. */
  public ListHistoryResponse history(Target target) {
    ResolvedTarget t = target(target);
    SchemaReport s = read(() -> agents.report(t.service(), t.environment()));
    ListHistoryResponse.Builder b = ListHistoryResponse.newBuilder().setTarget(t.proto())
        .setCurrentVersion(orEmpty(s.currentVersion())).addAllFailedVersions(s.failedVersions());
    for (AgentGateway.AppliedEntry a : s.applied()) {
      HistoryEntry.Builder e = HistoryEntry.newBuilder().setVersion(a.version()).setDescription(a.description())
          .setScript(a.script()).setFingerprint(a.fingerprint()).setRestoreOnly(a.restoreOnly());
      if (a.installedOn() != null) {
        e.setInstalledOn(Timestamp.newBuilder().setSeconds(a.installedOn().getEpochSecond())
            .setNanos(a.installedOn().getNano()));
      }
      b.addApplied(e);
    }
    for (AgentGateway.PendingEntry p : s.pending()) {
      b.addPending(PendingEntry.newBuilder().setVersion(p.version()).setDescription(p.description())
          .setScript(p.script()).setRestoreOnly(p.restoreOnly()));
    }
    return b.build();
  }

  /** The steps, with their SQL, that would reach {@code to}; changes nothing. */
  public PreviewMigrationResponse preview(Target target, String to) {
    VersionSpec spec = VersionSpec.parse(to, "to", VersionSpec.Verb.PREVIEW);
    ResolvedTarget t = target(target);
    PlanReport plan = read("to", () -> agents.plan(t.service(), t.environment(), spec.text()));
    PreviewMigrationResponse.Builder b = PreviewMigrationResponse.newBuilder()
        .setFromVersion(orEmpty(plan.fromVersion())).setToVersion(orEmpty(plan.toVersion()));
    for (AgentGateway.PlanStep s : plan.steps()) {
      b.addSteps(Step.newBuilder().setVersion(s.version()).setDescription(s.description())
          .setDirection(s.up() ? StepDirection.STEP_DIRECTION_UP : StepDirection.STEP_DIRECTION_DOWN)
          .setScript(s.script()).setSql(s.sql()).setRestoreOnly(s.restoreOnly()));
    }
    return b.build();
  }

  // ---------------------------------------------------------------------------------- changes

  /**
   * Takes a backup, then applies versions up to {@code to} ("head", "+N" or a version), reporting
   * progress; at most once per caller and request id.
   */
  public Outcome<OperationResult> upgrade(Caller caller, String requestId, Target target, String to, String reason,
      Consumer<OperationProgress> progress) {
    return move(caller, requestId, target, to, reason, progress, true);
  }

  /**
   * Takes a backup, then reverts versions down to {@code to} ("-N", "base" or a version) through
   * their undo scripts, reporting progress; at most once per caller and request id.
   */
  public Outcome<OperationResult> downgrade(Caller caller, String requestId, Target target, String to, String reason,
      Consumer<OperationProgress> progress) {
    return move(caller, requestId, target, to, reason, progress, false);
  }

  private Outcome<OperationResult> move(Caller caller, String requestId, Target target, String to, String reason,
      Consumer<OperationProgress> progress, boolean up) {
    String action = up ? "schema.upgrade" : "schema.downgrade";
    MethodDescriptor<?, ?> method = up ? SchemaOperationsServiceGrpc.getUpgradeSchemaMethod()
        : SchemaOperationsServiceGrpc.getDowngradeSchemaMethod();
    AuditDetail d = new AuditDetail(requestId, target, "asked " + echo(to), reason);
    return change(caller, requestId, method, action, d, OperationResult.parser(), () -> {
      VersionSpec spec = VersionSpec.parse(to, "to", up ? VersionSpec.Verb.UPGRADE : VersionSpec.Verb.DOWNGRADE);
      d.reason = requireReason(reason);
      ResolvedTarget t = target(target);
      d.target = t.key();
      return () -> {
        try (TargetGuard.Claim claim = guard.claim(t.service(), t.environment(), (up ? "upgrade" : "downgrade")
            + " by " + caller.subject())) {
          return runMove(caller, t, spec, up, action, d, progress);
        }
      };
    });
  }

  private OperationResult runMove(Caller caller, ResolvedTarget t, VersionSpec spec, boolean up, String action,
      AuditDetail d, Consumer<OperationProgress> progress) {
    PlanReport plan = refusing("to", () -> agents.plan(t.service(), t.environment(), spec.text()));
    d.from = describe(plan.fromVersion());
    d.to = describe(plan.toVersion()) + " (asked " + spec.text() + ")";
    if (!plan.steps().isEmpty() && plan.steps().get(0).up() != up) {
      String why = up ? "is below the current version " + describe(plan.fromVersion()) + "; an upgrade only goes up "
          + "(use DowngradeSchema)" : "is above the current version " + describe(plan.fromVersion())
          + "; a downgrade only goes down (use UpgradeSchema)";
      throw new CoordinatorException(CoordinatorErrorCode.INVALID_VERSION_SPEC, "to \"" + spec.text() + "\" (" +
          describe(plan.toVersion()) + ") " + why, List.<String[]>of(new String[] {"to", why}));
    }
    int total = plan.steps().size();
    OperationResult.Builder result = OperationResult.newBuilder().setFromVersion(orEmpty(plan.fromVersion()))
        .setToVersion(orEmpty(plan.toVersion()));
    if (total == 0) {
      d.result = "succeeded: nothing to do, " + t.key() + " is already at " + describe(plan.toVersion());
      SchemaReport now = read(() -> agents.report(t.service(), t.environment()));
      return result.setFingerprint(now.fingerprint())
          .setAuditSequence(audit.append(caller.subject(), action, null, d.render()).sequence()).build();
    }
    String run = "op-" + UUID.randomUUID();
    // From here on the target may change: every outcome, good or bad, is recorded for retries.
    progress.accept(progress("taking a backup of " + t.key() + " before " + (up ? "upgrading" : "downgrading"), "",
        0, total));
    BackupRef backup = failing(t, d, () -> agents.backup(t.service(), t.environment(), run + ":backup"));
    d.backup = backup.backupId();
    result.setBackupId(backup.backupId());
    progress.accept(progress("backup " + backup.backupId() + " taken", "", 0, total));
    StepTracker tracker = new StepTracker(plan, total, progress);
    MoveReport moved = failing(t, d, () -> up
        ? agents.applyTo(t.service(), t.environment(), run + ":apply", plan.toVersion(), tracker::accept)
        : agents.revertTo(t.service(), t.environment(), run + ":revert", plan.toVersion(), tracker::accept));
    if (moved.stoppedEarly()) {
      throw failure(t, d, CoordinatorErrorCode.AGENT_FAILED, t.key() + ": the agent stopped at "
          + describe(moved.toVersion()) + " before reaching " + describe(plan.toVersion()));
    }
    String fingerprint = tracker.lastFingerprint();
    result.addAllVersions(moved.versions()).setToVersion(orEmpty(moved.toVersion())).setFingerprint(fingerprint);
    d.result = "succeeded: " + (up ? "applied " : "reverted ") + versions(moved.versions()) + "; now at "
        + describe(moved.toVersion()) + ", fingerprint " + fingerprint + "; backup " + backup.backupId();
    return result.setAuditSequence(audit.append(caller.subject(), action, null, d.render()).sequence()).build();
  }

  /** Records that a target without migration history already is at {@code version}. */
  public Outcome<StampSchemaResponse> stamp(Caller caller, String requestId, Target target, String version,
      String reason) {
    AuditDetail d = new AuditDetail(requestId, target, "asked " + echo(version), reason);
    d.from = "no migration history";
    return change(caller, requestId, SchemaOperationsServiceGrpc.getStampSchemaMethod(), "schema.stamp", d,
        StampSchemaResponse.parser(), () -> {
          String v = VersionSpec.requireVersion(version, "version");
          d.reason = requireReason(reason);
          d.to = "V" + v;
          ResolvedTarget t = target(target);
          d.target = t.key();
          return () -> {
            try (TargetGuard.Claim claim = guard.claim(t.service(), t.environment(), "stamp by " + caller.subject())) {
              AgentGateway.StampReport s = changing(t, d, "version", () -> agents.stamp(t.service(), t.environment(),
                  "op-" + UUID.randomUUID() + ":stamp", v));
              d.result = "succeeded: recorded as V" + s.version() + " after " + s.checksPassed()
                  + " verify checks passed; fingerprint " + s.fingerprint();
              return StampSchemaResponse.newBuilder().setVersion(s.version()).setFingerprint(s.fingerprint())
                  .setChecksPassed(s.checksPassed())
                  .setAuditSequence(audit.append(caller.subject(), "schema.stamp", null, d.render()).sequence())
                  .build();
            }
          };
        });
  }

  /** Removes the failed history entry of {@code version} once the schema is proven back. */
  public Outcome<ResolveFailedVersionResponse> resolve(Caller caller, String requestId, Target target, String version,
      String reason) {
    AuditDetail d = new AuditDetail(requestId, target, "asked " + echo(version), reason);
    return change(caller, requestId, SchemaOperationsServiceGrpc.getResolveFailedVersionMethod(), "schema.resolve", d,
        ResolveFailedVersionResponse.parser(), () -> {
          String v = VersionSpec.requireVersion(version, "version");
          d.reason = requireReason(reason);
          d.from = "V" + v + " recorded as failed";
          d.to = "V" + v + " resolved (rolled back)";
          ResolvedTarget t = target(target);
          d.target = t.key();
          return () -> {
            try (TargetGuard.Claim claim = guard.claim(t.service(), t.environment(), "resolve by "
                + caller.subject())) {
              AgentGateway.ResolveReport r = changing(t, d, "version", () -> agents.resolveFailed(t.service(),
                  t.environment(), "op-" + UUID.randomUUID() + ":resolve", v));
              d.result = "succeeded: failed entry of V" + r.version() + " removed; now at "
                  + describe(r.currentVersion()) + ", fingerprint " + r.fingerprint();
              return ResolveFailedVersionResponse.newBuilder().setVersion(r.version())
                  .setCurrentVersion(orEmpty(r.currentVersion()))
                  .setAuditSequence(audit.append(caller.subject(), "schema.resolve", null, d.render()).sequence())
                  .build();
            }
          };
        });
  }

  // ------------------------------------------------------------------------------- machinery

  /**
   * Runs a change: {@code validate} checks the input (no agent call) and returns the work, which
   * runs once per caller and request id. Refusals and failures are audited here; successes by the
   * work itself, so their audit sequence is part of the recorded response.
   */
  private <T extends Message> Outcome<T> change(Caller caller, String requestId, MethodDescriptor<?, ?> method,
      String action, AuditDetail d, Parser<T> parser, Supplier<Supplier<T>> validate) {
    try {
      try {
        RequestStore.requireRequestId(requestId);
      } catch (IllegalArgumentException e) {
        throw invalidRequestId(e);
      }
      Supplier<T> work = validate.get();
      FailureClassifier classify = e -> e instanceof CoordinatorException ? null : FailureClassifier.DEFAULT.classify(e);
      try {
        return requests.once(caller.subject(), requestId, method.getFullMethodName(), work, Message::toByteArray,
            bytes -> parse(parser, bytes), classify);
      } catch (RequestInProgressException e) {
        throw new CoordinatorException(CoordinatorErrorCode.REQUEST_IN_PROGRESS, "request " + requestId
            + " is still running (or was interrupted before it recorded an outcome); retry later, or use a new "
            + "request_id once you know it is no longer running");
      } catch (IllegalArgumentException e) {
        throw invalidRequestId(e);
      }
    } catch (CoordinatorException e) {
      d.result = "refused (" + e.code() + "): " + e.getMessage();
      audit.append(caller.subject(), action, null, d.render());
      throw e;
    } catch (RequestFailedException e) {
      CoordinatorErrorCode code = codeOf(e.code());
      if (!e.replayed()) {
        if (code == null || d.result == null || d.result.startsWith("succeeded")) {
          d.result = "failed (" + e.code() + "): " + e.getMessage();
        }
        audit.append(caller.subject(), action, null, d.render());
      }
      if (code == null) {
        // INTERNAL: the cause (logged with a reference by the interceptor) or the recorded message.
        throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
      }
      throw new CoordinatorException(code, e.getMessage() + (e.replayed() ? " (outcome of the earlier call with "
          + "request_id " + requestId + ")" : ""));
    }
  }

  /** An agent call before anything changes: its errors are refusals. */
  private static <T> T refusing(String field, Supplier<T> call) {
    try {
      return call.get();
    } catch (AgentCallException e) {
      throw AgentErrors.toCoordinator(e, field);
    }
  }

  /** A read: agent errors are mapped like refusals (nothing is audited for reads). */
  private static <T> T read(Supplier<T> call) {
    return refusing(null, call);
  }

  /** A read naming a field whose value the agent may refuse. */
  private static <T> T read(String field, Supplier<T> call) {
    return refusing(field, call);
  }

  /**
   * An agent call that changes the target atomically or not at all (stamp, resolve): its refusals
   * changed nothing; an agent that could not answer may have, so that is recorded as a failure.
   */
  private <T> T changing(ResolvedTarget t, AuditDetail d, String field, Supplier<T> call) {
    try {
      return call.get();
    } catch (AgentCallException e) {
      CoordinatorException mapped = AgentErrors.toCoordinator(e, field);
      if (mapped.code() == CoordinatorErrorCode.AGENT_FAILED) {
        throw failure(t, d, mapped.code(), mapped.getMessage());
      }
      throw mapped;
    }
  }

  /** An agent call once the target may have changed: every error is a recorded failure. */
  private <T> T failing(ResolvedTarget t, AuditDetail d, Supplier<T> call) {
    try {
      return call.get();
    } catch (AgentCallException e) {
      CoordinatorException mapped = AgentErrors.toCoordinator(e, "to");
      throw failure(t, d, mapped.code(), mapped.getMessage());
    }
  }

  /** A failure to record, with where the target stands now (asked of its agent, best effort). */
  private RequestFailedException failure(ResolvedTarget t, AuditDetail d, CoordinatorErrorCode code, String message) {
    String now;
    try {
      now = describe(agents.report(t.service(), t.environment()).currentVersion());
    } catch (AgentCallException e) {
      now = "unknown (agent not answering)";
    }
    d.result = "failed (" + code + "): " + message + "; " + t.key() + " is now at " + now
        + (d.backup == null ? "" : "; backup taken before: " + d.backup);
    return new RequestFailedException(code.name(), message + ". " + t.key() + " is now at " + now
        + (d.backup == null ? "" : "; the backup taken before the change is " + d.backup));
  }

  /** The registered target, environment defaulted; INVALID_ARGUMENT or TARGET_UNKNOWN otherwise. */
  ResolvedTarget target(Target target) {
    String service = target == null ? "" : target.getService().strip();
    String environment = target == null || target.getEnvironment().isBlank() ? DEFAULT_ENVIRONMENT
        : target.getEnvironment().strip();
    if (service.isEmpty()) {
      throw invalidArgument("target.service", "is required, e.g. auth-service");
    }
    if (!registry.hasEnvironment(service, environment)) {
      List<String> known = new ArrayList<>();
      registry.all().forEach((s, envs) -> envs.keySet().forEach(e -> known.add(s + "/" + e)));
      String field = registry.hasService(service) ? "target.environment" : "target.service";
      String message = "no target " + echo(service) + "/" + echo(environment) + " is registered; known targets: "
          + known;
      throw new CoordinatorException(CoordinatorErrorCode.TARGET_UNKNOWN, message,
          List.<String[]>of(new String[] {field, "not registered; known targets: " + known}));
    }
    return new ResolvedTarget(service, environment);
  }

  static String requireReason(String reason) {
    String text = reason == null ? "" : reason.strip();
    if (text.isEmpty()) {
      throw invalidArgument("reason", "is required: say why, it goes into the audit trail");
    }
    if (text.length() > MAX_REASON) {
      throw invalidArgument("reason", "is longer than " + MAX_REASON + " characters (" + text.length() + ")");
    }
    if (text.chars().anyMatch(ch -> ch < 0x20 && ch != '\n' && ch != '\t')) {
      throw invalidArgument("reason", "must not contain control characters");
    }
    return text;
  }

  private static CoordinatorErrorCode codeOf(String code) {
    try {
      return CoordinatorErrorCode.valueOf(code);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The request store's own message already names the field. */
  private static CoordinatorException invalidRequestId(IllegalArgumentException e) {
    return new CoordinatorException(CoordinatorErrorCode.INVALID_ARGUMENT, e.getMessage(),
        List.<String[]>of(new String[] {"request_id", e.getMessage()}));
  }

  private static CoordinatorException invalidArgument(String field, String reason) {
    return new CoordinatorException(CoordinatorErrorCode.INVALID_ARGUMENT, field + " " + reason,
        List.<String[]>of(new String[] {field, reason}));
  }

  private static <T> T parse(Parser<T> parser, byte[] bytes) {
    try {
      return parser.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a recorded response cannot be read", e);
    }
  }

  static OperationProgress progress(String message, String version, int step, int total) {
    return OperationProgress.newBuilder().setMessage(message).setVersion(version).setStep(step)
        .setTotalSteps(total).build();
  }

  static String describe(String version) {
    return version == null || version.isEmpty() ? "base" : "V" + version;
  }

  private static String versions(List<String> versions) {
    return versions.isEmpty() ? "nothing" : "V" + String.join(", V", versions);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  /** Caller input as it may appear in a message or the audit trail: bounded, without control characters. */
  static String echo(String s) {
    if (s == null) {
      return "";
    }
    String clean = s.strip().replaceAll("\\p{Cntrl}", "?");
    return clean.length() > MAX_ECHO ? clean.substring(0, MAX_ECHO) + "..." : clean;
  }

  /** Turns the agent's stream of versions into numbered progress. */
  private static final class StepTracker {

    private final PlanReport plan;
    private final int total;
    private final Consumer<OperationProgress> progress;
    private int step;
    private String lastFingerprint = "";

    StepTracker(PlanReport plan, int total, Consumer<OperationProgress> progress) {
      this.plan = plan;
      this.total = total;
      this.progress = progress;
    }

    void accept(StepEvent e) {
      if (!e.finished()) {
        step++;
        progress.accept(progress((e.up() ? "applying V" : "reverting V") + e.version() + " " + e.description()
            + (e.up() ? "" : " through its undo script"), e.version(), step, total));
        return;
      }
      lastFingerprint = e.fingerprint();
      String what = e.up()
          ? "V" + e.version() + " applied in " + e.millis() + " ms; " + e.checks() + " verify check"
              + (e.checks() == 1 ? "" : "s") + " passed"
          : "V" + e.version() + " reverted in " + e.millis() + " ms; the schema matches the fingerprint recorded for "
              + describe(below(e.version()));
      progress.accept(progress(what + "; fingerprint " + abbreviate(e.fingerprint()), e.version(), step, total));
    }

    /** The version a down step lands on: the next step's version, or the plan's target after the last. */
    private String below(String version) {
      List<AgentGateway.PlanStep> steps = plan.steps();
      for (int i = 0; i < steps.size(); i++) {
        if (steps.get(i).version().equals(version)) {
          return i + 1 < steps.size() ? steps.get(i + 1).version() : plan.toVersion();
        }
      }
      return plan.toVersion();
    }

    String lastFingerprint() {
      return lastFingerprint;
    }

    private static String abbreviate(String fingerprint) {
      return fingerprint.length() > 12 ? fingerprint.substring(0, 12) : fingerprint;
    }
  }

  /** What one audit entry of a change says; filled in as the change learns more. */
  private static final class AuditDetail {

    private final String requestId;
    private String target;
    private String from = "not read";
    private String to;
    private String reason;
    private String backup;
    private String result;

    AuditDetail(String requestId, Target target, String to, String reason) {
      this.requestId = echo(requestId);
      this.target = target == null ? "" : echo(target.getService()) + "/" + (target.getEnvironment().isBlank()
          ? DEFAULT_ENVIRONMENT : echo(target.getEnvironment()));
      this.to = to;
      this.reason = reason == null || reason.isBlank() ? "(none given)" : echo(reason);
    }

    String render() {
      // One field per line; the caller is the entry's actor.
      return "target: " + target + "\nfrom: " + from + "\nto: " + to + "\nreason: "
          + reason.replace('\0', '?') + "\nrequest_id: " + requestId + "\nresult: " + String.valueOf(result)
          .replace('\0', '?');
    }
  }

  /** Maps an agent's error onto the coordinator's codes. */
  static final class AgentErrors {

    private AgentErrors() {}

    /**
     * The coordinator error for an agent's refusal or failure: bad targets or versions are
     * INVALID_VERSION_SPEC (naming {@code field}), a held lock is TARGET_BUSY, the database's state
     * is AGENT_REFUSED, anything else (unreachable, internal, unknown) AGENT_FAILED.
     */
    static CoordinatorException toCoordinator(AgentCallException e, String field) {
      SchemaErrorCode agentCode;
      try {
        agentCode = e.reason() == null ? null : SchemaErrorCode.valueOf(e.reason());
      } catch (IllegalArgumentException notAgentCode) {
        agentCode = null;
      }
      String message = e.getMessage() + (agentCode == null ? "" : " (agent reason " + agentCode + ")");
      if (agentCode == null) {
        return new CoordinatorException(CoordinatorErrorCode.AGENT_FAILED, message);
      }
      Status.Code status = SchemaErrorStatus.codeFor(agentCode);
      return switch (status) {
        case INVALID_ARGUMENT -> new CoordinatorException(CoordinatorErrorCode.INVALID_VERSION_SPEC, message,
            field == null ? List.of() : List.<String[]>of(new String[] {field, "refused by the agent: " + agentCode}));
        case ABORTED -> new CoordinatorException(CoordinatorErrorCode.TARGET_BUSY, message);
        case FAILED_PRECONDITION, NOT_FOUND, DATA_LOSS -> new CoordinatorException(CoordinatorErrorCode.AGENT_REFUSED,
            message);
        default -> new CoordinatorException(CoordinatorErrorCode.AGENT_FAILED, message);
      };
    }
  }
}
