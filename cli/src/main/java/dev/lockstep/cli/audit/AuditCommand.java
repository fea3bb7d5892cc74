package dev.lockstep.cli.audit;

import dev.lockstep.cli.CliException;
import dev.lockstep.cli.CoordinatorCommand;
import dev.lockstep.cli.ExitCode;
import dev.lockstep.cli.output.Json;
import dev.lockstep.cli.output.Text;
import dev.lockstep.proto.rollout.v1.AuditEntry;
import dev.lockstep.proto.rollout.v1.ListAuditEntriesRequest;
import dev.lockstep.proto.rollout.v1.ListAuditEntriesResponse;
import dev.lockstep.proto.rollout.v1.VerifyAuditChainRequest;
import dev.lockstep.proto.rollout.v1.VerifyAuditChainResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lockstep audit list|verify}: the coordinator's hash-chained audit trail. */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "Read the coordinator's append-only audit trail and verify its hash chain.",
    subcommands = {AuditCommand.ListEntries.class, AuditCommand.Verify.class})
public class AuditCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing audit command");
  }

  /** {@code lockstep audit list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List audit entries, oldest first.",
      footer = {"", "Example:", "  lockstep audit list --rollout 0b7e2f0a-6d4b-4e8e-b3b5-2a9c1d7e5f10"})
  public static class ListEntries extends CoordinatorCommand {
    @Option(names = "--rollout", paramLabel = "ROLLOUT_ID", description = "Only entries of this rollout.")
    String rolloutId;

    @Option(names = "--from", paramLabel = "SEQUENCE", defaultValue = "1",
        description = "First entry (default ${DEFAULT-VALUE}).")
    long from;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
        description = "At most this many (1 to 10000, default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    protected ExitCode run() {
      if (limit < 1 || limit > 10_000) {
        throw new CliException(ExitCode.INVALID_INPUT, "--limit " + limit + " is out of range",
            "Pass a number from 1 to 10000.");
      }
      if (from < 1) {
        throw new CliException(ExitCode.INVALID_INPUT, "--from " + from + " is not a sequence",
            "Entries are numbered from 1.");
      }
      ListAuditEntriesResponse.Builder all = ListAuditEntriesResponse.newBuilder();
      long next = from;
      while (all.getEntriesCount() < limit) {
        int size = Math.min(500, limit - all.getEntriesCount());
        List<AuditEntry> page = coordinator().rollouts().listAuditEntries(ListAuditEntriesRequest.newBuilder()
            .setRolloutId(rolloutId == null ? "" : rolloutId.strip()).setFromSequence(next).setPageSize(size).build())
            .getEntriesList();
        all.addAllEntries(page);
        if (page.size() < size) {
          break;
        }
        next = page.get(page.size() - 1).getSequence() + 1;
      }
      if (json()) {
        out().println(Json.pretty(all.build()));
        return ExitCode.OK;
      }
      if (all.getEntriesCount() == 0) {
        out().println("No audit entries.");
        return ExitCode.OK;
      }
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"SEQ", "TIME", "ACTOR", "ACTION", "ROLLOUT", "DETAIL"});
      for (AuditEntry e : all.getEntriesList()) {
        rows.add(new String[] {String.valueOf(e.getSequence()), Text.time(e.getCreateTime()), e.getActor(),
            e.getAction(), e.getRolloutId().isEmpty() ? "-" : e.getRolloutId(), CliException.oneLine(e.getDetail())});
      }
      Text.table(rows).forEach(out()::println);
      return ExitCode.OK;
    }
  }

  /** {@code lockstep audit verify}. */
  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Verify the audit trail's hash chain.",
          "Names the first entry whose hash or link does not hold; exit code 1 when the chain is broken."},
      footer = {"", "Example:", "  lockstep audit verify"})
  public static class Verify extends CoordinatorCommand {
    @Override
    protected ExitCode run() {
      VerifyAuditChainResponse r = coordinator().rollouts().verifyAuditChain(VerifyAuditChainRequest
          .getDefaultInstance());
      if (json()) {
        out().println(Json.pretty(r));
      } else if (r.getIntact()) {
        out().println("Audit chain intact: " + r.getEntriesChecked() + " entries checked.");
      } else {
        out().println("Audit chain BROKEN at entry " + r.getFirstBrokenSequence() + " (" + r.getEntriesChecked()
            + " entries checked): " + r.getProblem());
      }
      if (r.getIntact()) {
        return ExitCode.OK;
      }
      throw new CliException(ExitCode.ERROR, "the audit chain is broken at entry " + r.getFirstBrokenSequence() + ": "
          + r.getProblem(), "Treat entries from " + r.getFirstBrokenSequence()
          + " on as untrusted and compare them with a backup of the coordinator's database.");
    }
  }
}
