package dev.lockstep.cli.connect;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import dev.lockstep.cli.CliException;
import dev.lockstep.cli.ExitCode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one mapping from a failed gRPC call to an exit code and a line saying what happened and what
 * to do. It reads the status code, the message, and the {@code google.rpc} details the coordinator
 * sends: {@code ErrorInfo} (its reason is the coordinator's or agent's error code) and
 * {@code BadRequest} (each invalid field is listed).
 */
public final class GrpcFailure {

  /** Reasons of a schema change that failed and whose transaction was rolled back (exit 4). */
  private static final Set<String> FAILED_AND_ROLLED_BACK = Set.of("MIGRATION_FAILED", "VERIFY_FAILED",
      "UNDO_FAILED", "UNDO_FINGERPRINT_MISMATCH");
  /** How the coordinator names the agent's reason inside an AGENT_REFUSED message. */
  private static final Pattern AGENT_REASON = Pattern.compile("\\(agent reason ([A-Z_]+)\\)");

  private GrpcFailure() {
  }

  /**
   * What {@code e} means for the user of {@code coordinator} (its address appears in messages;
   * the token never does).
   */
  public static CliException describe(StatusRuntimeException e, Settings coordinator) {
    Status status = e.getStatus();
    Status.Code code = status.getCode();
    ErrorInfo info = null;
    List<String> fields = new ArrayList<>();
    com.google.rpc.Status rich = StatusProto.fromThrowable(e);
    if (rich != null) {
      for (Any detail : rich.getDetailsList()) {
        try {
          if (detail.is(ErrorInfo.class)) {
            info = detail.unpack(ErrorInfo.class);
          } else if (detail.is(BadRequest.class)) {
            detail.unpack(BadRequest.class).getFieldViolationsList()
                .forEach(v -> fields.add(v.getField() + ": " + v.getDescription()));
          }
        } catch (InvalidProtocolBufferException ignored) {
          // a detail we cannot read adds nothing the message does not say
        }
      }
    }
    String reason = info == null ? "" : info.getReason();
    String message = status.getDescription() == null ? "" : status.getDescription();

    if (code == Status.Code.UNAVAILABLE && info == null) {
      return new CliException(ExitCode.UNREACHABLE, "cannot reach the coordinator at " + coordinator.address()
          + " (" + transportCause(e) + ")", "Start it, or point --coordinator or LOCKSTEP_COORDINATOR at it"
          + (coordinator.tls() ? "; check that it serves TLS with a certificate you trust" : "") + ".", e);
    }
    if (code == Status.Code.UNIMPLEMENTED) {
      return new CliException(ExitCode.ERROR, "the coordinator at " + coordinator.address() + " does not offer this"
          + " request (" + (message.isEmpty() ? "UNIMPLEMENTED" : message) + ")",
          "Upgrade the coordinator to a version that serves it.", e);
    }
    if (code == Status.Code.DEADLINE_EXCEEDED) {
      return new CliException(ExitCode.ERROR, "the coordinator at " + coordinator.address() + " did not answer within "
          + coordinator.timeout().toSeconds() + "s", "Retry; if the request is slow by nature, raise --timeout.", e);
    }

    String said = message.isEmpty() ? code.name() : message;
    List<String> missing = fields.stream().filter(f -> !said.contains(f)).toList();
    String what = missing.isEmpty() ? said : said + " (" + String.join("; ", missing) + ")";
    ExitCode exit = exitCode(code, reason, info, said);
    return new CliException(exit, what, exit == ExitCode.FAILED_ROLLED_BACK ? "The failed version was rolled back and"
        + " the database is where it was; fix the migration and retry." : fix(code, reason, info), e);
  }

  private static ExitCode exitCode(Status.Code code, String reason, ErrorInfo info, String message) {
    // The coordinator passes an agent's reason on in its message (and may in the ErrorInfo metadata).
    Matcher agent = AGENT_REASON.matcher(message);
    if (FAILED_AND_ROLLED_BACK.contains(reason) || (agent.find() && FAILED_AND_ROLLED_BACK.contains(agent.group(1)))
        || (info != null && info.getMetadataMap().values().stream().anyMatch(FAILED_AND_ROLLED_BACK::contains))) {
      return ExitCode.FAILED_ROLLED_BACK;
    }
    return switch (code) {
      case INVALID_ARGUMENT, OUT_OF_RANGE, NOT_FOUND -> ExitCode.INVALID_INPUT;
      case UNAUTHENTICATED, PERMISSION_DENIED, FAILED_PRECONDITION, ALREADY_EXISTS, ABORTED -> ExitCode.REFUSED;
      default -> ExitCode.ERROR;
    };
  }

  private static String fix(Status.Code code, String reason, ErrorInfo info) {
    switch (reason) {
      case "INVALID_MANIFEST":
        return "Fix the manifest fields named above and run lockstep plan again; nothing was created.";
      case "NOT_ALLOWED":
        return "Another person with the approver role has to do this (lockstep rollout approve ID --comment ...).";
      case "WRONG_STATE":
        return "See where it stands with lockstep rollout show ID.";
      case "ALREADY_DECIDED":
        return "Your decision is already recorded; nothing to do.";
      case "REQUEST_IN_PROGRESS":
        return "Run the same command again with the same --request-id in a moment; it will not run twice.";
      case "TARGET_BUSY", "LOCK_HELD":
        return "Wait for the other rollout or operation to finish (lockstep status shows who holds it), then retry.";
      case "TARGET_UNKNOWN":
        return "lockstep status lists the registered services and environments.";
      case "INVALID_VERSION_SPEC", "INVALID_TARGET":
        return "Use head, base, +N, -N or a version; lockstep db history -s SERVICE lists the versions.";
      case "AGENT_REFUSED":
        return "The database's state does not allow this; lockstep db current -s SERVICE shows where it stands.";
      case "AGENT_FAILED", "DATABASE_UNREACHABLE":
        return "Check that the service and its schema agent are running and registered with the coordinator, then"
            + " retry.";
      default:
        break;
    }
    return switch (code) {
      case UNAUTHENTICATED -> "The token was refused. " + Settings.howToGetAToken();
      case PERMISSION_DENIED -> info != null && info.containsMetadata("required_role")
          ? "Use a token with role " + info.getMetadataOrThrow("required_role") + " (for development: bin/dev-token"
              + " YOU " + info.getMetadataOrThrow("required_role") + ")."
          : "Use a token with a role that allows this.";
      case INVALID_ARGUMENT, OUT_OF_RANGE -> "Correct the values named above and retry.";
      case NOT_FOUND -> "Check the name or id: lockstep rollout list and lockstep status show what exists.";
      case FAILED_PRECONDITION -> "Resolve the condition above, then retry.";
      case ALREADY_EXISTS -> "Nothing to do: it is already done.";
      case ABORTED -> "Retry in a moment.";
      case UNAVAILABLE -> "Check that the service and its schema agent are running, then retry.";
      default -> "Retry; if it happens again, see the coordinator's log (run with --debug for details here).";
    };
  }

  /** The transport's own words for why a connection failed, e.g. "Connection refused". */
  private static String transportCause(Throwable e) {
    Throwable t = e.getCause();
    String found = null;
    while (t != null) {
      if (t.getMessage() != null) {
        found = t.getMessage();
      }
      t = t.getCause();
    }
    if (found == null) {
      String d = e instanceof StatusRuntimeException s ? s.getStatus().getDescription() : null;
      return d == null ? "UNAVAILABLE" : d;
    }
    // "finishConnect(..) failed: Connection refused: /127.0.0.1:1234": keep the words that matter.
    int failed = found.lastIndexOf("failed: ");
    String words = failed >= 0 ? found.substring(failed + "failed: ".length()) : found;
    int colon = words.indexOf(": /");
    return CliException.oneLine(colon > 0 ? words.substring(0, colon) : words);
  }
}
