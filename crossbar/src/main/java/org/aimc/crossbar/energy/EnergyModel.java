package org.aimc.crossbar.energy;

import static org.aimc.crossbar.energy.TechParameter.*;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.aimc.crossbar.Event;
import org.aimc.crossbar.EventCounts;
import org.aimc.crossbar.TileConfig;

/**
 * Turns event counts (by phase and layer) and a {@link TechnologyTable} into joules, seconds and
 * mm²: an {@link EnergyReport}.
 *
 * <h2>Energy: count × unit, per phase and layer</h2>
 * <table>
 *   <caption>What each technology entry prices</caption>
 *   <tr><th>entry</th><th>count</th><th>component</th></tr>
 *   <tr><td>pcmReadEnergyPj</td><td>MVM_CELL_OPERATIONS × PCM devices per cell (2 hybrid / PCM pair)</td><td>array</td></tr>
 *   <tr><td>capacitorReadEnergyPj</td><td>MVM_CELL_OPERATIONS × 3T1C per cell (1 hybrid / capacitor)</td><td>array</td></tr>
 *   <tr><td>lineDriveEnergyPj</td><td>DAC_CONVERSIONS (one per driven line per MVM)</td><td>array</td></tr>
 *   <tr><td>lineSenseEnergyPj</td><td>ADC_CONVERSIONS (one per sensed line per MVM)</td><td>array</td></tr>
 *   <tr><td>dacEnergyPj</td><td>DAC_CONVERSIONS, at the direction's DAC bits</td><td>DAC</td></tr>
 *   <tr><td>adcEnergyPj</td><td>ADC_CONVERSIONS, at the direction's ADC bits</td><td>ADC</td></tr>
 *   <tr><td>mvmControlEnergyPj</td><td>FORWARD_MVMS + BACKWARD_MVMS</td><td>digital</td></tr>
 *   <tr><td>neuronOpEnergyPj</td><td>ADC_CONVERSIONS (derived: one digital operation per digitised output)</td><td>digital</td></tr>
 *   <tr><td>dataMovementEnergyPj</td><td>DAC_CONVERSIONS + ADC_CONVERSIONS (derived: each converted word enters or leaves a tile)</td><td>digital</td></tr>
 *   <tr><td>updateLinePulseEnergyPj</td><td>UPDATE_ROW_PULSES + UPDATE_COLUMN_PULSES</td><td>array</td></tr>
 *   <tr><td>pulseTrainEnergyPj</td><td>derived: UPDATES/tiles × lines used (rows + columns of every tile); none for the exact encoding</td><td>digital</td></tr>
 *   <tr><td>capacitorPulseEnergyPj</td><td>CAPACITOR_CHARGE_PULSES + CAPACITOR_DISCHARGE_PULSES</td><td>capacitor</td></tr>
 *   <tr><td>capacitorResetEnergyPj</td><td>CAPACITOR_RESETS</td><td>capacitor</td></tr>
 *   <tr><td>pcmSetEnergyPj / pcmResetEnergyPj / pcmVerifyEnergyPj</td><td>PCM_SET_PULSES / PCM_RESET_PULSES / PCM_VERIFY_READS</td><td>PCM programming</td></tr>
 *   <tr><td>transferReadEnergyPj</td><td>CELL_READS</td><td>array</td></tr>
 *   <tr><td>transferColumnEnergyPj</td><td>TRANSFERS</td><td>digital</td></tr>
 *   <tr><td>polarityFlipEnergyPj</td><td>POLARITY_FLIPS</td><td>digital</td></tr>
 * </table>
 * ADC_CLIPPED, DAC_CLIPPED, UPDATE_SATURATED_TRAINS, WEIGHTS_CLIPPED, CAPACITOR_RAIL_CLAMPS and PCM_CELLS_GIVEN_UP are diagnostics (no extra hardware
 * event) and cost nothing ({@link #DIAGNOSTIC_EVENTS}). A converter of 0 bits (unquantised, the
 * ideal periphery) is charged at the table's reference resolution; the ideal layout is priced as
 * the hybrid cell it stands in for. Both are written in the report's notes.
 *
 * <h2>Operations ({@link Convention#AIMC})</h2>
 * {@code 2 × MVM_CELL_OPERATIONS + 2 × (UPDATES/tiles) × cells} per layer: 1 MAC = 2 operations,
 * an outer-product update counts one MAC per cell used.
 *
 * <h2>Time</h2>
 * The chip's one clock, {@link ChipClock} (the trainer's too): layers in sequence, tiles of a layer
 * in parallel, a transferred column finishes with its slowest cell. Phases add up; average power =
 * energy / time.
 *
 * <h2>Area</h2>
 * Every physical tile of the grid: cells × cell area (2 PCM devices and/or one 3T1C) + per row and
 * per column one DAC, one ADC, one update driver and one neuron slice + the tile overhead.
 */
public final class EnergyModel {
  private EnergyModel() {}

  /** Events that are flags on other events, not hardware events of their own: no energy, no time. */
  public static final Set<Event> DIAGNOSTIC_EVENTS = Set.of(Event.ADC_CLIPPED, Event.DAC_CLIPPED,
      Event.UPDATE_SATURATED_TRAINS, Event.WEIGHTS_CLIPPED, Event.CAPACITOR_RAIL_CLAMPS, Event.PCM_CELLS_GIVEN_UP);

  /** Events that set the time of a transfer ({@link ChipClock}) and are priced as energy elsewhere (as PCM_SET_PULSES and its siblings). */
  public static final Set<Event> TIME_ONLY_EVENTS = Set.of(Event.TRANSFER_SLOWEST_SET_PULSES, Event.TRANSFER_SLOWEST_RESET_PULSES,
      Event.TRANSFER_SLOWEST_VERIFY_READS);

  /** The report of a tile config's counts, against the default GPU ({@link ReferenceGpu#P100_FP16}). */
  public static EnergyReport report(PhaseCounts counts, TileConfig config, TechnologyTable tech, long examplesPerEpoch) {
    return report(counts, HardwareSummary.of(config), tech, examplesPerEpoch, ReferenceGpu.P100_FP16);
  }

  /**
   * The report.
   *
   * @param counts the counts by phase and layer, with the network's tile grid
   * @param hw the tile parameters (size must match the grid's)
   * @param tech the technology table
   * @param examplesPerEpoch the training set's size, ≥ 1
   * @param gpu the reference GPU
   * @throws IllegalArgumentException if the grid does not match the tiles, or no training example was counted
   */
  public static EnergyReport report(PhaseCounts counts, HardwareSummary hw, TechnologyTable tech, long examplesPerEpoch, ReferenceGpu gpu) {
    TileGrid grid = counts.grid();
    if (grid.physicalRows() != hw.rows() || grid.physicalCols() != hw.cols()) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "the counts are for %d×%d tiles, the tile config '%s' has %d×%d",
          grid.physicalRows(), grid.physicalCols(), hw.tileConfig(), hw.rows(), hw.cols()));
    }
    if (examplesPerEpoch < 1) throw new IllegalArgumentException("examplesPerEpoch must be at least 1, got " + examplesPerEpoch);
    Convention conv = Convention.AIMC;
    Set<String> notes = new LinkedHashSet<>();
    Map<Phase, List<EventCounts>> typed = counts.typed();

    long examples = passes(typed.get(Phase.FORWARD), grid);
    if (examples < 1) {
      throw new IllegalArgumentException("no training example was counted (the forward phase has no forward MVMs of the first layer)");
    }
    long inferences = passes(typed.get(Phase.INFERENCE), grid);
    ChipClock clock = ChipClock.of(tech, hw, grid);

    List<EnergyReport.LineItem> items = new ArrayList<>();
    Map<Phase, double[]> phaseFigures = new EnumMap<>(Phase.class); // ops, joules, seconds
    Map<Component, Double> byComponent = new EnumMap<>(Component.class);
    for (Component c : Component.values()) byComponent.put(c, 0.0);

    for (Phase phase : Phase.values()) {
      Map<String, double[]> agg = new LinkedHashMap<>(); // key → {count, unit, joules}; unit constant per key
      Map<String, String[]> meta = new LinkedHashMap<>(); // key → {entry, counted, component}
      double ops = 0;
      for (int l = 0; l < grid.layers().size(); l++) {
        EventCounts c = typed.get(phase).get(l);
        int tiles = grid.tiles(l);
        boolean backward = phase == Phase.BACKWARD;
        int dacBits = effectiveBits(backward ? hw.backwardDacBits() : hw.forwardDacBits(), tech, DAC_REFERENCE_BITS, "DAC", notes);
        int adcBits = effectiveBits(backward ? hw.backwardAdcBits() : hw.forwardAdcBits(), tech, ADC_REFERENCE_BITS, "ADC", notes);
        long cellOps = c.get(Event.MVM_CELL_OPERATIONS);
        long dac = c.get(Event.DAC_CONVERSIONS);
        long adc = c.get(Event.ADC_CONVERSIONS);
        long mvms = c.get(Event.FORWARD_MVMS) + c.get(Event.BACKWARD_MVMS);
        double updatesPerTile = (double) c.get(Event.UPDATES) / tiles;
        boolean pulsed = !"EXACT".equals(hw.encoding());

        add(agg, meta, PCM_READ_ENERGY, "MVM_CELL_OPERATIONS × " + hw.pcmDevicesPerCell() + " PCM", (double) cellOps * hw.pcmDevicesPerCell(),
            tech.get(PCM_READ_ENERGY), Component.ARRAY);
        add(agg, meta, CAPACITOR_READ_ENERGY, "MVM_CELL_OPERATIONS × " + hw.capacitorsPerCell() + " 3T1C", (double) cellOps * hw.capacitorsPerCell(),
            tech.get(CAPACITOR_READ_ENERGY), Component.ARRAY);
        add(agg, meta, LINE_DRIVE_ENERGY, "DAC_CONVERSIONS", dac, tech.get(LINE_DRIVE_ENERGY), Component.ARRAY);
        add(agg, meta, LINE_SENSE_ENERGY, "ADC_CONVERSIONS", adc, tech.get(LINE_SENSE_ENERGY), Component.ARRAY);
        add(agg, meta, DAC_ENERGY, "DAC_CONVERSIONS at " + dacBits + " bits", dac, tech.dacEnergyPj(dacBits), Component.DAC);
        add(agg, meta, ADC_ENERGY, "ADC_CONVERSIONS at " + adcBits + " bits", adc, tech.adcEnergyPj(adcBits), Component.ADC);
        add(agg, meta, MVM_CONTROL_ENERGY, "FORWARD_MVMS + BACKWARD_MVMS", mvms, tech.get(MVM_CONTROL_ENERGY), Component.DIGITAL);
        add(agg, meta, NEURON_OP_ENERGY, "ADC_CONVERSIONS (one neuron operation each)", adc, tech.get(NEURON_OP_ENERGY), Component.DIGITAL);
        add(agg, meta, DATA_MOVEMENT_ENERGY, "DAC_CONVERSIONS + ADC_CONVERSIONS (words moved)", dac + adc, tech.get(DATA_MOVEMENT_ENERGY),
            Component.DIGITAL);
        add(agg, meta, UPDATE_LINE_PULSE_ENERGY, "UPDATE_ROW_PULSES + UPDATE_COLUMN_PULSES",
            c.get(Event.UPDATE_ROW_PULSES) + c.get(Event.UPDATE_COLUMN_PULSES), tech.get(UPDATE_LINE_PULSE_ENERGY), Component.ARRAY);
        double trains = pulsed ? updatesPerTile * (grid.usedRowsOverTiles(l) + grid.usedColsOverTiles(l)) : 0;
        add(agg, meta, PULSE_TRAIN_ENERGY, "UPDATES/tiles × lines used (pulse trains)", trains, tech.get(PULSE_TRAIN_ENERGY), Component.DIGITAL);
        add(agg, meta, CAPACITOR_PULSE_ENERGY, "CAPACITOR_CHARGE_PULSES + CAPACITOR_DISCHARGE_PULSES",
            c.capacitorPulses(), tech.get(CAPACITOR_PULSE_ENERGY), Component.CAPACITOR);
        add(agg, meta, CAPACITOR_RESET_ENERGY, "CAPACITOR_RESETS", c.get(Event.CAPACITOR_RESETS), tech.get(CAPACITOR_RESET_ENERGY),
            Component.CAPACITOR);
        add(agg, meta, PCM_SET_ENERGY, "PCM_SET_PULSES", c.get(Event.PCM_SET_PULSES), tech.get(PCM_SET_ENERGY), Component.PCM_PROGRAMMING);
        add(agg, meta, PCM_RESET_ENERGY, "PCM_RESET_PULSES", c.get(Event.PCM_RESET_PULSES), tech.get(PCM_RESET_ENERGY), Component.PCM_PROGRAMMING);
        add(agg, meta, PCM_VERIFY_ENERGY, "PCM_VERIFY_READS", c.get(Event.PCM_VERIFY_READS), tech.get(PCM_VERIFY_ENERGY), Component.PCM_PROGRAMMING);
        add(agg, meta, TRANSFER_READ_ENERGY, "CELL_READS", c.get(Event.CELL_READS), tech.get(TRANSFER_READ_ENERGY), Component.ARRAY);
        add(agg, meta, TRANSFER_COLUMN_ENERGY, "TRANSFERS", c.get(Event.TRANSFERS), tech.get(TRANSFER_COLUMN_ENERGY), Component.DIGITAL);
        add(agg, meta, POLARITY_FLIP_ENERGY, "POLARITY_FLIPS", c.get(Event.POLARITY_FLIPS), tech.get(POLARITY_FLIP_ENERGY), Component.DIGITAL);

        // operations
        ops += conv.opsPerMac() * (double) cellOps;
        if (conv.updateCountsAsMacs()) ops += conv.opsPerMac() * updatesPerTile * grid.cells(l);
      }
      double seconds = clock.phaseSeconds(phase, typed.get(phase));

      double joules = 0;
      for (Map.Entry<String, double[]> e : agg.entrySet()) {
        double[] v = e.getValue();
        if (v[0] == 0) continue;
        String[] m = meta.get(e.getKey());
        double j = v[2];
        joules += j;
        items.add(new EnergyReport.LineItem(phase.id(), m[0], m[1], v[0], v[1], j, m[2]));
        if (phase.isTraining()) {
          Component comp = Component.valueOf(m[2].toUpperCase(Locale.ROOT).replace('-', '_'));
          byComponent.merge(comp, j, Double::sum);
        }
      }
      phaseFigures.put(phase, new double[] {ops, joules, seconds});
    }

    double ops = 0;
    double joules = 0;
    double seconds = 0;
    for (Phase p : Phase.values()) {
      if (!p.isTraining()) continue;
      ops += phaseFigures.get(p)[0];
      joules += phaseFigures.get(p)[1];
      seconds += phaseFigures.get(p)[2];
    }
    List<EnergyReport.PhaseFigures> byPhase = new ArrayList<>();
    for (Phase p : Phase.values()) {
      if (!p.isTraining()) continue;
      double[] f = phaseFigures.get(p);
      byPhase.add(new EnergyReport.PhaseFigures(p.id(), f[0], f[1], f[2], f[1] / joules));
    }
    double[] inf = phaseFigures.get(Phase.INFERENCE);
    EnergyReport.PhaseFigures inference = new EnergyReport.PhaseFigures(Phase.INFERENCE.id(), inf[0], inf[1], inf[2], 0);
    List<EnergyReport.ComponentFigures> comps = new ArrayList<>();
    for (Component c : Component.values()) comps.add(new EnergyReport.ComponentFigures(c.id(), byComponent.get(c), byComponent.get(c) / joules));

    double area = areaMm2(grid, hw, tech);
    double perExample = joules / examples;
    double perInference = inferences > 0 ? inf[1] / inferences : phaseFigures.get(Phase.FORWARD)[1] / examples;
    double gopsPerWatt = ops / joules / 1e9;
    double topsPerMm2 = ops / seconds / area / 1e12;
    EnergyReport.GpuComparison g = new EnergyReport.GpuComparison(gpu.name(), gpu.gopsPerWatt(), gpu.topsPerMm2(),
        gpu.joulesFor(ops / examples), gopsPerWatt / gpu.gopsPerWatt(), topsPerMm2 / gpu.topsPerMm2(), gpu.source());
    if (hw.cellLayout() == org.aimc.crossbar.CellLayout.IDEAL) {
      notes.add("ideal cells are priced as the hybrid cell they stand in for (2 PCM + 1 3T1C)");
    }
    if (hw.cellLayout() == org.aimc.crossbar.CellLayout.PULSED) {
      notes.add("pulsed-device cells are priced as a 3T1C cell (a device-specific energy per pulse is not modelled)");
    }
    if (!counts.counts().containsKey(Phase.TRANSFER.id()) || phaseFigures.get(Phase.TRANSFER)[1] == 0) {
      notes.add("no transfer was counted");
    }
    return new EnergyReport(conv, tech.name(), hw, grid, examples, examplesPerEpoch, inferences, area, grid.utilisation(), ops, joules,
        seconds, perExample, perExample * examplesPerEpoch, perInference, joules / seconds, gopsPerWatt, topsPerMm2, byPhase, inference,
        comps, items, g, new ArrayList<>(notes));
  }

  /** Area of every tile of the grid, mm². */
  public static double areaMm2(TileGrid grid, HardwareSummary hw, TechnologyTable tech) {
    return grid.tiles() * tileAreaUm2(hw, tech) * 1e-6;
  }

  /** Area of one physical tile, µm²: cells + per-line periphery (both directions) + overhead. */
  public static double tileAreaUm2(HardwareSummary hw, TechnologyTable tech) {
    double r = hw.rows();
    double c = hw.cols();
    double cell = hw.pcmDevicesPerCell() * tech.get(PCM_DEVICE_AREA) + hw.capacitorsPerCell() * tech.get(CAPACITOR_CELL_AREA);
    int fd = bitsOrReference(hw.forwardDacBits(), tech, DAC_REFERENCE_BITS);
    int bd = bitsOrReference(hw.backwardDacBits(), tech, DAC_REFERENCE_BITS);
    int fa = bitsOrReference(hw.forwardAdcBits(), tech, ADC_REFERENCE_BITS);
    int ba = bitsOrReference(hw.backwardAdcBits(), tech, ADC_REFERENCE_BITS);
    // Forward: DACs on the rows, ADCs on the columns; backward: the other way round.
    double periphery = r * (tech.dacAreaUm2(fd) + tech.adcAreaUm2(ba)) + c * (tech.dacAreaUm2(bd) + tech.adcAreaUm2(fa))
        + (r + c) * (tech.get(UPDATE_DRIVER_AREA) + tech.get(NEURON_AREA));
    return r * c * cell + periphery + tech.get(TILE_OVERHEAD_AREA);
  }

  /** Forward passes through the whole network in one phase: the first layer's forward MVMs / its tiles. */
  static long passes(List<EventCounts> layers, TileGrid grid) {
    return Math.round((double) layers.get(0).get(Event.FORWARD_MVMS) / grid.tiles(0));
  }

  private static int effectiveBits(int bits, TechnologyTable tech, TechParameter reference, String what, Set<String> notes) {
    if (bits > 0) return bits;
    int ref = (int) tech.get(reference);
    if (notes != null) notes.add(String.format(Locale.ROOT, "unquantised %s (0 bits) charged at the table's reference of %d bits", what, ref));
    return ref;
  }

  /** Converter bits, or the table's reference bits for an unquantised (0-bit) converter. */
  static int bitsOrReference(int bits, TechnologyTable tech, TechParameter reference) {
    return bits > 0 ? bits : (int) tech.get(reference);
  }

  private static void add(Map<String, double[]> agg, Map<String, String[]> meta, TechParameter entry, String counted, double count,
      double unitPj, Component component) {
    String key = entry.key() + "|" + counted;
    double[] v = agg.computeIfAbsent(key, k -> new double[] {0, unitPj, 0});
    v[0] += count;
    v[2] += count * unitPj * 1e-12;
    meta.putIfAbsent(key, new String[] {entry.key(), counted, component.id()});
  }
}
