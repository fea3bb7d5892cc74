package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * Golden tests of {@code --help} for the top command and every subcommand: the help is part of the
 * interface, so a change to it shows up in review as a change to a file under
 * src/test/resources/golden. After an intended change, regenerate them with
 * {@code mvn -pl cli -am verify -Dtest=HelpGoldenTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dlockstep.golden.update=true} and review the diff.
 */
class HelpGoldenTest {

  private static final boolean UPDATE = "true".equals(System.getProperty("lockstep.golden.update"));
  private static final Path DIR = Path.of(System.getProperty("lockstep.golden.dir", "src/test/resources/golden"));

  @TestFactory
  Stream<DynamicTest> help_ofEveryCommand_matchesItsGoldenFile() {
    return commands().stream().map(path -> DynamicTest.dynamicTest(String.join(" ", path), () -> {
      List<String> args = new ArrayList<>(path.subList(1, path.size()));
      args.add("--help");
      CliRun.Result r = new CliRun().run(args.toArray(String[]::new));
      assertThat(r.exit()).as(r.toString()).isZero();
      assertThat(r.err()).isEmpty();
      Path golden = DIR.resolve(String.join("-", path) + ".txt");
      if (UPDATE) {
        Files.createDirectories(DIR);
        Files.writeString(golden, r.out(), StandardCharsets.UTF_8);
      }
      assertThat(golden).as("golden file (regenerate with -Dlockstep.golden.update=true)").exists();
      assertThat(r.out()).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }));
  }

  @Test
  void goldenDirectory_hasNoFileForACommandThatIsGone() throws IOException {
    TreeSet<String> expected = new TreeSet<>();
    commands().forEach(p -> expected.add(String.join("-", p) + ".txt"));
    try (Stream<Path> files = Files.list(DIR)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void help_everyLineFitsTheWidth() {
    for (List<String> path : commands()) {
      List<String> args = new ArrayList<>(path.subList(1, path.size()));
      args.add("--help");
      for (String line : new CliRun().run(args.toArray(String[]::new)).out().split("\\R")) {
        assertThat(line.length()).as("%s: %s", path, line).isLessThanOrEqualTo(Main.HELP_WIDTH);
      }
    }
  }

  @Test
  void version_printsOneLine_exit0() {
    CliRun.Result r = new CliRun().run("--version");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("lockstep ").hasLineCount(1);
  }

  /** Every command path, e.g. [lockstep], [lockstep, rollout, create]. */
  private static List<List<String>> commands() {
    List<List<String>> out = new ArrayList<>();
    java.io.PrintWriter nowhere = new java.io.PrintWriter(java.io.Writer.nullWriter());
    collect(Main.commandLine(new Terminal(java.io.InputStream.nullInputStream(), nowhere, nowhere, java.util.Map.of(),
        false, Path.of("."))), List.of(), out);
    return out;
  }

  private static void collect(CommandLine cl, List<String> parent, List<List<String>> out) {
    List<String> path = new ArrayList<>(parent);
    path.add(cl.getCommandName());
    out.add(path);
    for (CommandLine sub : cl.getSubcommands().values()) {
      collect(sub, path, out);
    }
  }
}
