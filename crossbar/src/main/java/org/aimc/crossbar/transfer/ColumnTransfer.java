package org.aimc.crossbar.transfer;

import static org.aimc.crossbar.cells.Checks.checkCell;
import static org.aimc.crossbar.cells.Checks.checkCol;
import static org.aimc.crossbar.cells.Checks.checkColumn;
import static org.aimc.crossbar.cells.Checks.checkFinite;

import org.aimc.crossbar.Event;
import org.aimc.crossbar.EventCounter;
import org.aimc.crossbar.cells.CellArray;
import org.aimc.crossbar.cells.EffectiveWeights;

/**
 * A tile's transfer and programming, column by column: reading a column as the hardware does,
 * program-and-verify of its PCM pairs (the column waits for its slowest responsive cell, see
 * {@link SlowestCell}), the capacitors' reset, the polarity, and the transfer that combines them
 * under a {@link TransferRules}: read, offset, RESET rule, program, residual, polarity. Refreshes
 * the {@link EffectiveWeights} of the columns it touches. Not thread-safe.
 */
public final class ColumnTransfer {
  private final int rows;
  private final int cols;
  private final CellArray cells;
  private final EffectiveWeights weights;
  private final EventCounter counter;
  private final SlowestCell slowest = new SlowestCell();

  public ColumnTransfer(CellArray cells, EffectiveWeights weights, EventCounter counter) {
    this.rows = cells.rows();
    this.cols = cells.cols();
    this.cells = cells;
    this.weights = weights;
    this.counter = counter;
  }

  /** Programs one cell toward a weight in µS (initialisation); see {@link CellArray#programWeight}. */
  public void programWeight(int row, int col, double targetMicroSiemens) {
    checkCell(row, col, rows, cols);
    checkFinite("target weight (µS)", targetMicroSiemens);
    cells.programWeight(row, col, targetMicroSiemens, counter);
    weights.refreshCell(row, col);
  }

  /** Reads one column's weights as the hardware would (device read noise), µS, into {@code dst[off..off+rows)}. */
  public void readColumnMicroSiemens(int col, double[] dst, int off) {
    checkColumn(col, dst, off, rows, cols);
    for (int r = 0; r < rows; r++) dst[off + r] = cells.readWeightMicroSiemens(r, col, counter);
  }

  /** One column's PCM parts {@code F·(G⁺ − G⁻)} now (noise-free), µS. */
  public void readColumnPcmMicroSiemens(int col, double[] dst, int off) {
    checkColumn(col, dst, off, rows, cols);
    for (int r = 0; r < rows; r++) dst[off + r] = cells.pcmWeightMicroSiemens(r, col);
  }

  /** One column's capacitor parts {@code s·(g − g_shared)} now (noise-free), µS. */
  public void readColumnCapacitorMicroSiemens(int col, double[] dst, int off) {
    checkColumn(col, dst, off, rows, cols);
    for (int r = 0; r < rows; r++) dst[off + r] = cells.capacitorWeightMicroSiemens(r, col);
  }

  /**
   * Programs the PCM pairs of one column by closed-loop tuning toward targets {@code F·(G⁺ − G⁻)},
   * µS, from {@code targets[off..off+rows)}; out-of-range targets are clipped and counted; a target
   * of exactly 0 RESETs both devices.
   */
  public void programColumnPcm(int col, double[] targetsMicroSiemens, int off) {
    checkColumn(col, targetsMicroSiemens, off, rows, cols);
    for (int r = 0; r < rows; r++) checkFinite("PCM target of row " + r, targetsMicroSiemens[off + r]);
    cells.beginColumnProgramming(col); // the whole column is programmed now: its drift gain restarts
    slowest.begin();
    for (int r = 0; r < rows; r++) slowest.program(cells, r, col, targetsMicroSiemens[off + r], counter);
    slowest.end(counter);
    weights.refreshColumn(col);
  }

  /**
   * The latencies that rank the cells of a column being programmed, to find the slowest (the one
   * the column waits for: {@link Event#TRANSFER_SLOWEST_SET_PULSES}); {@link ProgrammingLatencies#UNIT} until set.
   */
  public void timeProgrammingBy(ProgrammingLatencies latencies) {
    slowest.timeBy(latencies);
  }

  /** Re-initialises the capacitors of one column and its g_shared to the reset voltage. */
  public void reinitializeColumnCapacitors(int col) {
    checkCol(col, rows, cols);
    cells.reinitializeCapacitors(col, counter);
    weights.refreshColumn(col);
  }

  /** Flips the polarity s of one column. */
  public void flipPolarity(int col) {
    checkCol(col, rows, cols);
    cells.flipPolarity(col, counter);
    weights.refreshColumn(col);
  }

  /** The polarity s = ±1 of one column. */
  public int polarity(int col) {
    checkCol(col, rows, cols);
    return cells.polarity(col);
  }

  /**
   * One column's transfer (Ambrogio et al., Nature 558, 2018). Hybrid cells: read each weight as
   * the hardware does (device read noise), re-initialise the capacitors and g_shared, flip the
   * polarity if the rules invert it, then program each PCM pair toward {@code W − s·[g(0.5 V) −
   * g_shared(0.5 V)] − s·offset} (paper: the target is lowered by the offset, 2 µS, so that PCM
   * programming errors land on the side that g, small at 0.5 V and with room mainly upward, can
   * correct). That the offset follows the polarity s (s·(g − g_shared) is what g adds to the
   * weight, so "upward for g" is the sign s) is our <b>inference</b>. If the target before the
   * offset is on g's side but below the offset ({@code 0 < s·target < offset}: "positive but below
   * the offset"), both PCM devices are RESET instead and g is left to carry it. The weight after
   * the transfer is then short of the read weight by {@code s·offset} (or by the whole small
   * target) plus the tuning error: g takes that up through training (the default, one reading of
   * the paper's "g corrects") or, with {@link TransferRules#openLoopResidual}, at once by open-loop
   * pulses of the nominal step (the other reading). With {@link TransferRules#carryTuningResidual}
   * (our own idea, off in ambrogio2018) every programmed pair is read once more and g is also
   * pulsed to carry what closed-loop tuning left of its target. PCM-pair cells have no capacitor:
   * each pair is read and re-programmed to its weight (the occasional refresh of Burr et al. 2015;
   * no offset). Counts one {@link Event#TRANSFERS}.
   *
   * @throws UnsupportedOperationException for layouts without PCM
   * @throws IllegalArgumentException if the rules invert the polarity of cells that have none
   */
  public void transferColumn(int col, TransferRules rules) {
    checkCol(col, rows, cols);
    double offsetMicroSiemens = rules.offsetMicroSiemens();
    boolean openLoopResidual = rules.openLoopResidual();
    boolean carryTuningResidual = rules.carryTuningResidual();
    double[] weight = new double[rows];
    double range = cells.maxWeightMicroSiemens(); // the periphery reads weights within ± its range
    for (int r = 0; r < rows; r++) {
      double w = cells.readWeightMicroSiemens(r, col, counter);
      if (Math.abs(w) > range) {
        w = Math.copySign(range, w);
        counter.add(Event.WEIGHTS_CLIPPED, 1);
      }
      weight[r] = w;
    }
    cells.beginColumnProgramming(col);
    slowest.begin();
    if (cells.hasCapacitor()) {
      cells.reinitializeCapacitors(col, counter);
      if (rules.polarityInversion()) cells.flipPolarity(col, counter);
      int s = cells.polarity(col);
      int[] residualRows = new int[rows];
      int[] residualPulses = new int[rows];
      int n = 0;
      double step = cells.updateStepMicroSiemens();
      for (int r = 0; r < rows; r++) {
        double target = weight[r] - cells.capacitorWeightMicroSiemens(r, col);
        double left; // what the PCM was not asked to hold, µS
        if (s * target > 0 && s * target < offsetMicroSiemens) {
          slowest.program(cells, r, col, 0.0, counter);
          left = target;
        } else {
          slowest.program(cells, r, col, target - s * offsetMicroSiemens, counter);
          left = s * offsetMicroSiemens;
        }
        double carried = openLoopResidual ? left : 0.0; // what g must carry now, µS
        if (carryTuningResidual) carried += weight[r] - cells.readWeightMicroSiemens(r, col, counter) - left;
        int pulses = (int) Math.round(carried / step);
        if (pulses != 0) {
          residualRows[n] = r;
          residualPulses[n++] = pulses;
        }
      }
      weights.refreshColumn(col);
      if (n > 0) {
        cells.applyPulses(new int[] {col}, new int[] {n}, 1, residualRows, residualPulses, weights.values(),
            weights.unitsPerMicroSiemens(), counter);
      }
    } else {
      for (int r = 0; r < rows; r++) slowest.program(cells, r, col, weight[r], counter);
      if (rules.polarityInversion()) throw new IllegalArgumentException(cells.layoutName() + " cells have no polarity to flip");
      weights.refreshColumn(col);
    }
    slowest.end(counter);
    counter.add(Event.TRANSFERS, 1);
  }
}
