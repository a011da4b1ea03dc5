import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Stand-alone measurement for the tile's forward pass: a 784×250 product on real MNIST digits, the tile
 * kernel's way (output-major weights, blocks of 8 inputs that hold a nonzero, four outputs at a time,
 * lanes reduced in order) against an input-major copy of the weights (each nonzero input's row added
 * into the accumulator of its index's residue mod 8, then the eight accumulators added in order): the
 * same sums in the same order, so the same bits, reading only the nonzero inputs' rows. It checks the
 * bits on every output, then times both (thread CPU time) with 4 MB of other data touched between
 * products, as training's update does.
 *
 * <p>Run from the repository root, MNIST fetched ({@code ./aimc data fetch mnist}):
 * {@code java --add-modules jdk.incubator.vector experiments/bench/InputMajorGemv.java}
 */
public class InputMajorGemv {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
  static final int L = 8;

  /** The tile kernel's path (VectorMvmKernel.gemvBatch with one sparse vector). */
  static void outputMajor(float[] w, int rows, int cols, float[] x, float[] y, int[] off) {
    int blocks = S.loopBound(cols) / L;
    int n = 0;
    for (int k = 0; k < blocks; k++) {
      off[n] = k * L;
      n += FloatVector.fromArray(S, x, k * L).compare(VectorOperators.NE, 0f).anyTrue() ? 1 : 0;
    }
    for (int i = 0; i + 3 < rows; i += 4) {
      int b0 = i * cols, b1 = b0 + cols, b2 = b1 + cols, b3 = b2 + cols;
      FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S), a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
      for (int k = 0; k < n; k++) {
        int j = off[k];
        FloatVector xv = FloatVector.fromArray(S, x, j);
        a0 = FloatVector.fromArray(S, w, b0 + j).fma(xv, a0);
        a1 = FloatVector.fromArray(S, w, b1 + j).fma(xv, a1);
        a2 = FloatVector.fromArray(S, w, b2 + j).fma(xv, a2);
        a3 = FloatVector.fromArray(S, w, b3 + j).fma(xv, a3);
      }
      y[i] = a0.reduceLanes(VectorOperators.ADD);
      y[i + 1] = a1.reduceLanes(VectorOperators.ADD);
      y[i + 2] = a2.reduceLanes(VectorOperators.ADD);
      y[i + 3] = a3.reduceLanes(VectorOperators.ADD);
    }
    for (int i = rows & ~3; i < rows; i++) {
      FloatVector a0 = FloatVector.zero(S);
      for (int k = 0; k < n; k++) a0 = FloatVector.fromArray(S, w, i * cols + off[k]).fma(FloatVector.fromArray(S, x, off[k]), a0);
      y[i] = a0.reduceLanes(VectorOperators.ADD);
    }
  }

  /**
   * Input-major: lane l of the output-major kernel sums the inputs ≡ l (mod 8) in ascending order;
   * here accumulator l does the same, skipping zero inputs (an accumulator that starts at +0 is never
   * −0, so adding w·0 changes nothing), and the accumulators are added in lane order. For a number of
   * inputs that is a multiple of 8 (784): the tile kernel adds the inputs past its last block after the
   * lanes, by a separate multiply and add, and a copy for other shapes must do the same.
   */
  static void inputMajor(float[] wi, int rows, int cols, float[] x, float[] y, float[] acc) {
    Arrays.fill(acc, 0f);
    int stride = acc.length / L;
    int vb = S.loopBound(rows);
    for (int i = 0; i < cols; i++) {
      float xi = x[i];
      if (xi == 0f) continue;
      int a = (i & 7) * stride;
      int b = i * rows;
      FloatVector xv = FloatVector.broadcast(S, xi);
      for (int o = 0; o < vb; o += L) FloatVector.fromArray(S, wi, b + o).fma(xv, FloatVector.fromArray(S, acc, a + o)).intoArray(acc, a + o);
      for (int o = vb; o < rows; o++) acc[a + o] = Math.fma(wi[b + o], xi, acc[a + o]);
    }
    for (int o = 0; o < vb; o += L) {
      FloatVector s = FloatVector.fromArray(S, acc, o);
      for (int l = 1; l < L; l++) s = s.add(FloatVector.fromArray(S, acc, l * stride + o));
      s.intoArray(y, o);
    }
    for (int o = vb; o < rows; o++) {
      float s = acc[o];
      for (int l = 1; l < L; l++) s += acc[l * stride + o];
      y[o] = s;
    }
  }

  public static void main(String[] args) throws Exception {
    byte[] img = Files.readAllBytes(Path.of(System.getProperty("user.home"), ".aimc/data/mnist/train-images-idx3-ubyte"));
    int n = 4000, cols = 784, rows = 250;
    float[][] xs = new float[n][cols];
    for (int k = 0; k < n; k++) for (int i = 0; i < cols; i++) xs[k][i] = (img[16 + k * cols + i] & 0xFF) / 255f;
    Random r = new Random(3);
    float[] w = new float[rows * cols];
    float[] wi = new float[rows * cols];
    for (int o = 0; o < rows; o++) {
      for (int i = 0; i < cols; i++) {
        float v = (r.nextFloat() - 0.5f) * 0.2f;
        w[o * cols + i] = v;
        wi[i * rows + o] = v;
      }
    }
    float[] ya = new float[rows], yb = new float[rows], acc = new float[L * 256];
    int[] off = new int[cols];
    long differ = 0;
    for (int k = 0; k < n; k++) {
      outputMajor(w, rows, cols, xs[k], ya, off);
      inputMajor(wi, rows, cols, xs[k], yb, acc);
      for (int o = 0; o < rows; o++) if (Float.floatToRawIntBits(ya[o]) != Float.floatToRawIntBits(yb[o])) differ++;
    }
    System.out.println("outputs whose bits differ: " + differ + " of " + (long) n * rows);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    float[] other = new float[1 << 20];
    for (int rep = 0; rep < 6; rep++) {
      for (int v = 0; v < 2; v++) {
        long t = 0;
        for (int k = 0; k < n; k++) {
          for (int j = 0; j < other.length; j += 16) other[j] += 1f;
          long c0 = mx.getCurrentThreadCpuTime();
          if (v == 0) outputMajor(w, rows, cols, xs[k], ya, off);
          else inputMajor(wi, rows, cols, xs[k], yb, acc);
          t += mx.getCurrentThreadCpuTime() - c0;
        }
        if (rep >= 2) System.out.printf("%s %.2f µs per product%n", v == 0 ? "output-major, blocks" : "input-major, rows   ", t / 1e3 / n);
      }
    }
  }
}
