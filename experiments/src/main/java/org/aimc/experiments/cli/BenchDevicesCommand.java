package org.aimc.experiments.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.aimc.devices.CapacitorArray;
import org.aimc.devices.DevicePreset;
import org.aimc.devices.PcmArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code aimc bench devices}: ns per cell of the device hot paths, each beside a plain float loop
 * over the same number of cells doing one add per cell ({@code w[i] += d[i]}), measured in the same
 * run. Harness: System.nanoTime around one pass over all cells; warm-up passes, then repetitions;
 * the median is reported (the machines are shared, so the ratio is the figure to compare).
 */
@Command(
    usageHelpAutoWidth = true,
    name = "devices",
    header = "Benchmark device updates and reads (ns per cell) against a plain float loop.",
    description = {
      "Kernels: 3T1C charge/discharge with a signed pulse count per cell (the training update), the same " +
      "with the ideal preset (no noise), leakage of all cells (advanceTo), and noisy PCM reads with drift. " +
      "Reference: a plain float loop over the same cells, one add per cell. Each figure is the median of " +
      "--reps passes after --warmup passes; 'ratio' = kernel median / reference median."
    },
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    footerHeading = "%nExamples:%n",
    footer = {"  aimc bench devices", "  aimc bench devices --cells 250000 --reps 15"})
final class BenchDevicesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--cells", defaultValue = "1000000", description = "Cells per array.")
  int cells;

  @Option(names = "--warmup", defaultValue = "10", description = "Warm-up passes per kernel (not timed).")
  int warmup;

  @Option(names = "--reps", defaultValue = "15", description = "Timed passes per kernel; the median is reported.")
  int reps;

  @Option(names = "--preset", defaultValue = "ambrogio2018", completionCandidates = PresetsCommand.Ids.class,
      description = "Device preset: ${COMPLETION-CANDIDATES}.")
  String preset;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the arrays and of the pulse pattern.")
  long seed;

  private double sink;

  @Override
  public Integer call() {
    if (cells < 1000 || cells > 50_000_000) throw new IllegalArgumentException("--cells = " + cells + " is outside the allowed range [1000, 50000000]");
    if (reps < 1 || warmup < 0) throw new IllegalArgumentException("--reps must be >= 1 and --warmup >= 0");
    DevicePreset p = DevicePreset.byId(preset);
    PrintWriter out = spec.commandLine().getOut();
    int n = cells;

    SplittableRandom r = new SplittableRandom(seed);
    int[] pulses = new int[n];
    for (int i = 0; i < n; i++) pulses[i] = r.nextInt(9) - 4; // −4..4, symmetric: V_C stays mid-range
    float[] w = new float[n];
    float[] d = new float[n];
    for (int i = 0; i < n; i++) d[i] = (float) (r.nextDouble() - 0.5) * 1e-3f;

    CapacitorArray cap = CapacitorArray.create(p.capacitor(), n, seed);
    CapacitorArray ideal = CapacitorArray.create(DevicePreset.IDEAL.capacitor(), n, seed);
    PcmArray pcm = PcmArray.create(p.pcm(), n, seed);
    for (int c = 0; c < n; c++) pcm.applySetPulse(c, 0, p.pcm().stepSecondsForConductance(10));
    double[] time = {0};
    double readTime = 1e4; // well past t0: the drift power law is evaluated

    out.printf(Locale.ROOT, "aimc bench devices: %,d cells, preset %s, %d warm-up + %d timed passes, median (min) ns per cell%n", n, p.id(), warmup, reps);
    out.printf(Locale.ROOT, "%-52s %10s %10s %8s%n", "kernel", "median", "min", "ratio");
    out.flush();

    Runnable reference = () -> {
      for (int i = 0; i < n; i++) w[i] += d[i];
    };
    double[] ref = time(reference);
    double refMed = median(ref);
    row(out, "reference: float loop, w[i] += d[i]", ref, refMed);
    row(out, "3T1C charge/discharge, pulses in [-4, 4] (" + p.id() + ")", time(() -> {
      for (int c = 0; c < n; c++) cap.applyPulses(c, pulses[c]);
    }), refMed);
    row(out, "3T1C charge/discharge, pulses in [-4, 4] (ideal)", time(() -> {
      for (int c = 0; c < n; c++) ideal.applyPulses(c, pulses[c]);
    }), refMed);
    row(out, "3T1C charge, 1 pulse per cell (" + p.id() + ")", time(() -> {
      for (int c = 0; c < n; c++) cap.charge(c, 1);
      cap.reinitializeAll();
    }), refMed);
    row(out, "3T1C leakage, advanceTo(t + 1 ms), all cells", time(() -> {
      time[0] += 1e-3;
      cap.advanceTo(time[0]);
    }), refMed);
    row(out, "PCM noisy read with drift (" + p.id() + ")", time(() -> {
      double s = 0;
      for (int c = 0; c < n; c++) s += pcm.readMicroSiemens(c, readTime);
      sink += s;
    }), refMed);
    row(out, "PCM true conductance with drift, no noise", time(() -> {
      double s = 0;
      for (int c = 0; c < n; c++) s += pcm.conductanceMicroSiemens(c, readTime);
      sink += s;
    }), refMed);
    // The reference again: if it moved, the machine's load changed during the run.
    row(out, "reference again (load check)", time(reference), refMed);
    float check = 0;
    for (int i = 0; i < Math.min(n, 16); i++) check += w[i];
    out.printf(Locale.ROOT, "(checksum %.3g %.3g; Java %s, %d cores; figures vary on a shared machine, compare ratios)%n",
        sink, check, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
    out.flush();
    return ExitCodes.OK;
  }

  /** ns per cell of each timed pass. */
  private double[] time(Runnable pass) {
    for (int k = 0; k < warmup; k++) pass.run();
    double[] ns = new double[reps];
    for (int k = 0; k < reps; k++) {
      long t0 = System.nanoTime();
      pass.run();
      ns[k] = (System.nanoTime() - t0) / (double) cells;
    }
    return ns;
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    int m = s.length / 2;
    return s.length % 2 == 1 ? s[m] : 0.5 * (s[m - 1] + s[m]);
  }

  private static void row(PrintWriter out, String name, double[] ns, double refMedian) {
    double med = median(ns);
    double min = Arrays.stream(ns).min().orElse(Double.NaN);
    out.printf(Locale.ROOT, "%-52s %10.2f %10.2f %7.1fx%n", name, med, min, med / refMedian);
    out.flush();
  }
}
