package dev.lockstep.schema.bench;

import dev.lockstep.schema.api.BackupInfo;
import dev.lockstep.schema.api.BackupManager;
import dev.lockstep.schema.api.BackupVerification;
import dev.lockstep.schema.api.MigrationListener;
import dev.lockstep.schema.api.RestoreResult;
import dev.lockstep.schema.api.SchemaSettings;
import dev.lockstep.schema.api.SchemaTool;
import dev.lockstep.testsupport.TestDatabase;
import dev.lockstep.testsupport.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Measures backup, verification and restore of a database with {@code N} order rows, plain and
 * encrypted, and prints a table. Run with {@code bin/bench-backup [rows]}; not part of the test
 * suite (performance is measured here, never asserted in tests).
 */
public final class BackupBenchmark {

  private BackupBenchmark() {}

  /** Entry point: {@code args[0]} is the number of order rows (default 200000). */
  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 200_000;
    System.out.printf("Backup benchmark: %,d order rows, PostgreSQL from %s%n", rows,
        TestPostgres.server().adminUrl());
    System.out.printf("%-10s %12s %10s %10s %14s %10s%n", "mode", "dump bytes", "create s", "verify s",
        "pg_restore s", "restore s");
    for (boolean encrypted : new boolean[] {false, true}) {
      run(rows, encrypted);
    }
  }

  private static void run(long rows, boolean encrypted) throws Exception {
    Path dir = Files.createTempDirectory("lockstep-bench");
    try (TestDatabase db = TestPostgres.createDatabase("bench")) {
      SchemaSettings settings = new SchemaSettings("bench-service", db.jdbcUrl(), db.user(), db.password(),
          List.of("shop"), "fixtures/good");
      SchemaTool tool = new SchemaTool(settings, BackupBenchmark.class.getClassLoader());
      tool.migrate("1", MigrationListener.NONE);
      tool.loadSampleData();
      tool.migrate();
      try (Connection c = db.connect(); Statement s = c.createStatement()) {
        s.execute("INSERT INTO shop.orders (customer_id, total, note) SELECT 1 + (i % 200), (i % 997)::numeric,"
            + " md5(i::text) FROM generate_series(1, " + rows + ") AS i");
        s.execute("ANALYZE");
      }
      byte[] key = null;
      if (encrypted) {
        key = new byte[32];
        new SecureRandom().nextBytes(key);
      }
      BackupManager manager = new BackupManager(settings, dir, key);
      BackupInfo backup = manager.create();
      BackupVerification verification = manager.verify(backup.id());
      RestoreResult restore = manager.restore(backup.id());
      manager.purgeReplaced(restore.replacedDatabase());
      System.out.printf("%-10s %,12d %10.2f %10.2f %14.2f %10.2f%n", encrypted ? "encrypted" : "plain",
          backup.sizeBytes(), seconds(backup.duration()), seconds(verification.totalDuration()),
          seconds(verification.restoreDuration()), seconds(restore.totalDuration()));
      if (!verification.ok()) {
        System.out.println("  verification problems: " + verification.problems());
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
