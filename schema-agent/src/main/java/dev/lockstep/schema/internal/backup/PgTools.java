package dev.lockstep.schema.internal.backup;

import dev.lockstep.schema.api.SchemaErrorCode;
import dev.lockstep.schema.api.SchemaException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The two client-tool invocations the backup code makes, as argument lists. */
public final class PgTools {

  // What pg_export_snapshot() returns, e.g. 00000003-0000001B-1.
  private static final Pattern SNAPSHOT = Pattern.compile("[0-9A-Fa-f]+(-[0-9A-Fa-f]+)+");

  private final PgConnectionInfo info;
  private final PgCommand command;

  /** Tools for the server of {@code info}, run by {@code command}. */
  public PgTools(PgConnectionInfo info, PgCommand command) {
    this.info = info;
    this.command = command;
  }

  /**
   * Starts {@code pg_dump --format=custom} of the service database into {@code file}, reading the
   * exported {@code snapshot} so that the dump sees exactly what the exporting transaction sees.
   */
  public PgCommand.Running startDump(String snapshot, Path file) {
    if (!SNAPSHOT.matcher(snapshot).matches()) {
      throw new SchemaException(SchemaErrorCode.BACKUP_FAILED, "unexpected snapshot id from the server: " + snapshot);
    }
    List<String> args = new ArrayList<>(List.of("pg_dump", "--format=custom", "--snapshot=" + snapshot,
        "--file=" + file.toAbsolutePath()));
    args.addAll(info.toolArguments());
    args.add("--dbname=" + info.database());
    return command.start(args, info.toolEnvironment(), SchemaErrorCode.BACKUP_FAILED);
  }

  /**
   * Runs {@code pg_restore} of the plaintext dump {@code file} into the empty {@code database},
   * stopping at the first error; objects end up owned by the agent's user.
   */
  public PgCommand.Outcome restore(String database, Path file, SchemaErrorCode failureCode) {
    List<String> args = new ArrayList<>(List.of("pg_restore", "--exit-on-error", "--no-owner"));
    args.addAll(info.toolArguments());
    args.add("--dbname=" + DatabaseNames.requireValid(database));
    args.add(file.toAbsolutePath().toString());
    return command.run(args, info.toolEnvironment(), failureCode);
  }
}
