package org.aimc.crossbar;

/**
 * What a tile counts. The energy model of a later issue multiplies each count by a per-event energy
 * and latency; a count means one hardware event of the kind named, never an emulator operation.
 *
 * <p>New events go at the end: tile checkpoints store the counts in ordinal order, and a state
 * with fewer counts (written before an event existed) reads the missing ones as 0.
 */
public enum Event {
  /** Analog matrix-vector products in the forward direction (inputs on rows). */
  FORWARD_MVMS,
  /** Analog matrix-vector products in the backward direction (inputs on columns). */
  BACKWARD_MVMS,
  /** Cells taking part in MVMs: rows used × columns used per MVM (one multiply-accumulate each). */
  MVM_CELL_OPERATIONS,
  /** Input DAC conversions (one per driven line per MVM). */
  DAC_CONVERSIONS,
  /** Output ADC conversions (one per sensed line per MVM). */
  ADC_CONVERSIONS,
  /** ADC conversions whose analog value lay beyond the ADC range and was clipped to the bound. */
  ADC_CLIPPED,
  /** Parallel rank-1 updates of the whole tile. */
  UPDATES,
  /** Pulses driven on row lines during updates (slots of the row pulse trains that fire). */
  UPDATE_ROW_PULSES,
  /** Pulses driven on column lines during updates. */
  UPDATE_COLUMN_PULSES,
  /** Row or column pulse trains whose firing probability (or count) had to be clipped to 1 (BL). */
  UPDATE_SATURATED_TRAINS,
  /** Capacitor charge pulses (PMOS pull-up) delivered to cells: raise g. */
  CAPACITOR_CHARGE_PULSES,
  /** Capacitor discharge pulses (NMOS pull-down) delivered to cells: lower g. */
  CAPACITOR_DISCHARGE_PULSES,
  /** Capacitors re-initialised to their reset voltage (cells and shared references). */
  CAPACITOR_RESETS,
  /** PCM partial-SET pulses (update pulses of PCM-only cells and closed-loop tuning). */
  PCM_SET_PULSES,
  /** PCM RESET pulses. */
  PCM_RESET_PULSES,
  /** Verify reads of single devices during closed-loop tuning. */
  PCM_VERIFY_READS,
  /** Single-cell weight reads outside MVMs (reading a column for transfer). */
  CELL_READS,
  /** Column transfers: PCM programming of one column of one tile ({@code programColumnPcm}/{@code transferColumn}). */
  TRANSFERS,
  /** Polarity flips (one per column flipped). */
  POLARITY_FLIPS,
  /** Weights whose target lay beyond the cell's range and were clipped to its bound. */
  WEIGHTS_CLIPPED,
  /**
   * DAC conversions whose input lay beyond the fixed input range ({@link InputScaling#FIXED}) and was
   * clipped to full scale.
   */
  DAC_CLIPPED,
  /**
   * Capacitor pulse bursts (one cell's pulses in one call) that hit a rail of V_C and were clamped
   * there. In the update phase: update lost because the capacitor was full — frequent clamps mean
   * the transfer interval is too long for the update rate. In the transfer phase: a residual the
   * capacitor could not carry (a stuck PCM device, a weight beyond the pair's range).
   */
  CAPACITOR_RAIL_CLAMPS,
  /**
   * SET pulses of the slowest cell of each transferred column of a tile (its cells are tuned in
   * parallel, so the column finishes when its slowest cell does), summed over columns: time, not
   * energy (the pulses are also in {@link #PCM_SET_PULSES}).
   */
  TRANSFER_SLOWEST_SET_PULSES,
  /** RESET pulses of the slowest cell of each transferred column, summed over columns (see {@link #TRANSFER_SLOWEST_SET_PULSES}). */
  TRANSFER_SLOWEST_RESET_PULSES,
  /** Verify reads of the slowest cell of each transferred column, summed over columns (see {@link #TRANSFER_SLOWEST_SET_PULSES}). */
  TRANSFER_SLOWEST_VERIFY_READS,
  /**
   * PCM devices the closed-loop tuner gave up on: no verify read moved by more than the tolerance plus three read-noise SDs
   * over {@code tuneStallPulses} pulses (a stuck or unresponsive device). Diagnostic.
   */
  PCM_CELLS_GIVEN_UP;


  private static final Event[] VALUES = values();

  /** All events, in ordinal order (the order of {@link EventCounts#values()}). */
  public static Event[] all() {
    return VALUES;
  }
}
