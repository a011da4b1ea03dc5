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
}
