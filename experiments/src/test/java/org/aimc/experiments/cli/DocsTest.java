package org.aimc.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Keeps the documentation true to the repository: every relative link (and its anchor) in
 * README.md and docs/*.md resolves, every {@code aimc} command they show parses with the command
 * line of this build, every script they show exists, and README.md stays short.
 *
 * <p>A command counts when it is a line of a fenced code block that starts with {@code ./aimc} or
 * {@code aimc}, or an inline code span that starts with {@code ./aimc}. It is not run: its
 * arguments are given to picocli with {@code --help} appended, which parses every subcommand,
 * option and option value and then prints the help, exit 0. A misspelt subcommand or option, or
 * a value of the wrong type, exits 2.
 */
class DocsTest {
  /** README.md's bound in bytes, as {@code wc -c} counts them. */
  static final int README_MAX_BYTES = 15_000;

  private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
  private static final Pattern INLINE_CODE = Pattern.compile("`([^`]+)`");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

  private static Path root() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("README.md"))) p = p.getParent();
    if (p == null) throw new IllegalStateException("README.md not found above " + Path.of("").toAbsolutePath());
    return p;
  }

  private static List<Path> pages() throws IOException {
    Path root = root();
    List<Path> pages = new ArrayList<>();
    pages.add(root.resolve("README.md"));
    try (Stream<Path> s = Files.list(root.resolve("docs"))) {
      s.filter(f -> f.getFileName().toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  @Test
  void readmeStaysShort() throws IOException {
    long bytes = Files.size(root().resolve("README.md"));
    assertTrue(bytes <= README_MAX_BYTES,
        "README.md is " + bytes + " bytes (wc -c), over its bound of " + README_MAX_BYTES
            + ": move detail to a page in docs/ and link to it");
  }

  @Test
  void everyRelativeLinkResolves() throws IOException {
    Path root = root();
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path page : pages()) {
      List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
      boolean fenced = false;
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.strip().startsWith("```")) {
          fenced = !fenced;
          continue;
        }
        if (fenced) continue;
        Matcher m = LINK.matcher(line);
        while (m.find()) {
          String target = m.group(1);
          if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) continue; // http:, https:, mailto:
          checked++;
          String file = target;
          String anchor = null;
          int hash = target.indexOf('#');
          if (hash >= 0) {
            file = target.substring(0, hash);
            anchor = target.substring(hash + 1);
          }
          Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
          String where = root.relativize(page) + ":" + (i + 1) + ": " + target;
          if (!resolved.startsWith(root) || !Files.exists(resolved)) {
            broken.add(where + " (no such file: " + root.relativize(resolved) + ")");
          } else if (anchor != null && !anchor.isEmpty() && resolved.toString().endsWith(".md")
              && !anchors(resolved).contains(anchor)) {
            broken.add(where + " (no heading with anchor #" + anchor + " in " + root.relativize(resolved) + ")");
          }
        }
      }
    }
    assertTrue(checked > 0, "no relative links found: is the pattern wrong?");
    assertTrue(broken.isEmpty(), broken.size() + " broken link(s):\n  " + String.join("\n  ", broken));
  }

  @Test
  void aMisspeltCommandIsCaught() {
    assertTrue(unparsed("reproduce", "mnist", "--quick", "--help") == null, "a correct command is refused");
    assertTrue(unparsed("reproduc", "mnist", "--help") != null, "a misspelt subcommand passes");
    assertTrue(unparsed("reproduce", "mnist", "--quik", "--help") != null, "a misspelt option passes");
    assertTrue(unparsed("reproduce", "mnist", "--seeds", "abc", "--help") != null, "a bad option value passes");
  }

  @Test
  void everyCommandShownParses() throws IOException {
    Path root = root();
    List<String> failures = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Path page : pages()) {
      for (Shown c : commands(page)) {
        String where = root.relativize(page) + ":" + c.line;
        if (c.script != null) {
          if (!Files.isRegularFile(root.resolve(c.script))) failures.add(where + ": " + c.script + " does not exist");
          continue;
        }
        if (!seen.add(String.join(" ", c.args))) continue;
        List<String> args = new ArrayList<>(c.args);
        if (!args.contains("--help") && !args.contains("-h")) args.add("--help");
        String[] argv = args.toArray(String[]::new);
        String problem = unparsed(argv);
        CliRunner r = CliRunner.run(argv);
        if (problem != null) {
          failures.add(where + ": aimc " + String.join(" ", c.args) + ": " + problem);
        } else if (r.exitCode() != 0) {
          failures.add(where + ": aimc " + String.join(" ", c.args) + " --help exited " + r.exitCode() + ": " + r.err().strip());
        }
      }
    }
    assertTrue(seen.size() > 5, "found only " + seen.size() + " commands: is the extraction wrong?");
    assertTrue(failures.isEmpty(), failures.size() + " command(s) shown in the docs do not parse:\n  " + String.join("\n  ", failures));
  }

  /**
   * Why picocli does not accept these arguments, or null. With {@code --help} among them picocli
   * prints the help and exits 0 even when a word is not recognised (a misspelt subcommand or
   * option), so the words it could not match are looked up in the parse result of every level.
   */
  static String unparsed(String... argv) {
    try {
      for (ParseResult p = Aimc.commandLine().parseArgs(argv); p != null; p = p.subcommand()) {
        if (!p.unmatched().isEmpty()) {
          return "'" + String.join(" ", p.unmatched()) + "' is not an option or subcommand of '"
              + p.commandSpec().qualifiedName(" ") + "'";
        }
      }
      return null;
    } catch (ParameterException e) {
      return e.getMessage();
    }
  }

  /** A command shown in a page: aimc's arguments, or a script of the repository that it runs. */
  record Shown(int line, List<String> args, String script) {}

  static List<Shown> commands(Path page) throws IOException {
    List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
    List<Shown> out = new ArrayList<>();
    boolean fenced = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.strip().startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      if (fenced) {
        StringBuilder cmd = new StringBuilder(line.strip());
        int first = i;
        while (cmd.toString().endsWith("\\") && i + 1 < lines.size()) {
          cmd.setLength(cmd.length() - 1);
          cmd.append(' ').append(lines.get(++i).strip());
        }
        Shown s = parse(first + 1, cmd.toString(), true);
        if (s != null) out.add(s);
      } else {
        Matcher m = INLINE_CODE.matcher(line);
        while (m.find()) {
          if (m.group(1).startsWith("./aimc ")) {
            Shown s = parse(i + 1, m.group(1), false);
            if (s != null) out.add(s);
          }
        }
      }
    }
    return out;
  }

  private static Shown parse(int line, String text, boolean block) {
    String t = text.strip();
    int comment = t.indexOf(" #");
    if (comment >= 0) t = t.substring(0, comment).strip();
    for (String stop : new String[] {" > ", " | ", " && ", " >> "}) {
      int k = t.indexOf(stop);
      if (k >= 0) t = t.substring(0, k).strip();
    }
    List<String> words = split(t);
    if (words.isEmpty()) return null;
    String head = words.get(0);
    if (head.equals("./aimc") || (block && head.equals("aimc"))) {
      return new Shown(line, words.subList(1, words.size()), null);
    }
    if (block && !head.endsWith("/") && (head.startsWith("sweeps/") || head.startsWith("notebooks/") || head.startsWith(".ci/"))) {
      return new Shown(line, List.of(), head);
    }
    return null;
  }

  /** Words, as a shell splits them when only plain single and double quotes are used. */
  private static List<String> split(String s) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (char ch : s.toCharArray()) {
      if (quote != 0) {
        if (ch == quote) quote = 0;
        else w.append(ch);
      } else if (ch == '\'' || ch == '"') {
        quote = ch;
        inWord = true;
      } else if (Character.isWhitespace(ch)) {
        if (inWord) words.add(w.toString());
        w.setLength(0);
        inWord = false;
      } else {
        w.append(ch);
        inWord = true;
      }
    }
    if (inWord) words.add(w.toString());
    return words;
  }

  /** The anchors GitHub gives the headings of a Markdown file. */
  static Set<String> anchors(Path md) throws IOException {
    Set<String> out = new HashSet<>();
    boolean fenced = false;
    for (String line : Files.readAllLines(md, StandardCharsets.UTF_8)) {
      if (line.strip().startsWith("```")) fenced = !fenced;
      if (fenced) continue;
      Matcher m = HEADING.matcher(line);
      if (!m.matches()) continue;
      String slug = m.group(1).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
      String s = slug;
      for (int n = 1; !out.add(s); n++) s = slug + "-" + n;
    }
    return out;
  }
}
