package dev.lockstep.coordinator.manifest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a release manifest from YAML and checks everything that needs no agent: required fields,
 * formats, ranges, unknown keys, duplicate services, dependencies and their cycles, the window and
 * the approval timeout. Every problem is collected and thrown at once as a
 * {@link ManifestException}.
 *
 * <p>YAML is loaded with snakeyaml's {@link SafeConstructor} only (maps, lists, strings, numbers,
 * booleans): a tag naming a class is refused before anything is constructed. Duplicate keys are
 * refused, input is limited to {@value #MAX_BYTES} bytes, aliases to {@value #MAX_ALIASES}
 * collections and nesting to {@value #MAX_DEPTH} levels. Plain scalars resolve only to null,
 * {@code true}/{@code false} and decimal integers: floats and timestamps stay text, so
 * {@code to: 2.10} is the version 2.10 and not the number 2.1, and the window's instants are read
 * with {@code java.time}, not {@code java.util.Date}.
 */
public final class ManifestParser {

  /** The largest manifest accepted, in UTF-8 bytes (256 KiB). */
  public static final int MAX_BYTES = 256 * 1024;

  /** Most aliases a manifest may use for collections (a manifest needs none). */
  public static final int MAX_ALIASES = 10;

  /** Deepest nesting of collections accepted. */
  public static final int MAX_DEPTH = 20;

  private static final String GLOBAL_TAG_REFUSED = "Global tag is not allowed: ";
  private static final String NO_CONSTRUCTOR = "could not determine a constructor for the tag ";

  private ManifestParser() {}

  /**
   * Parses and checks {@code yaml}.
   *
   * @throws ManifestException with every problem found
   */
  public static Manifest parse(String yaml) {
    return new ManifestReader().read(load(yaml));
  }

  /** Loads the YAML document of {@code yaml} as maps, lists and scalars; null for an empty one. */
  static Object load(String yaml) {
    if (yaml == null) {
      return null;
    }
    int bytes = yaml.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_BYTES) {
      throw refused("is " + bytes + " bytes long; a manifest may be at most " + MAX_BYTES
          + " bytes (256 KiB)");
    }
    try {
      return yaml().load(yaml);
    } catch (MarkedYAMLException e) {
      throw refused(describe(e));
    } catch (YAMLException e) {
      throw refused("is not valid YAML: " + oneLine(e.getMessage()));
    }
  }

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(MAX_BYTES);
    options.setAllowRecursiveKeys(false);
    options.setProcessComments(false);
    DumperOptions dumper = new DumperOptions();
    return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, new PlainResolver());
  }

  private static String describe(MarkedYAMLException e) {
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    String problem = e.getProblem() == null ? oneLine(e.getMessage()) : oneLine(e.getProblem());
    String what;
    if (e instanceof DuplicateKeyException) {
      what = problem.replace("found duplicate key", "duplicate key") + "; a key may appear only once in a mapping";
    } else if (problem.startsWith(GLOBAL_TAG_REFUSED)) {
      what = "tag " + shortTag(problem.substring(GLOBAL_TAG_REFUSED.length())) + " is not allowed; "
          + "a manifest is plain YAML without tags";
    } else if (problem.startsWith(NO_CONSTRUCTOR)) {
      what = "tag " + shortTag(problem.substring(NO_CONSTRUCTOR.length())) + " is not allowed; "
          + "a manifest is plain YAML without tags";
    } else {
      what = problem + (e.getContext() == null ? "" : " (" + oneLine(e.getContext()) + ")");
    }
    return "is not valid YAML" + where + ": " + what;
  }

  private static String shortTag(String tag) {
    return tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag;
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.strip().replaceAll("\\s*\\n\\s*", " ");
  }

  private static ManifestException refused(String reason) {
    return new ManifestException(List.of(new Violation("manifest", reason)));
  }

  /**
   * YAML 1.1's implicit types narrowed to what a manifest needs: null, {@code true}/{@code false}
   * and plain decimal integers. No floats, timestamps, merge keys, octal, hex or sexagesimal
   * numbers, and no {@code yes}/{@code no}/{@code on}/{@code off} booleans.
   */
  private static final class PlainResolver extends Resolver {

    private static final Pattern BOOLEAN = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
    private static final Pattern INTEGER = Pattern.compile("^[-+]?(?:0|[1-9][0-9]*)$");

    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(Tag.BOOL, BOOLEAN, "tTfF");
      addImplicitResolver(Tag.INT, INTEGER, "-+0123456789");
      addImplicitResolver(Tag.NULL, NULL, "~nN\0");
      addImplicitResolver(Tag.NULL, EMPTY, null);
    }
  }
}
