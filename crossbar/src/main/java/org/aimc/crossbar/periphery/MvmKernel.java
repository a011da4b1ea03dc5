package org.aimc.crossbar.periphery;

/**
 * The hot loop of the emulator: dense matrix-vector products on a row-major {@code float[]}.
 *
 * <p>A matrix {@code w} of {@code rows × cols} starts at {@code w[wOff]}; element (i, j) is
 * {@code w[wOff + i·cols + j]}. Every method checks the shapes once per call and throws an
 * {@link IllegalArgumentException} naming them. Implementations are stateless and thread-safe; they
 * differ only in the order of the additions (and the use of fused multiply-add), so their results
 * agree to float rounding, not bit for bit. The kernel in use is recorded in every run's provenance.
 */
public interface MvmKernel {

  /** A short name for provenance: {@code "scalar"} or {@code "vector-<bits>"}. */
  String name();

  /** {@code y[yOff + i] = Σ_j w(i, j)·x[xOff + j]} for {@code i < rows}; overwrites y. */
  void gemv(float[] w, int wOff, int rows, int cols, float[] x, int xOff, float[] y, int yOff);

  /**
   * {@link #gemv} of {@code count} vectors: {@code x_b} from {@code xOff + b·cols} and {@code y_b}
   * from {@code yOff + b·rows}, {@code b < count}. The same bits as {@code count} gemv calls (each
   * output summed in the same order); a kernel may reorder its loops so that a block of w serves
   * every vector while it is in the cache.
   */
  default void gemvBatch(float[] w, int wOff, int rows, int cols, float[] x, int xOff, float[] y, int yOff, int count) {
    for (int b = 0; b < count; b++) gemv(w, wOff, rows, cols, x, xOff + b * cols, y, yOff + b * rows);
  }

  /** {@code z[zOff + j] = Σ_i w(i, j)·d[dOff + i]} for {@code j < cols}; overwrites z. */
  void gemvTransposed(float[] w, int wOff, int rows, int cols, float[] d, int dOff, float[] z, int zOff);

  /** In place: {@code w(i, j) += alpha·a[aOff + i]·b[bOff + j]} (the rank-1 update, BLAS "ger"). */
  void ger(float[] w, int wOff, int rows, int cols, float alpha, float[] a, int aOff, float[] b, int bOff);
}
