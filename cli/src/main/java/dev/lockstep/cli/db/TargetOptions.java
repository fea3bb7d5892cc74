package dev.lockstep.cli.db;

import dev.lockstep.proto.operations.v1.Target;
import picocli.CommandLine.Option;

/** {@code --service} and {@code --env}: one service's database in one environment. */
public class TargetOptions {

  @Option(names = {"-s", "--service"}, required = true, paramLabel = "NAME",
      description = "The service, e.g. auth-service.")
  String service;

  @Option(names = {"-e", "--env"}, paramLabel = "ENV", defaultValue = "production",
      description = "The environment (default ${DEFAULT-VALUE}).")
  String environment;

  Target target() {
    return Target.newBuilder().setService(service.strip()).setEnvironment(environment.strip()).build();
  }

  String name() {
    return service.strip() + "/" + environment.strip();
  }
}
