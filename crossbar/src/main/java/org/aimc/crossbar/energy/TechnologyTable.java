package org.aimc.crossbar.energy;

import static org.aimc.crossbar.energy.TechParameter.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-event energies and latencies, per-cell and per-peripheral areas, each with its source: what
 * turns event counts into joules, seconds and mm² (see {@link EnergyModel}). Immutable; the
 * constructor checks that every {@link TechParameter} is present, finite and not negative (bits and
 * the MVM latencies strictly positive) and names the first entry that is not.
 *
 * <h2>Presets</h2>
 * <ul>
 *   <li>{@link #estimates2018()}: a-priori values, each from a named model (ISAAC/PUMA, MLP+NeuroSim
 *       V3.0, Horowitz ISSCC 2014) or "assumed" with a physical estimate;
 *   <li>{@link #ambrogio2018()}: the same with two scale factors fitted so that the paper's
 *       configuration gives its two headline figures (see {@link Calibration}): the cell read
 *       energies (both device kinds, one factor) and the cell areas (both device kinds, one factor).
 *       The factors are written in those entries' sources and in {@link Calibration#ENERGY_FACTOR}
 *       and {@link Calibration#AREA_FACTOR}.
 * </ul>
 *
 * @param name a label for reports
 * @param description one line on what the table is
 * @param entries one entry per {@link TechParameter}
 */
public record TechnologyTable(String name, String description, Map<TechParameter, TechnologyEntry> entries) {

  public TechnologyTable {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("technology table: name is empty");
    if (description == null) description = "";
    if (entries == null) throw new IllegalArgumentException("technology table '" + name + "': entries are missing");
    EnumMap<TechParameter, TechnologyEntry> copy = new EnumMap<>(TechParameter.class);
    for (TechParameter p : TechParameter.values()) {
      TechnologyEntry e = entries.get(p);
      if (e == null) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "technology table '%s': missing entry '%s' (%s, %s)", name, p.key(), p.description(), p.unit()));
      }
      double v = e.value();
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "technology table '%s': entry '%s' must be finite, got %s", name, p.key(), v));
      }
      if (v < 0) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "technology table '%s': entry '%s' must not be negative, got %s %s", name, p.key(), v, p.unit()));
      }
      if (p.kind() == TechParameter.Kind.BITS && (v < 1 || v > 24 || v != Math.rint(v))) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "technology table '%s': entry '%s' must be a whole number of bits in 1..24, got %s", name, p.key(), v));
      }
      if ((p == READ_LATENCY || p == ADC_LATENCY || p == UPDATE_SLOT_LATENCY) && !(v > 0)) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "technology table '%s': entry '%s' must be > 0 (every MVM and update takes time), got %s", name, p.key(), v));
      }
      copy.put(p, e);
    }
    entries = Collections.unmodifiableMap(copy);
  }

  /** The value of one entry, in its unit (pJ, ns, µm², bits). */
  public double get(TechParameter p) {
    return entries.get(p).value();
  }

  /** The source of one entry. */
  public String source(TechParameter p) {
    return entries.get(p).source();
  }

  /** A copy with one entry replaced. */
  public TechnologyTable with(TechParameter p, double value, String source) {
    Map<TechParameter, TechnologyEntry> m = new EnumMap<>(entries);
    m.put(p, new TechnologyEntry(value, source));
    return new TechnologyTable(name, description, m);
  }

  /** A copy with another name and description. */
  public TechnologyTable named(String n, String d) {
    return new TechnologyTable(n, d, entries);
  }

  /**
   * A table from entries keyed by {@link TechParameter#key()} (as in a JSON file). Entries missing
   * here are taken from {@code base} when it is given; without a base every entry is required.
   *
   * @throws IllegalArgumentException naming an unknown, missing, negative or non-finite entry
   */
  public static TechnologyTable fromKeys(String name, String description, Map<String, TechnologyEntry> byKey,
      TechnologyTable base) {
    Map<TechParameter, TechnologyEntry> m = new EnumMap<>(TechParameter.class);
    if (base != null) m.putAll(base.entries());
    for (Map.Entry<String, TechnologyEntry> e : byKey.entrySet()) {
      if (e.getValue() == null) {
        throw new IllegalArgumentException("technology table '" + name + "': entry '" + e.getKey() + "' has no value");
      }
      m.put(TechParameter.byKey(e.getKey()), e.getValue());
    }
    return new TechnologyTable(name, description, m);
  }

  /** The entries keyed by {@link TechParameter#key()}, in declaration order (for files and reports). */
  public Map<String, TechnologyEntry> byKey() {
    Map<String, TechnologyEntry> m = new LinkedHashMap<>();
    for (TechParameter p : TechParameter.values()) m.put(p.key(), entries.get(p));
    return m;
  }

  // ------------------------------------------------------------------ converters

  /** Energy of one DAC conversion at {@code bits}, pJ: {@code E_ref·2^(bits − b_ref)}. */
  public double dacEnergyPj(int bits) {
    return get(DAC_ENERGY) * Math.pow(2, bits - get(DAC_REFERENCE_BITS));
  }

  /** Energy of one ADC conversion at {@code bits}, pJ: {@code E_ref·2^(bits − b_ref)}. */
  public double adcEnergyPj(int bits) {
    return get(ADC_ENERGY) * Math.pow(2, bits - get(ADC_REFERENCE_BITS));
  }

  /** Latency of one DAC conversion at {@code bits}, ns: {@code t_ref·bits/b_ref}. */
  public double dacLatencyNs(int bits) {
    return get(DAC_LATENCY) * bits / get(DAC_REFERENCE_BITS);
  }

  /** Latency of one ADC conversion at {@code bits}, ns: {@code t_ref·bits/b_ref}. */
  public double adcLatencyNs(int bits) {
    return get(ADC_LATENCY) * bits / get(ADC_REFERENCE_BITS);
  }

  /** Area of one DAC at {@code bits}, µm²: {@code A_ref·2^(bits − b_ref)}. */
  public double dacAreaUm2(int bits) {
    return get(DAC_AREA) * Math.pow(2, bits - get(DAC_REFERENCE_BITS));
  }

  /** Area of one ADC at {@code bits}, µm²: {@code A_ref·2^(bits − b_ref)}. */
  public double adcAreaUm2(int bits) {
    return get(ADC_AREA) * Math.pow(2, bits - get(ADC_REFERENCE_BITS));
  }

  // ------------------------------------------------------------------ presets

  /**
   * The a-priori table for a 2018-era hybrid PCM + 3T1C chip: every value from a named model or an
   * explicit physical estimate, before calibration. Sources:
   * <ul>
   *   <li>ISAAC: Shafiee et al., ISCA 2016, Table 1 (as reused by PUMA, Ankit et al., ASPLOS 2019):
   *       8-bit ADC 2 mW at 1.28 GS/s, 0.0012 mm²; 1-bit DAC 4 mW and 0.00017 mm² per 1,024;
   *   <li>MLP+NeuroSim V3.0 ({@code Cell.h}): 3T1C with a 100 fF capacitor, 6.67 µA for 500 ps at
   *       1 V per pulse, g 4–20 µS read at 0.5 V;
   *   <li>Horowitz, "Computing's energy problem", ISSCC 2014 (45 nm): 16-bit FP add 0.4 pJ,
   *       multiply 1.1 pJ, 64-bit read of an 8 KB SRAM ≈ 10 pJ;
   *   <li>Ambrogio et al. 2018 (paper): PCM useful range 0–20 µS, staircase SET 13.6 ns–4.4 µs.
   * </ul>
   * The ISAAC figures are for 32 nm and are not rescaled to the PCM's node (assumed).
   */
  public static TechnologyTable estimates2018() {
    Map<TechParameter, TechnologyEntry> m = new EnumMap<>(TechParameter.class);
    // energies, pJ
    m.put(PCM_READ_ENERGY, e(0.004, ESTIMATE_PCM_READ));
    m.put(CAPACITOR_READ_ENERGY, e(0.030, ESTIMATE_CAPACITOR_READ));
    m.put(LINE_DRIVE_ENERGY, e(0.05, "assumed: C_line·V² = 0.2 fF per cell × 1,024 cells × (0.5 V)²"));
    m.put(LINE_SENSE_ENERGY, e(0.05, "assumed: as lineDriveEnergyPj (the sensed line charges the same way)"));
    m.put(DAC_ENERGY, e(0.39, "ISAAC 1-bit DAC: 4 mW / (1,024 DACs × 1.28 GHz) = 3.05 fJ, ×2 per bit to 8 bits (assumed scaling) = 0.39 pJ"));
    m.put(ADC_ENERGY, e(1.5625, "ISAAC/PUMA 8-bit SAR ADC: 2 mW at 1.28 GS/s = 1.5625 pJ per conversion (MNSIM's convention gives 15.6 pJ)"));
    m.put(MVM_CONTROL_ENERGY, e(1.0, "assumed: sequencing one MVM ≈ 10 32-bit adds' worth of logic (Horowitz 2014: 0.1 pJ each)"));
    m.put(UPDATE_LINE_PULSE_ENERGY, e(0.2, "assumed: C_line·V² = 200 fF × (1 V)², the 1 V pulses of MLP+NeuroSim's 3T1C"));
    m.put(PULSE_TRAIN_ENERGY, e(0.5, "assumed: one 16-bit scaling (Horowitz 2014: ≈ 0.4 pJ) and BL random bits from an LFSR"));
    m.put(CAPACITOR_PULSE_ENERGY, e(0.0033, "MLP+NeuroSim V3.0 Cell.h: 6.67 µA × 1 V × 500 ps = 3.3 fJ"));
    m.put(CAPACITOR_RESET_ENERGY, e(0.05, "assumed: C·V_dd·ΔV = 100 fF (MLP+NeuroSim) × 1 V × 0.5 V"));
    m.put(PCM_SET_ENERGY, e(10.0, "assumed: V·I·t = 1 V × 100 µA × 100 ns (pcmSetLatencyNs)"));
    m.put(PCM_RESET_ENERGY, e(22.5, "assumed: V·I·t = 1.5 V × 300 µA × 50 ns (pcmResetLatencyNs)"));
    m.put(PCM_VERIFY_ENERGY, e(1.6025, "derived: device read (0.2 V)²·10 µS·100 ns = 0.04 pJ + one 8-bit ADC conversion 1.5625 pJ"));
    m.put(TRANSFER_READ_ENERGY, e(3.10, "derived: one 8-bit ADC conversion 1.5625 pJ + one neuron operation 1.5 pJ + the cell's device reads ≈ 0.04 pJ"));
    m.put(TRANSFER_COLUMN_ENERGY, e(10.0, "assumed: column selection and the controller's bookkeeping of one column"));
    m.put(POLARITY_FLIP_ENERGY, e(0.1, "assumed: toggling one latch and its column's sign logic"));
    m.put(NEURON_OP_ENERGY, e(1.5, "Horowitz ISSCC 2014 (45 nm): 16-bit FP add 0.4 pJ + 16-bit FP multiply 1.1 pJ"));
    m.put(DATA_MOVEMENT_ENERGY, e(2.5, "Horowitz ISSCC 2014 (45 nm): 64-bit read of an 8 KB SRAM ≈ 10 pJ, i.e. 2.5 pJ per 16-bit word"));
    // latencies, ns
    m.put(READ_LATENCY, e(10.0, "assumed: integration of one MVM (MLP+NeuroSim reads for 5 ns; aihwkit's inference read is 250 ns)"));
    m.put(DAC_LATENCY, e(0.78, "ISAAC: 1.28 GHz conversion rate"));
    m.put(ADC_LATENCY, e(0.78, "ISAAC/PUMA: 1.28 GS/s; one ADC per line (assumed, no multiplexing)"));
    m.put(NEURON_LATENCY, e(1.0, "assumed: one 1 GHz cycle, pipelined over the outputs"));
    m.put(DATA_MOVEMENT_LATENCY, e(2.0, "assumed: two 1 GHz cycles on a vector-wide bus"));
    m.put(UPDATE_SLOT_LATENCY, e(1.0, "assumed: MLP+NeuroSim's 500 ps capacitor pulse plus an equal gap"));
    m.put(CAPACITOR_RESET_LATENCY, e(5.0, "assumed: settling 100 fF to 0.5 V"));
    m.put(PCM_SET_LATENCY, e(100.0, "assumed: within the paper's staircase SET of 13.6 ns–4.4 µs"));
    m.put(PCM_RESET_LATENCY, e(50.0, "assumed: a typical PCM RESET pulse"));
    m.put(PCM_VERIFY_LATENCY, e(100.0, "assumed: a low-noise single-device read with its conversion"));
    m.put(TRANSFER_READ_LATENCY, e(20.0, "assumed: about one MVM (all rows of a column integrated and converted at once)"));
    m.put(TRANSFER_COLUMN_LATENCY, e(10.0, "assumed: column selection and polarity flip"));
    // areas, µm²
    m.put(PCM_DEVICE_AREA, e(0.4, ESTIMATE_PCM_AREA));
    m.put(CAPACITOR_CELL_AREA, e(11.0, ESTIMATE_CAPACITOR_AREA));
    m.put(DAC_AREA, e(21.25, "ISAAC 1-bit DAC: 0.00017 mm² / 1,024 = 0.166 µm², ×2 per bit to 8 bits (assumed scaling)"));
    m.put(ADC_AREA, e(1200.0, "ISAAC/PUMA 8-bit ADC: 0.0012 mm² (32 nm, not rescaled)"));
    m.put(UPDATE_DRIVER_AREA, e(20.0, "assumed: pulse-train register and line driver"));
    m.put(NEURON_AREA, e(100.0, "assumed: a 16-bit unit (Horowitz 2014: ≈ 1,500 µm² per FP16 adder or multiplier) shared by ≈ 30 lines"));
    m.put(TILE_OVERHEAD_AREA, e(10000.0, "assumed: controller, buffers and routing of one tile"));
    // converter references
    m.put(DAC_REFERENCE_BITS, e(8, "the ISAAC DAC figures scaled to 8 bits"));
    m.put(ADC_REFERENCE_BITS, e(8, "ISAAC/PUMA: 8-bit ADC"));
    return new TechnologyTable("estimates2018", "a-priori 2018-era hybrid PCM + 3T1C technology, before calibration", m);
  }

  static final String ESTIMATE_PCM_READ =
      "(0.2 V)²·10 µS·10 ns = 4 fJ: V_read 0.2 V assumed (non-disturbing PCM read), G the middle of the paper's 0–20 µS range, t = readLatencyNs";
  static final String ESTIMATE_CAPACITOR_READ =
      "(0.5 V)²·12 µS·10 ns = 30 fJ: 0.5 V and g 4–20 µS from MLP+NeuroSim V3.0 Cell.h, at readLatencyNs";
  static final String ESTIMATE_PCM_AREA = "1T1R ≈ 50 F² at a 90 nm node = 0.4 µm² (assumed)";
  static final String ESTIMATE_CAPACITOR_AREA = "100 fF (MLP+NeuroSim) at ≈ 10 fF/µm² = 10 µm² plus three transistors ≈ 1 µm² (assumed)";

  /**
   * The calibrated table of the paper's configuration: {@link #estimates2018()} with the cell read
   * energies and the cell areas scaled by the factors of {@link Calibration} so that the paper's
   * configuration ({@link Calibration#paperWorkload()}) gives 28,065 GOP/s/W and 3.6 TOP/s/mm².
   * The scaled values are written out here (not solved at start-up); {@code CalibrationTest} checks
   * that solving again gives the same values and that the figures are met.
   */
  public static TechnologyTable ambrogio2018() {
    TechnologyTable t = estimates2018();
    double ke = Calibration.ENERGY_FACTOR;
    double ka = Calibration.AREA_FACTOR;
    String why = " so that the paper's configuration gives %s (Calibration)";
    t = t.with(PCM_READ_ENERGY, 0.004 * ke, String.format(Locale.ROOT,
        "calibrated: ×%.4f the estimate " + ESTIMATE_PCM_READ + why, ke, "28,065 GOP/s/W"));
    t = t.with(CAPACITOR_READ_ENERGY, 0.030 * ke, String.format(Locale.ROOT,
        "calibrated: ×%.4f the estimate " + ESTIMATE_CAPACITOR_READ + why, ke, "28,065 GOP/s/W"));
    t = t.with(PCM_DEVICE_AREA, 0.4 * ka, String.format(Locale.ROOT,
        "calibrated: ×%.4f the estimate " + ESTIMATE_PCM_AREA + why, ka, "3.6 TOP/s/mm²"));
    t = t.with(CAPACITOR_CELL_AREA, 11.0 * ka, String.format(Locale.ROOT,
        "calibrated: ×%.4f the estimate " + ESTIMATE_CAPACITOR_AREA + why, ka, "3.6 TOP/s/mm²"));
    return t.named("ambrogio2018", "estimates2018 with cell read energy and cell area calibrated to the paper's 28,065 GOP/s/W and 3.6 TOP/s/mm²");
  }

  /** The preset names {@link #preset} knows. */
  public static List<String> presetNames() {
    return List.of("ambrogio2018", "estimates2018");
  }

  /** A preset by name. */
  public static TechnologyTable preset(String name) {
    String k = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return switch (k) {
      case "ambrogio2018" -> ambrogio2018();
      case "estimates2018" -> estimates2018();
      default -> throw new IllegalArgumentException("unknown technology preset '" + name + "'; allowed: " + String.join(", ", presetNames()));
    };
  }

  /** The entries whose source starts with "calibrated", in declaration order. */
  public List<TechParameter> calibratedEntries() {
    List<TechParameter> l = new ArrayList<>();
    for (TechParameter p : TechParameter.values()) if (source(p).startsWith("calibrated")) l.add(p);
    return l;
  }

  private static TechnologyEntry e(double v, String source) {
    return new TechnologyEntry(v, source);
  }
}
