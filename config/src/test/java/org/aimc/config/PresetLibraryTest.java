package org.aimc.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Presets as data: resolution, inheritance, references between kinds, user files, and every bad file refused with its line. */
class PresetLibraryTest {
  /** A test record with a range check, as the device records have. */
  record Cell(double gMicroS, int pulses, Inner inner) {
    Cell {
      if (!(gMicroS >= 0 && gMicroS <= 100)) throw new IllegalArgumentException("gMicroS = " + gMicroS + " is outside [0, 100] µS");
    }
  }

  record Inner(double tauSeconds, String label) {}

  record Array(Cell cell, int rows) {}

  static final PresetLibrary<Cell> CELLS = new PresetLibrary<>("cell", "cell preset", Cell.class, PresetLibraryTest.class, List.of(), Map.of());
  static final PresetLibrary<Array> ARRAYS =
      new PresetLibrary<>("array", "array preset", Array.class, PresetLibraryTest.class, List.of(), Map.of(Cell.class, CELLS));

  @TempDir Path user;

  @AfterEach
  void back() {
    PresetLibrary.useUserFolder(null);
  }

  @Test
  void resolvesABaseAnExtensionAndAReferenceWithSourcesAndUnits() {
    PresetLibrary.useUserFolder(user);
    var base = CELLS.get("base");
    assertEquals(new Cell(10.0, 4, new Inner(0.015, "first")), base.value());
    assertEquals("(paper) the base value", base.sources().get("gMicroS"));
    assertEquals("µS", base.units().get("gMicroS"));
    assertEquals("built-in", base.origin());
    var child = CELLS.get("CHILD");
    assertEquals(new Cell(20.0, 4, new Inner(0.015, "first")), child.value());
    assertEquals("assumed: twice the base", child.sources().get("gMicroS"));
    assertEquals("µS", child.units().get("gMicroS"), "the unit is inherited");
    assertEquals(List.of("gMicroS", "pulses", "inner.tauSeconds", "inner.label"), List.copyOf(child.sources().keySet()), "the base's order");
    var array = ARRAYS.get("small");
    assertEquals(new Array(new Cell(20.0, 4, new Inner(0.015, "in-array")), 8), array.value());
    assertEquals("assumed: 15 ms", array.sources().get("cell.inner.tauSeconds"));
    assertTrue(array.sources().get("cell").startsWith("cell preset child"));
  }

  @Test
  void findsAndListsTheUsersFilesByName() throws Exception {
    PresetLibrary.useUserFolder(user);
    write("mine.yaml", "kind: cell\nname: mine\ndescription: my cell\nextends: child\nset:\n  pulses: {value: 9, source: \"measured on my wafer\"}\n");
    write("other-kind.yaml", "kind: array\nname: other-kind\ndescription: not a cell\nextends: small\nset: {}\n");
    assertEquals(List.of("base", "child", "mine"), CELLS.names());
    var mine = CELLS.get("mine");
    assertEquals(9, mine.value().pulses());
    assertEquals(20.0, mine.value().gMicroS());
    assertEquals(user.resolve("mine.yaml").toString(), mine.origin());
    assertEquals(List.of("small", "other-kind"), ARRAYS.names());
  }

  @Test
  void badFilesNameTheirFileAndLine() throws Exception {
    PresetLibrary.useUserFolder(user);
    assertBad("unknown-key.yaml", "kind: cell\nname: unknown-key\ndescription: x\nextends: base\nset:\n  gMicroS: {value: 1, source: a}\n  colour: {value: red, source: a}\n",
        ":7: unknown key 'colour'", "allowed keys here: gMicroS, pulses, inner");
    assertBad("range.yaml", "kind: cell\nname: range\ndescription: x\nextends: base\nset:\n  gMicroS: {value: 1000, source: a}\n", ":6: gMicroS = 1000.0 is outside");
    assertBad("no-source.yaml", "kind: cell\nname: no-source\ndescription: x\nextends: base\nset:\n  pulses: {value: 2}\n", ":6: 'pulses' has no source");
    assertBad("no-unit.yaml", "kind: cell\nname: no-unit\ndescription: x\nset:\n  gMicroS: {value: 1, source: a}\n  pulses: {value: 2, unit: pulses, source: a}\n"
        + "  inner: {tauSeconds: {value: 1, unit: s, source: a}, label: {value: l, source: a}}\n", ":5: 'gMicroS' has no unit");
    assertBad("missing.yaml", "kind: cell\nname: missing\ndescription: x\nset:\n  gMicroS: {value: 1, unit: µS, source: a}\n", "missing key 'pulses'");
    assertBad("bare.yaml", "kind: cell\nname: bare\ndescription: x\nextends: base\nset:\n  pulses: 3\n", ":6: 'pulses' needs {value: …, unit: …, source: …}");
    assertBad("top.yaml", "kind: cell\nname: top\ndescription: x\nextends: base\nsets: {}\n", ":5: unknown key 'sets'");
    assertBad("group.yaml", "kind: cell\nname: group\ndescription: x\nextends: base\nset:\n  inner: {value: 3, source: a}\n", "'inner' is a group");
    assertBad("wrong-name.yaml", "kind: cell\nname: other\ndescription: x\nextends: base\n", ":2: name is 'other'");
    assertBad("not-number.yaml", "kind: cell\nname: not-number\ndescription: x\nextends: base\nset:\n  pulses: {value: many, source: a}\n", ":6: value 'many' for key 'pulses'");
    write("a.yaml", "kind: cell\nname: a\ndescription: x\nextends: b\n");
    write("b.yaml", "kind: cell\nname: b\ndescription: x\nextends: a\n");
    var e = assertThrows(IllegalArgumentException.class, () -> CELLS.get("a"));
    assertTrue(e.getMessage().contains("b.yaml:4: 'extends' makes a cycle: a → b → a"), e.getMessage());
  }

  @Test
  void aUserFileMayNotShadowABuiltInOne() throws Exception {
    PresetLibrary.useUserFolder(user);
    write("base.yaml", "kind: cell\nname: base\ndescription: x\nextends: child\n");
    var e = assertThrows(IllegalArgumentException.class, () -> CELLS.get("mine"));
    assertTrue(e.getMessage().contains("has the name of the built-in cell preset 'base'"), e.getMessage());
  }

  @Test
  void anUnknownNameListsTheAllowedOnes() {
    PresetLibrary.useUserFolder(user);
    var e = assertThrows(IllegalArgumentException.class, () -> CELLS.get("nope"));
    assertTrue(e.getMessage().contains("unknown cell preset 'nope'; allowed: base, child"), e.getMessage());
  }

  private void write(String name, String text) throws Exception {
    Files.writeString(user.resolve(name), text);
  }

  private void assertBad(String file, String text, String... expected) throws Exception {
    write(file, text);
    String name = file.replace(".yaml", "");
    var e = assertThrows(IllegalArgumentException.class, () -> CELLS.get(name), file);
    for (String x : expected) assertTrue(e.getMessage().contains(x), file + ": " + e.getMessage());
    assertTrue(e.getMessage().startsWith(user.resolve(file).toString()), "names the file: " + e.getMessage());
    Files.delete(user.resolve(file));
  }
}
