package org.aimc.config;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 31: YAML that would be read as something else than it says is refused with the file and line. */
class YamlDocTest {
  @TempDir Path dir;

  private IllegalArgumentException refused(String text) throws Exception {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, text);
    return assertThrows(IllegalArgumentException.class, () -> YamlDoc.read(f));
  }

  @Test
  void anAliasIsRefusedNotReadAsItsName() throws Exception {
    IllegalArgumentException e = refused("name: &tech x\nlr: &lr 0.02\ndecay: *lr\n");
    assertTrue(e.getMessage().endsWith("c.yaml:3: '*lr' is a YAML alias, which aimc does not read (it would be taken as the text 'lr');"
        + " write the value out in full"), e.getMessage());
  }

  @Test
  void aKeyGivenTwiceIsRefused() throws Exception {
    IllegalArgumentException e = refused("a: 1\nb:\n  c: 2\n  c: 3\n");
    assertTrue(e.getMessage().endsWith("c.yaml:4: key 'c' is given twice in one mapping (first on line 3); keep one of them"), e.getMessage());
    // The same key in two different mappings, or in items of a list, is no repetition.
    Path ok = dir.resolve("ok.yaml");
    Files.writeString(ok, "a:\n  c: 1\nb:\n  c: 2\nl:\n  - {k: 1}\n  - {k: 2}\n");
    assertEquals(2, YamlDoc.read(ok).root().at("/b/c").asInt());
  }

  @Test
  void aSecondDocumentIsRefused() throws Exception {
    IllegalArgumentException e = refused("---\na: 1\n---\na: 2\n");
    assertTrue(e.getMessage().contains("c.yaml:4: a second YAML document (after '---')"), e.getMessage());
  }

  @Test
  void yamlsOwnInfinityAndNanAreNumbers() throws Exception {
    Path f = dir.resolve("inf.yaml");
    Files.writeString(f, "a: .inf\nb: -.Inf\nc: .nan\nd: +.INF\ne: 0.5\n");
    YamlDoc d = YamlDoc.read(f);
    assertEquals(Double.POSITIVE_INFINITY, d.root().get("a").doubleValue());
    assertEquals(Double.NEGATIVE_INFINITY, d.root().get("b").doubleValue());
    assertTrue(Double.isNaN(d.root().get("c").doubleValue()));
    assertEquals(Double.POSITIVE_INFINITY, d.root().get("d").doubleValue());
    assertEquals(0.5, d.root().get("e").doubleValue());
    assertEquals("Infinity", YamlDoc.text(d.root().get("a")));
  }

  /** Issue 31: a file far larger than any configuration is refused by its size, before it is parsed. */
  @Test
  void aHugeFileIsRefusedByItsSizeFirst() throws Exception {
    Path f = dir.resolve("big.yaml");
    try (java.io.RandomAccessFile r = new java.io.RandomAccessFile(f.toFile(), "rw")) {
      r.setLength(200L << 20); // sparse
    }
    long start = System.nanoTime();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> YamlDoc.read(f));
    assertTrue(e.getMessage().contains("big.yaml: 209,715,200 bytes; a configuration or sweep spec is a few kilobytes"), e.getMessage());
    assertTrue(System.nanoTime() - start < 1e9);
  }
}
