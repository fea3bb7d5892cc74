package dev.lockstep.cli.status;

import dev.lockstep.cli.CoordinatorCommand;
import dev.lockstep.cli.ExitCode;
import dev.lockstep.cli.output.Json;
import dev.lockstep.cli.output.Text;
import dev.lockstep.proto.rollout.v1.EnvironmentSchema;
import dev.lockstep.proto.rollout.v1.GetServiceSchemaRequest;
import dev.lockstep.proto.rollout.v1.GetServiceSchemaResponse;
import dev.lockstep.proto.rollout.v1.ListActiveRolloutsRequest;
import dev.lockstep.proto.rollout.v1.ListRolloutsRequest;
import dev.lockstep.proto.rollout.v1.ListRolloutsResponse;
import dev.lockstep.proto.rollout.v1.ListServiceSchemasRequest;
import dev.lockstep.proto.rollout.v1.Rollout;
import dev.lockstep.proto.rollout.v1.RolloutState;
import dev.lockstep.proto.rollout.v1.ServiceSchema;
import dev.lockstep.proto.rollout.v1.TargetStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code lockstep status [SERVICE]}: every service's schema in every environment (or one service's),
 * with the rollouts not yet done that hold each target. JSON: {@code {"services": [ServiceSchema],
 * "active_rollouts": [Rollout]}}.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Show every service's schema in every environment (or one service's).",
        "Version, pending versions, drift, reachability, and the rollouts not yet done on each target."},
    footer = {"", "Examples:", "  lockstep status", "  lockstep status auth-service --output json"})
public class StatusCommand extends CoordinatorCommand {

  /** States of rollouts that are not done. */
  private static final List<RolloutState> ACTIVE = List.of(RolloutState.ROLLOUT_STATE_PLANNED,
      RolloutState.ROLLOUT_STATE_PREFLIGHT, RolloutState.ROLLOUT_STATE_BACKING_UP,
      RolloutState.ROLLOUT_STATE_VERIFYING_BACKUPS, RolloutState.ROLLOUT_STATE_REHEARSING,
      RolloutState.ROLLOUT_STATE_STAGING, RolloutState.ROLLOUT_STATE_AWAITING_APPROVAL,
      RolloutState.ROLLOUT_STATE_AWAITING_WINDOW, RolloutState.ROLLOUT_STATE_APPLYING,
      RolloutState.ROLLOUT_STATE_VERIFYING, RolloutState.ROLLOUT_STATE_ROLLING_BACK);

  @Parameters(index = "0", arity = "0..1", paramLabel = "SERVICE", description = "Only this service.")
  String service;

  @Override
  protected ExitCode run() {
    List<ServiceSchema> services = new ArrayList<>();
    List<Rollout> active = new ArrayList<>();
    if (service != null) {
      GetServiceSchemaResponse one = coordinator().status().getServiceSchema(GetServiceSchemaRequest.newBuilder()
          .setService(service.strip()).build());
      services.add(ServiceSchema.newBuilder().setService(one.getService())
          .addAllEnvironments(one.getEnvironmentsList()).build());
      active.addAll(coordinator().status().listActiveRollouts(ListActiveRolloutsRequest.newBuilder()
          .setService(one.getService()).build()).getRolloutsList());
    } else {
      services.addAll(coordinator().status().listServiceSchemas(ListServiceSchemasRequest.getDefaultInstance())
          .getServicesList());
      String token = "";
      do {
        ListRolloutsResponse page = coordinator().rollouts().listRollouts(ListRolloutsRequest.newBuilder()
            .addAllStates(ACTIVE).setPageSize(100).setPageToken(token).build());
        active.addAll(page.getRolloutsList());
        token = page.getNextPageToken();
      } while (!token.isEmpty());
    }
    if (json()) {
      Map<String, List<? extends com.google.protobuf.MessageOrBuilder>> members = new LinkedHashMap<>();
      members.put("services", services);
      members.put("active_rollouts", active);
      out().println(Json.object(members));
      return ExitCode.OK;
    }
    print(services, active);
    return ExitCode.OK;
  }

  private void print(List<ServiceSchema> services, List<Rollout> active) {
    if (services.isEmpty()) {
      out().println("No services are registered with the coordinator (lockstep.coordinator.targets).");
      return;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"SERVICE", "ENVIRONMENT", "VERSION", "PENDING", "DRIFT", "ROLLOUTS"});
    List<String> problems = new ArrayList<>();
    for (ServiceSchema s : services) {
      for (EnvironmentSchema e : s.getEnvironmentsList()) {
        String target = s.getService() + "/" + e.getEnvironment();
        List<String> holders = new ArrayList<>();
        for (Rollout r : active) {
          for (TargetStatus t : r.getTargetsList()) {
            if (t.getService().equals(s.getService()) && t.getEnvironment().equals(e.getEnvironment())) {
              holders.add(r.getRolloutId() + " (" + Text.state(r.getState()) + ")");
            }
          }
        }
        if (!e.getReachable()) {
          problems.add(target + ": unreachable: " + e.getMessage());
        }
        e.getDriftList().forEach(d -> problems.add(target + ": drift: " + d));
        rows.add(new String[] {s.getService(), e.getEnvironment(),
            e.getReachable() ? Text.version(e.getCurrentVersion()) : "?",
            e.getPendingVersionsCount() == 0 ? "-" : e.getPendingVersionsList().stream().map(Text::version)
                .reduce((a, b) -> a + "," + b).orElse("-"),
            !e.getReachable() ? "?" : e.getDriftCount() == 0 ? "none" : e.getDriftCount() + " objects",
            holders.isEmpty() ? "-" : String.join(", ", holders)});
      }
    }
    Text.table(rows).forEach(out()::println);
    if (!problems.isEmpty()) {
      out().println();
      problems.forEach(p -> out().println(p));
    }
  }
}
