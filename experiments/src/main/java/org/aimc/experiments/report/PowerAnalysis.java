package org.aimc.experiments.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.aimc.crossbar.CellLayout;
import org.aimc.crossbar.Event;
import org.aimc.crossbar.EventCounts;
import org.aimc.crossbar.TileConfig;
import org.aimc.crossbar.energy.AnalyticCounts;
import org.aimc.crossbar.energy.Calibration;
import org.aimc.crossbar.energy.EnergyMarkdown;
import org.aimc.crossbar.energy.EnergyModel;
import org.aimc.crossbar.energy.EnergyReport;
import org.aimc.crossbar.energy.HardwareSummary;
import org.aimc.crossbar.energy.Phase;
import org.aimc.crossbar.energy.PhaseCounts;
import org.aimc.crossbar.energy.ReferenceGpu;
import org.aimc.crossbar.energy.Si;
import org.aimc.crossbar.energy.TechnologyTable;
import org.aimc.crossbar.energy.TileGrid;
import org.aimc.crossbar.energy.Workload;
import org.aimc.experiments.io.Json;

/**
 * {@code aimc power}: the energy, power and area of one epoch of a configuration, from counts
 * derived from the network's shape ({@link AnalyticCounts}), with the expected pulses either the
 * paper's figures, the user's, or measured in a run folder ({@code --from}); and the paper's
 * configuration priced with the same table, beside the paper's figures.
 *
 * @param config the configuration
 * @param sizes layer sizes, input first (each layer gets a bias row, as aimc's analog networks do)
 * @param workload the epoch's assumptions
 * @param workloadSources where each workload figure came from, in words
 * @param technology the technology table
 * @param gpu the reference GPU
 */
public record PowerAnalysis(PowerConfigs config, int[] sizes, Workload workload, List<String> workloadSources, TechnologyTable technology,
    ReferenceGpu gpu) {

  /** Options as given on the command line; null = default. */
  public record Options(String config, String network, Long examples, Long transferInterval, Double updatePulses, Double setPulses,
      Double resetPulses, Double verifyReads, Path fromRun, String technology, String gpu) {}

  /** Resolves the options (defaults, {@code --from} measurements) into an analysis. */
  public static PowerAnalysis of(Options o) {
    RunRecord run = o.fromRun() == null ? null : RunRecord.read(o.fromRun());
    String configName = o.config() != null ? o.config() : run != null ? run.config() : null;
    if (configName == null) throw new IllegalArgumentException("name a configuration with --config (or a run folder with --from)");
    PowerConfigs config = PowerConfigs.byId(configName);
    String network = o.network() != null ? o.network() : run != null && !run.network().isBlank() ? run.network() : "784-250-125-10";
    int[] sizes = parseNetwork(network);
    TileConfig tile = config.tileConfig();
    Workload w = Workload.mnistEpoch(tile.layout()).withTransferInterval(config.transferInterval())
        .withPolarityInversion(config.polarityInversion());
    if (config.carryTuningResidual()) {
      w = w.withTransferReadsAndCapacitorPulses(Workload.TRANSFER_READS_PER_CELL_CARRY, Workload.TRANSFER_CAPACITOR_PULSES_PER_CELL_CARRY);
    }
    List<String> src = new ArrayList<>();
    if (o.examples() != null) w = w.withExamples(o.examples());
    src.add(String.format(Locale.ROOT, "%s training examples per epoch (%s)", Si.number(w.examples(), 0),
        o.examples() != null ? "--examples" : "MNIST's training set"));

    if (run != null) w = measured(run, w, src);
    if (o.updatePulses() != null) {
      w = w.withUpdatePulsesPerCell(o.updatePulses());
      src.add("update pulses per cell per example: " + o.updatePulses() + " (--update-pulses)");
    } else if (run == null) {
      src.add(String.format(Locale.ROOT, "update pulses per cell per example: %s (%s)", Si.significant(w.updatePulsesPerCell()),
          switch (tile.layout()) {
            case HYBRID, CAPACITOR, PULSED -> "paper: ≈ 1,000 capacitor pulses per 16,000 images";
            case PCM_PAIR -> "paper: ≈ 50 PCM pulses per 16,000 images for the 2PCM cell";
            case IDEAL -> "exact update, no pulses";
          }));
    }
    if (o.setPulses() != null || o.resetPulses() != null || o.verifyReads() != null) {
      w = w.withTransferPulsesPerCell(o.setPulses() != null ? o.setPulses() : w.transferSetPulsesPerCell(),
          o.resetPulses() != null ? o.resetPulses() : w.transferResetPulsesPerCell(),
          o.verifyReads() != null ? o.verifyReads() : w.transferVerifyReadsPerCell());
      src.add("transfer pulses per cell set by the options");
    }
    if (o.transferInterval() != null) {
      if (o.transferInterval() > 0 && tile.layout() != CellLayout.HYBRID && tile.layout() != CellLayout.PCM_PAIR) {
        throw new IllegalArgumentException("--transfer-interval " + o.transferInterval() + ": configuration " + config.id()
            + " has " + tile.layout().id() + " cells, which have no PCM to transfer into (use 0)");
      }
      w = w.withTransferInterval(o.transferInterval());
    }
    if (w.transferInterval() > 0) {
      src.add(String.format(Locale.ROOT, "a %s every %s examples (%s), %s SET, %s RESET, %s verify reads, %s cell reads, %s capacitor pulses per cell per transfer (%s)",
          tile.layout() == CellLayout.HYBRID ? "transfer" : "refresh of the PCM pairs", Si.number(w.transferInterval(), 0),
          o.transferInterval() != null ? "--transfer-interval" : "the preset's schedule",
          Si.significant(w.transferSetPulsesPerCell()), Si.significant(w.transferResetPulsesPerCell()),
          Si.significant(w.transferVerifyReadsPerCell()), Si.significant(w.transferReadsPerCell()),
          Si.significant(w.transferCapacitorPulsesPerCell()),
          run != null && src.stream().anyMatch(s -> s.contains("measured in")) ? "see above" : "measured with this emulator's closed-loop tuning"));
    } else {
      src.add("no transfers");
    }
    TechnologyTable tech = o.technology() == null ? TechnologyTable.ambrogio2018() : TechnologyJson.resolve(o.technology());
    ReferenceGpu gpu = o.gpu() == null ? ReferenceGpu.P100_FP16 : ReferenceGpu.byId(o.gpu());
    return new PowerAnalysis(config, sizes, w, List.copyOf(src), tech, gpu);
  }

  /** The expected pulses measured in a run's phase counts. */
  static Workload measured(RunRecord run, Workload w, List<String> src) {
    PhaseCounts pc = run.phaseCounts();
    if (pc == null) {
      throw new IllegalArgumentException("--from " + run.dir() + ": result.json has no 'phaseCounts' (made before energy reporting?), so no pulses can be measured");
    }
    double updatedCells = 0;
    for (int l = 0; l < pc.grid().layers().size(); l++) {
      updatedCells += (double) pc.get(Phase.UPDATE, l).get(Event.UPDATES) / pc.grid().tiles(l) * pc.grid().cells(l);
    }
    EventCounts u = pc.total(Phase.UPDATE);
    double devicePulses = u.capacitorPulses() + u.get(Event.PCM_SET_PULSES);
    if (updatedCells > 0) {
      w = w.withUpdatePulsesPerCell(devicePulses / updatedCells);
      src.add(String.format(Locale.ROOT, "update pulses per cell per example: %s (measured in %s)", Si.significant(devicePulses / updatedCells), run.dir()));
    }
    // Cells transferred: each column transfer of a layer is counted once per tile it spans.
    double cells = 0;
    for (int l = 0; l < pc.grid().layers().size(); l++) {
      cells += (double) pc.get(Phase.TRANSFER, l).get(Event.TRANSFERS) / pc.grid().tileRows(l) * pc.grid().layers().get(l).inputs();
    }
    EventCounts t = pc.total(Phase.TRANSFER);
    if (cells > 0) {
      w = w.withTransferPulsesPerCell(t.get(Event.PCM_SET_PULSES) / cells, t.get(Event.PCM_RESET_PULSES) / cells,
              t.get(Event.PCM_VERIFY_READS) / cells)
          .withTransferReadsAndCapacitorPulses(t.get(Event.CELL_READS) / cells,
              (double) t.capacitorPulses() / cells);
      src.add(String.format(Locale.ROOT, "transfer pulses and reads per cell measured in %s over %s cell transfers", run.dir(), Si.number(cells, 0)));
    }
    // The slowest cell of each column sets the transfer's time on the chip clock (runs made before the clock counted it have none).
    double columns = t.get(Event.TRANSFERS);
    if (columns > 0 && t.get(Event.TRANSFER_SLOWEST_VERIFY_READS) > 0) {
      w = w.withSlowestCell(new Workload.SlowestCell(t.get(Event.TRANSFER_SLOWEST_SET_PULSES) / columns,
          t.get(Event.TRANSFER_SLOWEST_RESET_PULSES) / columns, t.get(Event.TRANSFER_SLOWEST_VERIFY_READS) / columns));
      src.add(String.format(Locale.ROOT, "each column's slowest cell (which sets the transfer's time): %s SET, %s RESET, %s verify reads (measured in %s)",
          Si.significant(w.slowestCell().setPulses()), Si.significant(w.slowestCell().resetPulses()),
          Si.significant(w.slowestCell().verifyReads()), run.dir()));
    }
    if (cells > 0) {
      src.add(String.format(Locale.ROOT, "PCM devices the tuner gave up on (no progress over pcm.tuneStallPulses pulses): %s in %s device tunings (%s per column transfer; measured in %s); weights clipped to the periphery's range: %s",
          Si.number(t.get(Event.PCM_CELLS_GIVEN_UP), 0), Si.number(cells, 0),
          columns > 0 ? Si.significant(t.get(Event.PCM_CELLS_GIVEN_UP) / columns) : "0", run.dir(), Si.number(t.get(Event.WEIGHTS_CLIPPED), 0)));
    }
    return w;
  }

  static int[] parseNetwork(String text) {
    String t = text == null ? "" : text.trim();
    if (!t.matches("\\d+(-\\d+)+")) {
      throw new IllegalArgumentException("malformed network '" + text + "': expected layer sizes joined by '-', input first, e.g. 784-250-125-10");
    }
    int[] s;
    try {
      s = Arrays.stream(t.split("-")).mapToInt(Integer::parseInt).toArray();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("malformed network '" + text + "': a layer size is too large");
    }
    for (int v : s) if (v < 1 || v > (1 << 16)) throw new IllegalArgumentException("layer size " + v + " in '" + text + "' is outside [1, 65536]");
    return s;
  }

  public TileGrid grid() {
    return TileGrid.ofNetwork(config.tileConfig(), sizes, true);
  }

  /** The epoch's report. */
  public EnergyReport report() {
    TileConfig tile = config.tileConfig();
    PhaseCounts counts = AnalyticCounts.epoch(grid(), HardwareSummary.of(tile), workload);
    return EnergyModel.report(counts, HardwareSummary.of(tile), technology, workload.examples(), gpu);
  }

  /** The paper's configuration (one full tile) priced with this table and GPU. */
  public EnergyReport paper() {
    return EnergyModel.report(Calibration.paperCounts(), HardwareSummary.of(TileConfig.ambrogio2018()), technology,
        Workload.PAPER_TRANSFER_INTERVAL, gpu);
  }

  public String network() {
    return String.join("-", Arrays.stream(sizes).mapToObj(Integer::toString).toList());
  }

  /** The whole output as Markdown. */
  public String markdown(boolean lineItems, boolean showTechnology) {
    EnergyReport r = report();
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "# aimc power: %s, network %s (a bias row per layer), one epoch of %s examples%n%n", config.id(), network(),
        Si.number(workload.examples(), 0)));
    b.append(config.description()).append(". Counts derived from the network's shape, without training: MVMs and conversions are exact;");
    b.append(" pulses are expectations:\n\n");
    for (String s : workloadSources) b.append("- ").append(s).append('\n');
    b.append('\n');
    b.append(EnergyMarkdown.render(r, "## Energy, power and area", lineItems));
    EnergyReport p = paper();
    b.append("## The paper's configuration (calibration basis)\n\n");
    b.append("One fully used 1,024 × 512 hybrid tile training continuously (forward, backward and update every example, a transfer every")
        .append(" 8,000), priced with the same table. Throughput is over the training steps, as we read the paper's figure; the transfers,")
        .append(" each column waiting for its slowest cell on the chip clock, add pauses (next row):\n\n");
    b.append("| figure | this table | paper (calculated) |\n|---|---:|---:|\n");
    b.append(String.format(Locale.ROOT, "| energy efficiency | %s GOP/s/W | 28,065 GOP/s/W |%n", Si.number(p.gopsPerWatt(), 0)));
    b.append(String.format(Locale.ROOT, "| throughput per area | %s TOP/s/mm² | 3.6 TOP/s/mm² |%n", Si.significant(Calibration.stepTopsPerMm2(p))));
    b.append(String.format(Locale.ROOT, "| throughput per area with the transfers' pauses | %s TOP/s/mm² | – |%n", Si.significant(p.topsPerMm2())));
    b.append(String.format(Locale.ROOT, "| vs %s | ×%s GOP/s/W, ×%s TOP/s/mm² over the steps (×%s with the pauses) | \"two orders of magnitude\" |%n",
        gpu.name(), Si.significant(p.gpu().energyEfficiencyRatio()), Si.significant(Calibration.stepTopsPerMm2(p) / gpu.topsPerMm2()),
        Si.significant(p.gpu().areaEfficiencyRatio())));
    b.append('\n');
    List<String> cal = new ArrayList<>();
    technology.calibratedEntries().forEach(e -> cal.add("`" + e.key() + "`"));
    b.append(cal.isEmpty() ? "No entry of this table is calibrated.\n"
        : String.format(Locale.ROOT, "Calibrated entries: %s (cell read energy ×%.3f, cell area ×%.3f of the a-priori estimates; see `--show-technology`).%n",
            String.join(", ", cal), Calibration.ENERGY_FACTOR, Calibration.AREA_FACTOR));
    if (showTechnology) b.append('\n').append(EnergyMarkdown.technology(technology));
    return b.toString();
  }

  /** The whole output as JSON: the report, the paper's configuration, the workload and the table. */
  public ObjectNode json() {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("config", config.id());
    root.put("network", network());
    root.set("workload", Json.MAPPER.valueToTree(workload));
    root.set("workloadSources", Json.MAPPER.valueToTree(workloadSources));
    root.set("energy", Json.MAPPER.valueToTree(report()));
    root.set("paperConfiguration", Json.MAPPER.valueToTree(paper()));
    root.set("technology", TechnologyJson.toJson(technology));
    return root;
  }
}
