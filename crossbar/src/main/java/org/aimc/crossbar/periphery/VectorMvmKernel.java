package org.aimc.crossbar.periphery;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernel ({@code jdk.incubator.vector} on Java 17), in the pattern of jvector's
 * {@code PanamaVectorUtilSupport}: loop to {@code loopBound(n)} with fused multiply-add
 * accumulators, reduce the lanes, finish the tail in scalar code. {@link #gemv} works on four
 * matrix rows at a time so that each load of x feeds four accumulators, and skips the blocks of x
 * that are all zero (a sparse input, e.g. an MNIST digit's background; the same bits); {@link #gemvTransposed}
 * adds four scaled rows per pass so that z is loaded and stored a quarter as often.
 *
 * <p>Loaded only through {@link MvmKernels}, which falls back to {@link ScalarMvmKernel} when the
 * module is not present at run time.
 */
final class VectorMvmKernel implements MvmKernel {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();

  VectorMvmKernel() {}

  @Override
  public String name() {
    return "vector-" + SPECIES.vectorBitSize();
  }

  @Override
  public void gemv(float[] w, int wOff, int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
    gemvBatch(w, wOff, rows, cols, x, xOff, y, yOff, 1);
  }

  /**
   * Four rows of w at a time against every vector, so that the rows (4·cols floats: 12.5 kB for 784
   * inputs) stay in L1 while the vectors pass; each output is summed by the same code as in
   * {@link #gemv}, so the bits are the same.
   */
  @Override
  public void gemvBatch(float[] w, int wOff, int rows, int cols, float[] x, int xOff, float[] y, int yOff, int count) {
    gemvBatch(w, wOff, rows, cols, x, xOff, y, yOff, count, true);
  }

  /** {@link #gemvBatch}, skipping x's zero blocks only if {@code skipZeroBlocks} (for the test that it changes no bit). */
  void gemvBatch(float[] w, int wOff, int rows, int cols, float[] x, int xOff, float[] y, int yOff, int count,
      boolean skipZeroBlocks) {
    if (count < 0) throw new IllegalArgumentException("count = " + count + " is negative");
    if (count == 0) return;
    MvmKernels.checkGemv(w, wOff, rows, cols, x, xOff, y, yOff);
    MvmKernels.checkGemv(w, wOff, rows, cols, x, xOff + (count - 1) * cols, y, yOff + (count - 1) * rows);
    int blocks = SPECIES.loopBound(cols) / LANES;
    // Each vector's block offsets, vector b's from b·blocks, its count in visits[b].
    int[][] scratch = SCRATCH.get();
    if (scratch[0].length < count * blocks) scratch[0] = new int[count * blocks];
    if (scratch[1].length < count) scratch[1] = new int[count];
    int[] offsets = scratch[0];
    int[] visits = scratch[1];
    for (int b = 0; b < count; b++) visits[b] = blockOffsets(x, xOff + b * cols, blocks, skipZeroBlocks, offsets, b * blocks);
    // A dense vector takes the plain counted loop: the offsets' indirection costs it a fifth.
    int i = 0;
    for (; i + 3 < rows; i += 4) {
      for (int b = 0; b < count; b++) {
        if (visits[b] == blocks) quad(w, wOff + i * cols, cols, x, xOff + b * cols, y, yOff + b * rows + i);
        else quadSparse(w, wOff + i * cols, cols, x, xOff + b * cols, y, yOff + b * rows + i, offsets, b * blocks, visits[b]);
      }
    }
    for (; i < rows; i++) {
      for (int b = 0; b < count; b++) {
        if (visits[b] == blocks) row(w, wOff + i * cols, cols, x, xOff + b * cols, y, yOff + b * rows + i);
        else rowSparse(w, wOff + i * cols, cols, x, xOff + b * cols, y, yOff + b * rows + i, offsets, b * blocks, visits[b]);
      }
    }
  }

  /** Per thread: scratch of {@link #gemvBatch}, the block offsets of its vectors and their counts (grown as needed). */
  private static final ThreadLocal<int[][]> SCRATCH = ThreadLocal.withInitial(() -> new int[][] {new int[0], new int[0]});

  /**
   * Writes to {@code out[from ..]} the offsets of the blocks of {@code LANES} elements of x (the first
   * {@code blocks}) that hold a non-zero, ascending, and returns how many; returns {@code blocks}
   * (all: the dense loop, offsets not needed) when more than 3/4 do or without {@code skipZeroBlocks}.
   *
   * <p>Why: MNIST's pixels are 82 % zeros and 61 % of these blocks are all zero. A zero block adds
   * nothing to a lane's accumulator that is +0 or non-zero (w·0 is ±0, and +0 + −0 = +0), so for
   * finite weights skipping it leaves every output's bits as they were, except where a product
   * underflows to −0 (below 2⁻¹⁵⁰), which a later zero block would have turned into +0; the first
   * matrix is then read only where the input is not zero.
   */
  private static int blockOffsets(float[] x, int xOff, int blocks, boolean skipZeroBlocks, int[] out, int from) {
    if (!skipZeroBlocks) return blocks;
    int n = 0;
    for (int k = 0; k < blocks; k++) {
      int j = k * LANES;
      out[from + n] = j;
      n += FloatVector.fromArray(SPECIES, x, xOff + j).compare(VectorOperators.NE, 0f).anyTrue() ? 1 : 0;
    }
    return 4 * n > 3 * blocks ? blocks : n;
  }

  /** y[yi .. yi + 4) = the four rows of w from b0 against x. */
  private static void quad(float[] w, int b0, int cols, float[] x, int xOff, float[] y, int yi) {
    int bound = SPECIES.loopBound(cols);
    int b1 = b0 + cols;
    int b2 = b1 + cols;
    int b3 = b2 + cols;
    FloatVector a0 = FloatVector.zero(SPECIES);
    FloatVector a1 = FloatVector.zero(SPECIES);
    FloatVector a2 = FloatVector.zero(SPECIES);
    FloatVector a3 = FloatVector.zero(SPECIES);
    for (int j = 0; j < bound; j += LANES) {
      FloatVector xv = FloatVector.fromArray(SPECIES, x, xOff + j);
      a0 = FloatVector.fromArray(SPECIES, w, b0 + j).fma(xv, a0);
      a1 = FloatVector.fromArray(SPECIES, w, b1 + j).fma(xv, a1);
      a2 = FloatVector.fromArray(SPECIES, w, b2 + j).fma(xv, a2);
      a3 = FloatVector.fromArray(SPECIES, w, b3 + j).fma(xv, a3);
    }
    quadTail(w, b0, cols, x, xOff, y, yi, a0.reduceLanes(VectorOperators.ADD), a1.reduceLanes(VectorOperators.ADD),
        a2.reduceLanes(VectorOperators.ADD), a3.reduceLanes(VectorOperators.ADD));
  }

  /**
   * {@link #quad} over the {@code visits} blocks of x at {@code offsets[from ..]} only. A method of its
   * own, not a branch in {@link #quad}: with both loops in one method C2 boxed the vectors (784×250 took
   * 170 µs instead of 18), so the two repeat their set-up.
   */
  private static void quadSparse(float[] w, int b0, int cols, float[] x, int xOff, float[] y, int yi, int[] offsets,
      int from, int visits) {
    int b1 = b0 + cols;
    int b2 = b1 + cols;
    int b3 = b2 + cols;
    FloatVector a0 = FloatVector.zero(SPECIES);
    FloatVector a1 = FloatVector.zero(SPECIES);
    FloatVector a2 = FloatVector.zero(SPECIES);
    FloatVector a3 = FloatVector.zero(SPECIES);
    for (int k = from, end = from + visits; k < end; k++) {
      int j = offsets[k];
      FloatVector xv = FloatVector.fromArray(SPECIES, x, xOff + j);
      a0 = FloatVector.fromArray(SPECIES, w, b0 + j).fma(xv, a0);
      a1 = FloatVector.fromArray(SPECIES, w, b1 + j).fma(xv, a1);
      a2 = FloatVector.fromArray(SPECIES, w, b2 + j).fma(xv, a2);
      a3 = FloatVector.fromArray(SPECIES, w, b3 + j).fma(xv, a3);
    }
    quadTail(w, b0, cols, x, xOff, y, yi, a0.reduceLanes(VectorOperators.ADD), a1.reduceLanes(VectorOperators.ADD),
        a2.reduceLanes(VectorOperators.ADD), a3.reduceLanes(VectorOperators.ADD));
  }

  /** The scalar tail (the columns from {@code loopBound(cols)}) added to the four reduced sums, stored in y. */
  private static void quadTail(float[] w, int b0, int cols, float[] x, int xOff, float[] y, int yi, float s0, float s1,
      float s2, float s3) {
    int b1 = b0 + cols;
    int b2 = b1 + cols;
    int b3 = b2 + cols;
    for (int j = SPECIES.loopBound(cols); j < cols; j++) {
      float xj = x[xOff + j];
      s0 += w[b0 + j] * xj;
      s1 += w[b1 + j] * xj;
      s2 += w[b2 + j] * xj;
      s3 += w[b3 + j] * xj;
    }
    y[yi] = s0;
    y[yi + 1] = s1;
    y[yi + 2] = s2;
    y[yi + 3] = s3;
  }

  /** y[yi] = the row of w from b0 against x. */
  private static void row(float[] w, int b0, int cols, float[] x, int xOff, float[] y, int yi) {
    int bound = SPECIES.loopBound(cols);
    FloatVector a0 = FloatVector.zero(SPECIES);
    for (int j = 0; j < bound; j += LANES) {
      a0 = FloatVector.fromArray(SPECIES, w, b0 + j).fma(FloatVector.fromArray(SPECIES, x, xOff + j), a0);
    }
    float s0 = a0.reduceLanes(VectorOperators.ADD);
    for (int j = bound; j < cols; j++) s0 += w[b0 + j] * x[xOff + j];
    y[yi] = s0;
  }

  /** {@link #row} over the {@code visits} blocks of x at {@code offsets[from ..]} only. */
  private static void rowSparse(float[] w, int b0, int cols, float[] x, int xOff, float[] y, int yi, int[] offsets, int from,
      int visits) {
    FloatVector a0 = FloatVector.zero(SPECIES);
    for (int k = from, end = from + visits; k < end; k++) {
      int j = offsets[k];
      a0 = FloatVector.fromArray(SPECIES, w, b0 + j).fma(FloatVector.fromArray(SPECIES, x, xOff + j), a0);
    }
    float s0 = a0.reduceLanes(VectorOperators.ADD);
    for (int j = SPECIES.loopBound(cols); j < cols; j++) s0 += w[b0 + j] * x[xOff + j];
    y[yi] = s0;
  }

  @Override
  public void gemvTransposed(float[] w, int wOff, int rows, int cols, float[] d, int dOff, float[] z, int zOff) {
    MvmKernels.checkGemvTransposed(w, wOff, rows, cols, d, dOff, z, zOff);
    java.util.Arrays.fill(z, zOff, zOff + cols, 0f);
    int bound = SPECIES.loopBound(cols);
    int i = 0;
    for (; i + 3 < rows; i += 4) {
      float d0 = d[dOff + i];
      float d1 = d[dOff + i + 1];
      float d2 = d[dOff + i + 2];
      float d3 = d[dOff + i + 3];
      if (d0 == 0f && d1 == 0f && d2 == 0f && d3 == 0f) continue;
      int b0 = wOff + i * cols;
      int b1 = b0 + cols;
      int b2 = b1 + cols;
      int b3 = b2 + cols;
      FloatVector v0 = FloatVector.broadcast(SPECIES, d0);
      FloatVector v1 = FloatVector.broadcast(SPECIES, d1);
      FloatVector v2 = FloatVector.broadcast(SPECIES, d2);
      FloatVector v3 = FloatVector.broadcast(SPECIES, d3);
      for (int j = 0; j < bound; j += LANES) {
        FloatVector zv = FloatVector.fromArray(SPECIES, z, zOff + j);
        zv = FloatVector.fromArray(SPECIES, w, b0 + j).fma(v0, zv);
        zv = FloatVector.fromArray(SPECIES, w, b1 + j).fma(v1, zv);
        zv = FloatVector.fromArray(SPECIES, w, b2 + j).fma(v2, zv);
        zv = FloatVector.fromArray(SPECIES, w, b3 + j).fma(v3, zv);
        zv.intoArray(z, zOff + j);
      }
      for (int j = bound; j < cols; j++) {
        z[zOff + j] += w[b0 + j] * d0 + w[b1 + j] * d1 + w[b2 + j] * d2 + w[b3 + j] * d3;
      }
    }
    for (; i < rows; i++) {
      float d0 = d[dOff + i];
      if (d0 == 0f) continue;
      int b0 = wOff + i * cols;
      FloatVector v0 = FloatVector.broadcast(SPECIES, d0);
      for (int j = 0; j < bound; j += LANES) {
        FloatVector zv = FloatVector.fromArray(SPECIES, z, zOff + j);
        FloatVector.fromArray(SPECIES, w, b0 + j).fma(v0, zv).intoArray(z, zOff + j);
      }
      for (int j = bound; j < cols; j++) z[zOff + j] += w[b0 + j] * d0;
    }
  }

  @Override
  public void ger(float[] w, int wOff, int rows, int cols, float alpha, float[] a, int aOff, float[] b, int bOff) {
    MvmKernels.checkGer(w, wOff, rows, cols, a, aOff, b, bOff);
    int bound = SPECIES.loopBound(cols);
    for (int i = 0; i < rows; i++) {
      float ai = alpha * a[aOff + i];
      if (ai == 0f) continue;
      int base = wOff + i * cols;
      FloatVector av = FloatVector.broadcast(SPECIES, ai);
      for (int j = 0; j < bound; j += LANES) {
        FloatVector wv = FloatVector.fromArray(SPECIES, w, base + j);
        FloatVector.fromArray(SPECIES, b, bOff + j).fma(av, wv).intoArray(w, base + j);
      }
      for (int j = bound; j < cols; j++) w[base + j] += ai * b[bOff + j];
    }
  }
}
