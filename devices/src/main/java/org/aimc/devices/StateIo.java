package org.aimc.devices;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.util.Locale;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;

/**
 * Helpers for the binary checkpoint formats of the device arrays and the crossbar: big-endian
 * primitive arrays (the byte order of {@link DataOutput}, written in blocks rather than one call
 * per value), random-stream states and a fingerprint of a parameter record. Shared by
 * {@code devices} and {@code crossbar} so that both write the same encoding.
 */
public final class StateIo {
  /** Values per block of a bulk array write (64 KiB of doubles). */
  private static final int BLOCK = 8192;
  /** Upper bound of a random-stream state, bytes: anything longer is a corrupt stream. */
  private static final int MAX_RNG_STATE_BYTES = 1 << 16;

  private StateIo() {}

  /** Writes {@code a[0..a.length)} as big-endian doubles. */
  public static void writeDoubles(DataOutput out, double[] a) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(8 * Math.min(BLOCK, Math.max(1, a.length)));
    for (int i = 0; i < a.length; i += BLOCK) {
      int n = Math.min(BLOCK, a.length - i);
      buf.clear();
      buf.asDoubleBuffer().put(a, i, n);
      out.write(buf.array(), 0, 8 * n);
    }
  }

  /** Reads {@code a.length} big-endian doubles into {@code a}. */
  public static void readDoubles(DataInput in, double[] a) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(8 * Math.min(BLOCK, Math.max(1, a.length)));
    for (int i = 0; i < a.length; i += BLOCK) {
      int n = Math.min(BLOCK, a.length - i);
      in.readFully(buf.array(), 0, 8 * n);
      buf.clear();
      buf.asDoubleBuffer().get(a, i, n);
    }
  }

  /** Writes {@code a[0..a.length)} as big-endian floats. */
  public static void writeFloats(DataOutput out, float[] a) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(4 * Math.min(BLOCK, Math.max(1, a.length)));
    for (int i = 0; i < a.length; i += BLOCK) {
      int n = Math.min(BLOCK, a.length - i);
      buf.clear();
      buf.asFloatBuffer().put(a, i, n);
      out.write(buf.array(), 0, 4 * n);
    }
  }

  /** Reads {@code a.length} big-endian floats into {@code a}. */
  public static void readFloats(DataInput in, float[] a) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(4 * Math.min(BLOCK, Math.max(1, a.length)));
    for (int i = 0; i < a.length; i += BLOCK) {
      int n = Math.min(BLOCK, a.length - i);
      in.readFully(buf.array(), 0, 4 * n);
      buf.clear();
      buf.asFloatBuffer().get(a, i, n);
    }
  }

  /**
   * Writes a Commons RNG stream's state: its length in bytes, then the bytes of
   * {@code RandomProviderDefaultState.getState()} (which include the provider's cached int and
   * boolean bits).
   */
  public static void writeRng(DataOutput out, RestorableUniformRandomProvider rng) throws IOException {
    byte[] state = ((RandomProviderDefaultState) rng.saveState()).getState();
    out.writeInt(state.length);
    out.write(state);
  }

  /**
   * Reads a state written by {@link #writeRng}, without applying it (so that a caller can read the
   * rest of a checkpoint before it changes anything).
   *
   * @throws IOException if the length is implausible
   */
  public static byte[] readRngState(DataInput in, String what) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > MAX_RNG_STATE_BYTES) {
      throw new IOException(String.format(Locale.ROOT, "%s: corrupt random-stream state of %d bytes", what, n));
    }
    byte[] state = new byte[n];
    in.readFully(state);
    return state;
  }

  /**
   * Applies a state from {@link #readRngState}.
   *
   * @throws IOException if the state does not fit the provider's algorithm (wrong length)
   */
  public static void restoreRng(RestorableUniformRandomProvider rng, byte[] state, String what) throws IOException {
    try {
      rng.restoreState(new RandomProviderDefaultState(state));
    } catch (RuntimeException e) {
      throw new IOException(String.format(Locale.ROOT,
          "%s: a random-stream state of %d bytes does not fit the stream's algorithm (%s)", what, state.length,
          e.getMessage()), e);
    }
  }

  /**
   * A 64-bit fingerprint of a record of numbers (a parameter record): every component's value
   * (doubles by their bit pattern, other types by their string form), mixed in component order.
   * Two records with equal components give equal fingerprints on any JVM.
   */
  public static long fingerprint(Record r) {
    long h = 0x243F6A8885A308D3L;
    try {
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        Object v = c.getAccessor().invoke(r);
        long bits;
        if (v instanceof Double d) bits = Double.doubleToLongBits(d);
        else if (v instanceof Float f) bits = Float.floatToIntBits(f);
        else if (v instanceof Number num) bits = num.longValue();
        else if (v instanceof Boolean b) bits = b ? 1 : 0;
        else bits = String.valueOf(v).hashCode();
        h = mix(h ^ bits);
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read the components of " + r.getClass().getName(), e);
    }
    return h;
  }

  /** The header of a device array's state: format tag, device count, seed, parameter fingerprint. */
  static void writeHeader(DataOutput out, int tag, int count, long seed, long paramsFingerprint) throws IOException {
    out.writeInt(tag);
    out.writeInt(count);
    out.writeLong(seed);
    out.writeLong(paramsFingerprint);
  }

  /**
   * Reads and checks a header from {@link #writeHeader}: the state must be of this kind and format
   * version, for this many devices, this seed and these parameters, because the per-device draws it
   * does not contain are re-created from them.
   */
  static void readHeader(DataInput in, String kind, int tag, int count, long seed, long paramsFingerprint)
      throws IOException {
    int t = in.readInt();
    if (t != tag) {
      throw new IOException(String.format(Locale.ROOT,
          "not a %s state of this format (tag 0x%08x, expected 0x%08x)", kind, t, tag));
    }
    int c = in.readInt();
    long s = in.readLong();
    long f = in.readLong();
    if (c != count || s != seed) {
      throw new IOException(String.format(Locale.ROOT,
          "%s state of %d devices with seed %d does not fit this array of %d devices with seed %d"
              + " (restore into an array created with the checkpoint's parameters, count and seed)",
          kind, c, s, count, seed));
    }
    if (f != paramsFingerprint) {
      throw new IOException(String.format(Locale.ROOT,
          "%s state was written with other parameters (fingerprint %016x, this array's %016x)", kind, f,
          paramsFingerprint));
    }
  }

  /** SplitMix64's finaliser. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
