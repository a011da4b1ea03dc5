package org.aimc.crossbar.energy;

import java.util.List;
import java.util.Locale;

/**
 * A GPU to compare with, by its datasheet peak: operations per second (1 fused multiply-add = 2
 * floating-point operations, the same convention as {@link Convention#AIMC}), board power and die
 * area. Peak at TDP flatters the GPU: sustained training of small networks one example at a time
 * reaches a small fraction of peak, so the ratios are conservative.
 *
 * <p>Which GPU Ambrogio et al. (2018) compared with is not known to us (their Methods could not be
 * read). The default, {@link #P100_FP16}, is the data-centre GPU of the paper's time; its ratios to
 * the paper's figures (≈ 400× in GOP/s/W, ≈ 100× in TOP/s/mm²) match the paper's "two orders of
 * magnitude".
 *
 * @param id short name for the command line
 * @param name the GPU and the precision of its peak
 * @param peakTeraOpsPerSecond peak throughput, TOP/s (= TFLOP/s)
 * @param powerWatts board power (TDP), W
 * @param dieAreaMm2 die area, mm²
 * @param source where the figures come from
 */
public record ReferenceGpu(String id, String name, double peakTeraOpsPerSecond, double powerWatts, double dieAreaMm2, String source) {
  /** NVIDIA Tesla P100 (SXM2, 2016), half precision. */
  public static final ReferenceGpu P100_FP16 = new ReferenceGpu("p100", "NVIDIA Tesla P100 SXM2, FP16 peak", 21.2, 300, 610,
      "NVIDIA Tesla P100 announcement, GTC 2016 (AnandTech, 5 April 2016): 21.2 TFLOP/s FP16, 10.6 FP32, 300 W TDP, GP100 die 610 mm² (TSMC 16 nm)");
  /** The same GPU in single precision (what a 2018 training run in FP32 would use). */
  public static final ReferenceGpu P100_FP32 = new ReferenceGpu("p100-fp32", "NVIDIA Tesla P100 SXM2, FP32 peak", 10.6, 300, 610,
      P100_FP16.source());
  /** NVIDIA Tesla V100 (SXM2, 2017), tensor cores (mixed precision): the strongest GPU of 2018. */
  public static final ReferenceGpu V100_TENSOR = new ReferenceGpu("v100", "NVIDIA Tesla V100 SXM2, tensor-core peak", 125, 300, 815,
      "NVIDIA Tesla V100 datasheet (2017): 125 TFLOP/s tensor (mixed precision), 15.7 FP32, 300 W TDP, GV100 die 815 mm² (TSMC 12 nm)");

  public ReferenceGpu {
    if (!(peakTeraOpsPerSecond > 0 && powerWatts > 0 && dieAreaMm2 > 0)) {
      throw new IllegalArgumentException("a reference GPU needs positive throughput, power and area");
    }
  }

  /** Peak GOP/s per W. */
  public double gopsPerWatt() {
    return peakTeraOpsPerSecond * 1e3 / powerWatts;
  }

  /** Peak TOP/s per mm² of die. */
  public double topsPerMm2() {
    return peakTeraOpsPerSecond / dieAreaMm2;
  }

  /** Energy of {@code operations} at peak efficiency, J. */
  public double joulesFor(double operations) {
    return operations / (gopsPerWatt() * 1e9);
  }

  public static List<ReferenceGpu> all() {
    return List.of(P100_FP16, P100_FP32, V100_TENSOR);
  }

  public static ReferenceGpu byId(String id) {
    String k = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
    for (ReferenceGpu g : all()) if (g.id.equals(k)) return g;
    throw new IllegalArgumentException("unknown reference GPU '" + id + "'; allowed: p100, p100-fp32, v100");
  }
}
