package dev.lockstep.cli.release;

import dev.lockstep.cli.CliException;
import dev.lockstep.cli.CoordinatorCommand;
import dev.lockstep.cli.ExitCode;
import dev.lockstep.cli.output.Json;
import dev.lockstep.proto.rollout.v1.PlanReleaseRequest;
import dev.lockstep.proto.rollout.v1.PlanReleaseResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lockstep plan MANIFEST}: validates a release manifest and stores its plan; changes nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = {"Validate a release manifest and plan it against the services' current state.",
        "Shows per target: current -> target version, waves, each version with its restore-only flag",
        "(and its SQL with --sql). Stores the plan and prints its id; no database is changed."},
    footer = {"", "Example:", "  lockstep plan releases/2026.11-voice-integration.yaml --sql"})
public class PlanCommand extends CoordinatorCommand {

  /** Manifests are small; a limit keeps a wrong file (a dump, a binary) from being sent. */
  static final int MAX_MANIFEST_BYTES = 1 << 20;

  @Parameters(index = "0", paramLabel = "MANIFEST", description = "Release manifest (YAML), or - for stdin.")
  String manifest;

  @Option(names = "--sql", description = "Also print the SQL of every version.")
  boolean sql;

  @Override
  protected ExitCode run() {
    String yaml = read(manifest);
    PlanReleaseResponse response = coordinator().rollouts().planRelease(PlanReleaseRequest.newBuilder()
        .setManifestYaml(yaml).build());
    if (json()) {
      out().println(Json.pretty(response));
    } else {
      PlanText.print(out(), response.getPlan(), sql);
    }
    return ExitCode.OK;
  }

  private String read(String name) {
    byte[] bytes;
    try {
      if ("-".equals(name)) {
        bytes = terminal().in().readNBytes(MAX_MANIFEST_BYTES + 1);
      } else {
        Path path = Path.of(name);
        if (Files.isDirectory(path)) {
          throw new CliException(ExitCode.INVALID_INPUT, "manifest " + name + " is a directory",
              "Name the manifest file, e.g. releases/2026.11-voice-integration.yaml.");
        }
        if (Files.size(path) > MAX_MANIFEST_BYTES) {
          throw tooBig(name);
        }
        bytes = Files.readAllBytes(path);
      }
    } catch (NoSuchFileException e) {
      throw new CliException(ExitCode.INVALID_INPUT, "manifest " + name + " does not exist",
          "Check the path (manifests usually live in releases/).");
    } catch (IOException e) {
      throw new CliException(ExitCode.INVALID_INPUT, "cannot read manifest " + name + ": " + e.getMessage(),
          "Check the path and its permissions.", e);
    }
    if (bytes.length > MAX_MANIFEST_BYTES) {
      throw tooBig(name);
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static CliException tooBig(String name) {
    return new CliException(ExitCode.INVALID_INPUT, "manifest " + name + " is larger than 1 MiB",
        "A release manifest is a short YAML file; check that you named the right one.");
  }
}
