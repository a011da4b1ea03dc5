package org.aimc.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
  @TempDir Path dir;

  @Test
  void float32MatrixRoundTrips() {
    float[] v = {0f, 1.5f, -2.25f, 3e-7f, 1e30f, -0f};
    Npy.writeFloat32(dir.resolve("x.npy"), v, 2, 3);
    Npy.Array a = Npy.read(dir.resolve("x.npy"));
    assertEquals("<f4", a.dtype());
    assertArrayEquals(new int[] {2, 3}, a.shape());
    assertEquals(2, a.rows());
    assertEquals(3, a.columns());
    for (int i = 0; i < v.length; i++) assertEquals(v[i], (float) a.values()[i]);
  }

  @Test
  void headerIsPaddedTo64BytesAsNumpyWritesIt() throws Exception {
    Npy.writeInt32(dir.resolve("y.npy"), new int[] {3, 1, 4});
    byte[] b = Files.readAllBytes(dir.resolve("y.npy"));
    int headerLen = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
    assertEquals(0, (10 + headerLen) % 64);
    assertEquals('\n', b[10 + headerLen - 1]);
    assertEquals(10 + headerLen + 12, b.length);
    assertArrayEquals(new double[] {3, 1, 4}, Npy.read(dir.resolve("y.npy")).values());
  }

  @Test
  void readsInt64AndUint8AndFloat64() {
    ByteBuffer i8 = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(7).putLong(99);
    Npy.write(dir.resolve("a.npy"), "<i8", "(2,)", i8.array());
    assertArrayEquals(new double[] {7, 99}, Npy.read(dir.resolve("a.npy")).values());
    Npy.write(dir.resolve("b.npy"), "|u1", "(3,)", new byte[] {0, (byte) 200, 9});
    assertArrayEquals(new double[] {0, 200, 9}, Npy.read(dir.resolve("b.npy")).values());
    ByteBuffer f8 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.125);
    Npy.write(dir.resolve("c.npy"), "<f8", "(1, 1)", f8.array());
    assertArrayEquals(new double[] {0.125}, Npy.read(dir.resolve("c.npy")).values());
  }

  @Test
  void rejectsWhatItCannotReadWithTheFileAndTheReason() throws Exception {
    Files.write(dir.resolve("text.npy"), "hello world, not numpy".getBytes());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Npy.read(dir.resolve("text.npy"))).getMessage().contains("not a NumPy"));
    Npy.write(dir.resolve("big.npy"), ">f4", "(1,)", new byte[4]);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Npy.read(dir.resolve("big.npy"))).getMessage().contains("'>f4'"));
    Npy.write(dir.resolve("short.npy"), "<f4", "(2, 2)", new byte[12]);
    String m = assertThrows(IllegalArgumentException.class, () -> Npy.read(dir.resolve("short.npy"))).getMessage();
    assertTrue(m.contains("short.npy") && m.contains("truncated"), m);
    Npy.write(dir.resolve("cube.npy"), "<f4", "(1, 1, 1)", new byte[4]);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Npy.read(dir.resolve("cube.npy"))).getMessage().contains("3 dimensions"));
  }

  /** A .npy file with exactly this header text and data length (tests of damaged headers). */
  private Path raw(String name, int major, String header, long dataBytes) throws Exception {
    Path f = dir.resolve(name);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
    byte[] h = header.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    if (major == 1) out.write(new byte[] {(byte) h.length, (byte) (h.length >>> 8)});
    else out.write(java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(h.length).array());
    out.write(h);
    Files.write(f, out.toByteArray());
    try (java.io.RandomAccessFile r = new java.io.RandomAccessFile(f.toFile(), "rw")) {
      r.setLength(r.length() + dataBytes); // sparse: no disk used
    }
    return f;
  }

  private static String message(Path f) {
    return assertThrows(RuntimeException.class, () -> Npy.read(f)).getMessage();
  }

  /** Issue 31: a v2 header claiming 2 GB is a damaged header, not an int overflow. */
  @Test
  void aHeaderClaimingGigabytesIsRefusedWithLongArithmetic() throws Exception {
    Path f = dir.resolve("v2.npy");
    Files.write(f, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, '{', '}'});
    String m = message(f);
    assertTrue(m.contains("v2.npy: the header claims 2,147,483,647 bytes (NumPy writes a few hundred)"), m);
    Files.write(f, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, '{', '}'});
    assertTrue(message(f).contains("the header claims 4,294,967,295 bytes"), message(f));
  }

  /** Issue 31: negative dimensions and structured dtypes are named as what they are. */
  @Test
  void negativeDimensionsAndStructuredDtypesAreRefusedClearly() throws Exception {
    String m = message(raw("neg.npy", 1, "{'descr': '<f4', 'fortran_order': False, 'shape': (-2, 3), }\n", 0));
    assertTrue(m.contains("neg.npy: shape [-2, 3] has a negative dimension"), m);
    m = message(raw("rec.npy", 1, "{'descr': [('x', '<f4'), ('y', '<i4')], 'fortran_order': False, 'shape': (2,), }\n", 16));
    assertTrue(m.contains("rec.npy: a structured dtype (named fields, a record array)") && m.contains("astype(numpy.float32)"), m);
    m = message(raw("wide.npy", 1, "{'descr': '<f4', 'fortran_order': False, 'shape': (3000000000, 1000), }\n", 0));
    assertTrue(m.contains("dimension 3,000,000,000 is larger than aimc reads"), m);
    m = message(raw("over.npy", 1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2147483647, 2147483647), }\n", 0));
    assertTrue(m.contains("overflows"), m);
  }

  /** Issue 31: a file larger than the memory Java may use says so, with the option that gives it more. */
  @Test
  void aFileBeyondTheHeapNamesTheJavaOption() throws Exception {
    long count = Integer.MAX_VALUE - 16L;
    org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() < 4 * count, "this JVM could hold it");
    Path f = raw("huge.npy", 1, "{'descr': '<f4', 'fortran_order': False, 'shape': (" + count + ",), }\n", 4 * count);
    RuntimeException e = assertThrows(RuntimeException.class, () -> Npy.read(f));
    assertTrue(e.getMessage().contains("huge.npy: 2,147,483,631 values need 8.6 GB of memory") && e.getMessage().contains("AIMC_JAVA_OPTS=-Xmx"),
        e.getMessage());
  }
}
