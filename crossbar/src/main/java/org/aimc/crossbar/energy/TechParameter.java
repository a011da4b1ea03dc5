package org.aimc.crossbar.energy;

import java.util.Locale;

/**
 * The entries of a {@link TechnologyTable}: per-event energies (pJ), latencies (ns), areas (µm²)
 * and the reference resolutions of the converters. Each entry says which counted event (or which
 * derived count) it prices; {@link EnergyModel} documents how.
 *
 * <p>Converters: DAC and ADC energy and area double per bit around the table's reference
 * resolution ({@code E(b) = E_ref·2^(b − b_ref)}, the Walden figure-of-merit scaling); their
 * latency grows linearly with the bits (one successive-approximation step per bit).
 */
public enum TechParameter {
  // ------------------------------------------------------------------ energies, pJ
  /** One PCM device taking part in one MVM (counted: MVM cell operations × PCM devices per cell). */
  PCM_READ_ENERGY("pcmReadEnergyPj", Kind.ENERGY, "one PCM device in one MVM (V_read²·G·t_read)"),
  /** One 3T1C read transistor in one MVM, its share of g_shared included (MVM cell operations × 3T1C per cell). */
  CAPACITOR_READ_ENERGY("capacitorReadEnergyPj", Kind.ENERGY, "one 3T1C cell in one MVM (V_read²·g·t_read)"),
  /** Driving one input line of a tile for one MVM: row in the forward pass, column in the backward (DAC conversions). */
  LINE_DRIVE_ENERGY("lineDriveEnergyPj", Kind.ENERGY, "driving one input line for one MVM (line charging), per DAC conversion"),
  /** Sensing one output line for one MVM: the integrator (ADC conversions). */
  LINE_SENSE_ENERGY("lineSenseEnergyPj", Kind.ENERGY, "sensing one output line for one MVM (integrator), per ADC conversion"),
  /** One input DAC conversion at {@link #DAC_REFERENCE_BITS}. */
  DAC_ENERGY("dacEnergyPj", Kind.ENERGY, "one DAC conversion at dacReferenceBits (×2 per extra bit)"),
  /** One output ADC conversion at {@link #ADC_REFERENCE_BITS}. */
  ADC_ENERGY("adcEnergyPj", Kind.ENERGY, "one ADC conversion at adcReferenceBits (×2 per extra bit)"),
  /** Sequencing one MVM of one tile (forward and backward MVM counts). */
  MVM_CONTROL_ENERGY("mvmControlEnergyPj", Kind.ENERGY, "control of one MVM of one tile"),
  /** One pulse on a row or column line during an update (update row and column pulses). */
  UPDATE_LINE_PULSE_ENERGY("updateLinePulseEnergyPj", Kind.ENERGY, "one update pulse on a row or column line"),
  /** Computing one line's pulse train for one update: a scaling and BL random bits (derived: lines × updates). */
  PULSE_TRAIN_ENERGY("pulseTrainEnergyPj", Kind.ENERGY, "generating one line's pulse train for one update"),
  /** One capacitor charge or discharge pulse delivered to a cell. */
  CAPACITOR_PULSE_ENERGY("capacitorPulseEnergyPj", Kind.ENERGY, "one 3T1C charge or discharge pulse"),
  /** Re-initialising one capacitor (cell or g_shared) to its reset voltage. */
  CAPACITOR_RESET_ENERGY("capacitorResetEnergyPj", Kind.ENERGY, "re-initialising one capacitor to 0.5 V"),
  /** One PCM partial-SET pulse (tuning, or the update of PCM-only cells). */
  PCM_SET_ENERGY("pcmSetEnergyPj", Kind.ENERGY, "one PCM partial-SET pulse"),
  /** One PCM RESET pulse. */
  PCM_RESET_ENERGY("pcmResetEnergyPj", Kind.ENERGY, "one PCM RESET pulse"),
  /** One verify read of a single PCM device during closed-loop tuning, its conversion included. */
  PCM_VERIFY_ENERGY("pcmVerifyEnergyPj", Kind.ENERGY, "one verify read of one PCM device, conversion included"),
  /** Reading one cell's weight for a transfer, conversion and the digital target arithmetic included (cell reads). */
  TRANSFER_READ_ENERGY("transferReadEnergyPj", Kind.ENERGY, "reading one cell's weight for a transfer, conversion and target arithmetic included"),
  /** Control of one column transfer of one tile (transfers). */
  TRANSFER_COLUMN_ENERGY("transferColumnEnergyPj", Kind.ENERGY, "control of one column transfer of one tile"),
  /** Flipping one column's polarity bit (polarity flips). */
  POLARITY_FLIP_ENERGY("polarityFlipEnergyPj", Kind.ENERGY, "flipping one column's polarity"),
  /** One digital neuron operation on a digitised output: partial-sum add, scaling, activation or its derivative (derived: one per ADC conversion). */
  NEURON_OP_ENERGY("neuronOpEnergyPj", Kind.ENERGY, "one digital neuron operation (one per ADC conversion)"),
  /** Moving one word between a tile's periphery and the neuron block or the next tile (derived: one per DAC and one per ADC conversion). */
  DATA_MOVEMENT_ENERGY("dataMovementEnergyPj", Kind.ENERGY, "moving one word into or out of a tile (one per DAC and per ADC conversion)"),

  // ------------------------------------------------------------------ latencies, ns
  /** Analog integration of one MVM (the read pulse). */
  READ_LATENCY("readLatencyNs", Kind.LATENCY, "analog integration of one MVM"),
  /** One DAC conversion at the reference resolution (the inputs of a tile convert in parallel). */
  DAC_LATENCY("dacLatencyNs", Kind.LATENCY, "one DAC conversion at dacReferenceBits (∝ bits)"),
  /** One ADC conversion at the reference resolution (one ADC per line, all lines in parallel). */
  ADC_LATENCY("adcLatencyNs", Kind.LATENCY, "one ADC conversion at adcReferenceBits (∝ bits)"),
  /** The digital neuron step after one MVM (pipelined over the outputs). */
  NEURON_LATENCY("neuronLatencyNs", Kind.LATENCY, "digital neuron step after one MVM"),
  /** Moving one MVM's result vector to the next tile. */
  DATA_MOVEMENT_LATENCY("dataMovementLatencyNs", Kind.LATENCY, "moving one MVM's vector to the next tile"),
  /** One slot of an update pulse train (capacitor pulse plus gap). */
  UPDATE_SLOT_LATENCY("updateSlotLatencyNs", Kind.LATENCY, "one slot of an update pulse train"),
  /** Re-initialising one column's capacitors (all rows at once). */
  CAPACITOR_RESET_LATENCY("capacitorResetLatencyNs", Kind.LATENCY, "re-initialising one column's capacitors"),
  /** One PCM partial-SET pulse (also the slot of a PCM-only update). */
  PCM_SET_LATENCY("pcmSetLatencyNs", Kind.LATENCY, "one PCM partial-SET pulse"),
  /** One PCM RESET pulse. */
  PCM_RESET_LATENCY("pcmResetLatencyNs", Kind.LATENCY, "one PCM RESET pulse"),
  /** One verify read. */
  PCM_VERIFY_LATENCY("pcmVerifyLatencyNs", Kind.LATENCY, "one PCM verify read"),
  /** Reading one column's weights for a transfer (all rows at once). */
  TRANSFER_READ_LATENCY("transferReadLatencyNs", Kind.LATENCY, "reading one column for a transfer"),
  /** Control of one column transfer (polarity flip included). */
  TRANSFER_COLUMN_LATENCY("transferColumnLatencyNs", Kind.LATENCY, "control of one column transfer"),

  // ------------------------------------------------------------------ areas, µm²
  /** One PCM device with its access transistor (1T1R). */
  PCM_DEVICE_AREA("pcmDeviceAreaUm2", Kind.AREA, "one PCM device with its access transistor"),
  /** One 3T1C cell: three transistors and the capacitor. */
  CAPACITOR_CELL_AREA("capacitorCellAreaUm2", Kind.AREA, "one 3T1C cell"),
  /** One DAC and line driver at the reference resolution (one per row and per column). */
  DAC_AREA("dacAreaUm2", Kind.AREA, "one DAC and driver at dacReferenceBits, one per line (×2 per extra bit)"),
  /** One ADC and integrator at the reference resolution (one per row and per column). */
  ADC_AREA("adcAreaUm2", Kind.AREA, "one ADC and integrator at adcReferenceBits, one per line (×2 per extra bit)"),
  /** One update pulse generator and driver (one per row and per column). */
  UPDATE_DRIVER_AREA("updateDriverAreaUm2", Kind.AREA, "one update pulse generator, one per line"),
  /** Digital neuron logic per sensed line (one per row and per column). */
  NEURON_AREA("neuronAreaUm2", Kind.AREA, "digital neuron logic, per line"),
  /** Control, buffers and routing of one tile. */
  TILE_OVERHEAD_AREA("tileOverheadAreaUm2", Kind.AREA, "control, buffers and routing of one tile"),

  // ------------------------------------------------------------------ converter references, bits
  /** The resolution that {@link #DAC_ENERGY}, {@link #DAC_LATENCY} and {@link #DAC_AREA} refer to. */
  DAC_REFERENCE_BITS("dacReferenceBits", Kind.BITS, "resolution the DAC entries refer to"),
  /** The resolution that {@link #ADC_ENERGY}, {@link #ADC_LATENCY} and {@link #ADC_AREA} refer to. */
  ADC_REFERENCE_BITS("adcReferenceBits", Kind.BITS, "resolution the ADC entries refer to");

  /** What an entry measures, and its unit. */
  public enum Kind {
    ENERGY("pJ"),
    LATENCY("ns"),
    AREA("µm²"),
    BITS("bits");

    private final String unit;

    Kind(String unit) {
      this.unit = unit;
    }

    public String unit() {
      return unit;
    }
  }

  private final String key;
  private final Kind kind;
  private final String description;

  TechParameter(String key, Kind kind, String description) {
    this.key = key;
    this.kind = kind;
    this.description = description;
  }

  /** The name in technology files and reports, unit included, e.g. {@code adcEnergyPj}. */
  public String key() {
    return key;
  }

  public Kind kind() {
    return kind;
  }

  /** The unit of the value: pJ, ns, µm² or bits. */
  public String unit() {
    return kind.unit();
  }

  public String description() {
    return description;
  }

  /**
   * The parameter with this key (exact, e.g. {@code adcEnergyPj}).
   *
   * @throws IllegalArgumentException naming the key, for an unknown key
   */
  public static TechParameter byKey(String key) {
    for (TechParameter p : values()) if (p.key.equals(key)) return p;
    String lower = key == null ? "" : key.toLowerCase(Locale.ROOT);
    for (TechParameter p : values()) {
      if (p.key.toLowerCase(Locale.ROOT).equals(lower)) {
        throw new IllegalArgumentException("unknown technology entry '" + key + "'; did you mean '" + p.key + "'?");
      }
    }
    throw new IllegalArgumentException("unknown technology entry '" + key + "'; the entries are listed by 'aimc power --show-technology'");
  }
}
