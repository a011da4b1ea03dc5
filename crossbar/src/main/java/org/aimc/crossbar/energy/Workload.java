package org.aimc.crossbar.energy;

import java.util.Locale;
import org.aimc.crossbar.CellLayout;

/**
 * What one epoch of training asks of the chip, for counts derived without training
 * ({@link AnalyticCounts}): the data-set size, the transfer schedule, and the expected pulses, which
 * only a run can measure and are therefore explicit parameters here.
 *
 * @param examples training examples (one epoch: 60,000 for MNIST)
 * @param transferInterval examples between transfers; 0 = no transfers (hybrid cells transfer the
 *     capacitor into the PCM, PCM-pair cells refresh their pairs; capacitor and ideal cells cannot)
 * @param polarityInversion whether each transferred column flips its polarity
 * @param backwardThroughFirstLayer whether the first layer's backward MVM is made (aimc's trainer
 *     skips it: nothing upstream needs its error)
 * @param updatePulsesPerCell expected device pulses per cell per update (capacitor pulses, or PCM
 *     SET pulses for PCM-only cells)
 * @param transferSetPulsesPerCell expected PCM SET pulses per cell per transfer
 * @param transferResetPulsesPerCell expected PCM RESET pulses per cell per transfer
 * @param transferVerifyReadsPerCell expected verify reads per cell per transfer
 * @param transferReadsPerCell single-cell reads per cell per transfer: 1 (the weight read), more
 *     when the capacitor carries the tuning residual (a second read of each programmed pair)
 * @param transferCapacitorPulsesPerCell capacitor pulses per cell per transfer (the residual the
 *     capacitor carries)
 * @param inferences evaluation forward passes (0: none; energy per inference is then the forward
 *     energy of a training example)
 * @param slowestCell the slowest cell of each transferred column ({@link SlowestCell}): what a
 *     transfer's time rests on
 */
public record Workload(long examples, long transferInterval, boolean polarityInversion, boolean backwardThroughFirstLayer,
    double updatePulsesPerCell, double transferSetPulsesPerCell, double transferResetPulsesPerCell, double transferVerifyReadsPerCell,
    double transferReadsPerCell, double transferCapacitorPulsesPerCell, long inferences, SlowestCell slowestCell) {

  /**
   * The slowest cell of a transferred column (the one the column waits for, {@link ChipClock}): its
   * SET pulses, RESET pulses and verify reads per column per transfer.
   */
  public record SlowestCell(double setPulses, double resetPulses, double verifyReads) {
    /**
     * Measured with this emulator: {@code aimc train --config ambrogio2018} on MNIST, seed 1, one epoch
     * of 50,000 examples (6 transfers of 385 columns of 785, 251 and 126 rows),
     * TRANSFER_SLOWEST_* / TRANSFERS of the run's result.json: 62.0 SET, 30.3 RESET, 63.0 verify
     * reads, while the mean cell takes 3.4, 1.4 and 4.4 — nearly every column holds a cell that runs
     * into the tuning cap (pcm.tuneMaxPulses = 100, assumed).
     */
    public static final SlowestCell MEASURED = new SlowestCell(SLOWEST_SET, SLOWEST_RESET, SLOWEST_VERIFY);

    public SlowestCell {
      check("slowest cell's SET pulses per column", setPulses);
      check("slowest cell's RESET pulses per column", resetPulses);
      check("slowest cell's verify reads per column", verifyReads);
    }
  }

  private static final double SLOWEST_SET = 62.0;
  private static final double SLOWEST_RESET = 30.3;
  private static final double SLOWEST_VERIFY = 63.0;

  /** MNIST's training set. */
  public static final long MNIST_EXAMPLES = 60_000;
  /** The paper's transfer interval for MNIST (paper). */
  public static final long PAPER_TRANSFER_INTERVAL = 8_000;
  /** Hybrid cell: "typically ±100 net / 1,000 total pulses per 16,000 images" (paper) = 0.0625 per example. */
  public static final double HYBRID_PULSES_PER_CELL = 1_000.0 / 16_000;
  /** 2PCM cell: "typically ±10 net / 50 total pulses per 16,000 images" (paper) = 0.003125 per example. */
  public static final double PCM_PAIR_PULSES_PER_CELL = 50.0 / 16_000;
  /**
   * Closed-loop tuning per cell per transfer, measured with this emulator: the ambrogio2018 PCM
   * tuned toward targets drawn from N(0, (0.1 × 68 µS)²) with the 2 µS offset gave 1.99 SET, 1.20
   * RESET (the other device's included) and 3.04 verify reads per cell (σ 0.05: 1.02 / 1.19 / 2.13;
   * σ 0.2: 3.78 / 1.23 / 4.80).
   */
  public static final double TRANSFER_SET_PER_CELL = 2.0;
  /** See {@link #TRANSFER_SET_PER_CELL}. */
  public static final double TRANSFER_RESET_PER_CELL = 1.2;
  /** See {@link #TRANSFER_SET_PER_CELL}. */
  public static final double TRANSFER_VERIFY_PER_CELL = 3.0;
  /**
   * With the capacitor carrying the tuning residual ({@code carryTuningResidual}), measured in
   * {@code aimc reproduce mnist} (ambrogio2018, seed 1, 20 epochs, commit 752c62f): 1.84 reads and
   * 9.4 capacitor pulses per cell per transfer (cells below the 2 µS offset are read once).
   */
  public static final double TRANSFER_READS_PER_CELL_CARRY = 1.84;
  /** See {@link #TRANSFER_READS_PER_CELL_CARRY}. */
  public static final double TRANSFER_CAPACITOR_PULSES_PER_CELL_CARRY = 9.4;

  public Workload {
    if (examples < 1) throw new IllegalArgumentException("examples must be at least 1, got " + examples);
    if (transferInterval < 0) throw new IllegalArgumentException("transfer interval must be >= 0 (0 = no transfers), got " + transferInterval);
    check("update pulses per cell", updatePulsesPerCell);
    check("SET pulses per cell per transfer", transferSetPulsesPerCell);
    check("RESET pulses per cell per transfer", transferResetPulsesPerCell);
    check("verify reads per cell per transfer", transferVerifyReadsPerCell);
    check("reads per cell per transfer", transferReadsPerCell);
    check("capacitor pulses per cell per transfer", transferCapacitorPulsesPerCell);
    if (inferences < 0) throw new IllegalArgumentException("inferences must be >= 0, got " + inferences);
    java.util.Objects.requireNonNull(slowestCell, "slowestCell");
  }

  private static void check(String what, double v) {
    if (!(v >= 0 && v < 1e6)) throw new IllegalArgumentException(String.format(Locale.ROOT, "%s must be in [0, 1e6), got %s", what, v));
  }

  /**
   * One MNIST epoch with the paper's figures for a layout: hybrid cells transfer every 8,000
   * examples with 0.0625 capacitor pulses per cell per update; PCM-only cells 0.003125 SET pulses;
   * capacitor-only and pulsed-device cells as hybrid without transfers; ideal cells (exact update) no pulses.
   */
  public static Workload mnistEpoch(CellLayout layout) {
    return switch (layout) {
      case HYBRID -> new Workload(MNIST_EXAMPLES, PAPER_TRANSFER_INTERVAL, true, false, HYBRID_PULSES_PER_CELL,
          TRANSFER_SET_PER_CELL, TRANSFER_RESET_PER_CELL, TRANSFER_VERIFY_PER_CELL, 1, 0, 0, SlowestCell.MEASURED);
      case PCM_PAIR -> new Workload(MNIST_EXAMPLES, 0, false, false, PCM_PAIR_PULSES_PER_CELL,
          TRANSFER_SET_PER_CELL, TRANSFER_RESET_PER_CELL, TRANSFER_VERIFY_PER_CELL, 1, 0, 0, SlowestCell.MEASURED);
      case CAPACITOR, PULSED -> new Workload(MNIST_EXAMPLES, 0, false, false, HYBRID_PULSES_PER_CELL,
          TRANSFER_SET_PER_CELL, TRANSFER_RESET_PER_CELL, TRANSFER_VERIFY_PER_CELL, 1, 0, 0, SlowestCell.MEASURED);
      case IDEAL -> new Workload(MNIST_EXAMPLES, 0, false, false, 0,
          TRANSFER_SET_PER_CELL, TRANSFER_RESET_PER_CELL, TRANSFER_VERIFY_PER_CELL, 1, 0, 0, SlowestCell.MEASURED);
    };
  }

  public Workload withExamples(long n) {
    return new Workload(n, transferInterval, polarityInversion, backwardThroughFirstLayer, updatePulsesPerCell, transferSetPulsesPerCell,
        transferResetPulsesPerCell, transferVerifyReadsPerCell, transferReadsPerCell, transferCapacitorPulsesPerCell, inferences, slowestCell);
  }

  public Workload withTransferInterval(long n) {
    return new Workload(examples, n, polarityInversion, backwardThroughFirstLayer, updatePulsesPerCell, transferSetPulsesPerCell,
        transferResetPulsesPerCell, transferVerifyReadsPerCell, transferReadsPerCell, transferCapacitorPulsesPerCell, inferences, slowestCell);
  }

  public Workload withPolarityInversion(boolean on) {
    return new Workload(examples, transferInterval, on, backwardThroughFirstLayer, updatePulsesPerCell, transferSetPulsesPerCell,
        transferResetPulsesPerCell, transferVerifyReadsPerCell, transferReadsPerCell, transferCapacitorPulsesPerCell, inferences, slowestCell);
  }

  public Workload withBackwardThroughFirstLayer(boolean on) {
    return new Workload(examples, transferInterval, polarityInversion, on, updatePulsesPerCell, transferSetPulsesPerCell,
        transferResetPulsesPerCell, transferVerifyReadsPerCell, transferReadsPerCell, transferCapacitorPulsesPerCell, inferences, slowestCell);
  }

  public Workload withUpdatePulsesPerCell(double p) {
    return new Workload(examples, transferInterval, polarityInversion, backwardThroughFirstLayer, p, transferSetPulsesPerCell,
        transferResetPulsesPerCell, transferVerifyReadsPerCell, transferReadsPerCell, transferCapacitorPulsesPerCell, inferences, slowestCell);
  }

  public Workload withTransferPulsesPerCell(double set, double reset, double verify) {
    return new Workload(examples, transferInterval, polarityInversion, backwardThroughFirstLayer, updatePulsesPerCell, set, reset, verify,
        transferReadsPerCell, transferCapacitorPulsesPerCell, inferences, slowestCell);
  }

  /** Reads and capacitor pulses per cell per transfer (see {@link #TRANSFER_READS_PER_CELL_CARRY}). */
  public Workload withTransferReadsAndCapacitorPulses(double reads, double capacitorPulses) {
    return new Workload(examples, transferInterval, polarityInversion, backwardThroughFirstLayer, updatePulsesPerCell, transferSetPulsesPerCell,
        transferResetPulsesPerCell, transferVerifyReadsPerCell, reads, capacitorPulses, inferences, slowestCell);
  }

  public Workload withSlowestCell(SlowestCell c) {
    return new Workload(examples, transferInterval, polarityInversion, backwardThroughFirstLayer, updatePulsesPerCell, transferSetPulsesPerCell,
        transferResetPulsesPerCell, transferVerifyReadsPerCell, transferReadsPerCell, transferCapacitorPulsesPerCell, inferences, c);
  }

  public Workload withInferences(long n) {
    return new Workload(examples, transferInterval, polarityInversion, backwardThroughFirstLayer, updatePulsesPerCell, transferSetPulsesPerCell,
        transferResetPulsesPerCell, transferVerifyReadsPerCell, transferReadsPerCell, transferCapacitorPulsesPerCell, n, slowestCell);
  }

  /** Transfers in the epoch (a fraction when the interval does not divide the examples: the mean over epochs). */
  public double transfers() {
    return transferInterval == 0 ? 0 : (double) examples / transferInterval;
  }
}
