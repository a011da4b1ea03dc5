package org.aimc.crossbar.energy;

import java.util.List;

/**
 * What a training run (or an analytic estimate) cost on the modelled chip: the {@code energy} block
 * of a run's {@code result.json}. SI units throughout (J, s, W, mm²); operations follow
 * {@link #convention()} (1 MAC = 2 operations). Training figures cover the forward, backward,
 * update and transfer phases; inference (evaluation passes) is reported apart.
 *
 * @param convention how operations were counted
 * @param technology name of the technology table
 * @param hardware the tile parameters the model used
 * @param grid the network's tiles
 * @param trainingExamples training examples counted (forward passes of the first layer in the forward phase)
 * @param examplesPerEpoch examples of one epoch (the training set's size)
 * @param inferences evaluation forward passes counted (0 when none were)
 * @param areaMm2 area of every tile of the grid (used or not), mm²
 * @param utilisation fraction of the tiles' cells that hold a weight
 * @param operations operations of training
 * @param energyJoules energy of training, J
 * @param seconds modelled chip time of training (latency model; phases in sequence), s
 * @param energyPerExampleJoules training energy per training example, J
 * @param energyPerEpochJoules energy per example × examples per epoch, J
 * @param energyPerInferenceJoules energy of one forward pass: inference phase per inference, or the
 *     forward phase per training example when no inference was counted, J
 * @param averagePowerWatts training energy / modelled time, W
 * @param gopsPerWatt operations / energy, in GOP/s/W (= GOP/J)
 * @param topsPerMm2 operations / modelled time / area, TOP/s/mm²
 * @param byPhase the training phases (forward, backward, update, transfer)
 * @param inference the inference phase (zeros when none was counted)
 * @param byComponent training energy by component
 * @param lineItems training and inference energy by phase and technology entry: count × unit energy
 * @param gpu the same training work on a reference GPU
 * @param notes assumptions the figures rest on (converters charged at reference bits, and so on)
 */
public record EnergyReport(
    Convention convention,
    String technology,
    HardwareSummary hardware,
    TileGrid grid,
    long trainingExamples,
    long examplesPerEpoch,
    long inferences,
    double areaMm2,
    double utilisation,
    double operations,
    double energyJoules,
    double seconds,
    double energyPerExampleJoules,
    double energyPerEpochJoules,
    double energyPerInferenceJoules,
    double averagePowerWatts,
    double gopsPerWatt,
    double topsPerMm2,
    List<PhaseFigures> byPhase,
    PhaseFigures inference,
    List<ComponentFigures> byComponent,
    List<LineItem> lineItems,
    GpuComparison gpu,
    List<String> notes) {

  public EnergyReport {
    byPhase = List.copyOf(byPhase);
    byComponent = List.copyOf(byComponent);
    lineItems = List.copyOf(lineItems);
    notes = List.copyOf(notes);
  }

  /**
   * One training example's forward, backward and update on the chip's clock ({@link ChipClock}), s:
   * a run's result.json ({@code analog.secondsPerExample}) reports the same. Derived, not stored, so
   * that results written before it existed still read.
   */
  public double secondsPerExample() {
    double s = 0;
    for (PhaseFigures p : byPhase) if (!p.phase().equals(Phase.TRANSFER.id())) s += p.seconds();
    return s / trainingExamples;
  }

  /** One full transfer (every column of every layer), mean, s; 0 without transfers. Derived like {@link #secondsPerExample}. */
  public double secondsPerTransfer() {
    double columns = 0;
    for (LineItem i : lineItems) {
      if (i.phase().equals(Phase.TRANSFER.id()) && i.entry().equals(TechParameter.TRANSFER_COLUMN_ENERGY.key())) columns += i.count();
    }
    double columnsPerTransfer = 0;
    for (int l = 0; l < grid.layers().size(); l++) columnsPerTransfer += grid.usedColsOverTiles(l);
    if (columns == 0) return 0;
    double s = 0;
    for (PhaseFigures p : byPhase) if (p.phase().equals(Phase.TRANSFER.id())) s += p.seconds();
    return s / (columns / columnsPerTransfer);
  }

  /**
   * One phase.
   *
   * @param phase {@link Phase#id()}
   * @param operations operations counted in the phase
   * @param energyJoules J
   * @param seconds modelled time, s
   * @param share of the training energy (0 for inference)
   */
  public record PhaseFigures(String phase, double operations, double energyJoules, double seconds, double share) {}

  /**
   * One component.
   *
   * @param component {@link Component#id()}
   * @param energyJoules J (training phases)
   * @param share of the training energy
   */
  public record ComponentFigures(String component, double energyJoules, double share) {}

  /**
   * One priced count.
   *
   * @param phase {@link Phase#id()}
   * @param entry the technology entry's key ({@link TechParameter#key()})
   * @param counted what was counted, e.g. {@code "ADC_CONVERSIONS at 9 bits"}
   * @param count the number of events (summed over layers)
   * @param unitPicojoules energy per event, pJ
   * @param energyJoules count × unit, J
   * @param component {@link Component#id()}
   */
  public record LineItem(String phase, String entry, String counted, double count, double unitPicojoules, double energyJoules,
      String component) {}

  /**
   * The same work on a GPU at its peak.
   *
   * @param name the GPU
   * @param gopsPerWatt its peak GOP/s/W
   * @param topsPerMm2 its peak TOP/s/mm²
   * @param energyPerExampleJoules the training operations of one example at the GPU's peak efficiency, J
   * @param energyEfficiencyRatio this report's GOP/s/W over the GPU's
   * @param areaEfficiencyRatio this report's TOP/s/mm² over the GPU's
   * @param source the GPU's figures' source
   */
  public record GpuComparison(String name, double gopsPerWatt, double topsPerMm2, double energyPerExampleJoules,
      double energyEfficiencyRatio, double areaEfficiencyRatio, String source) {}
}
