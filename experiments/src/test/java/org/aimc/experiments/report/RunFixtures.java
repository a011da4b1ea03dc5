package org.aimc.experiments.report;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.aimc.crossbar.TileConfig;
import org.aimc.crossbar.energy.AnalyticCounts;
import org.aimc.crossbar.energy.EnergyModel;
import org.aimc.crossbar.energy.EnergyReport;
import org.aimc.crossbar.energy.HardwareSummary;
import org.aimc.crossbar.energy.PhaseCounts;
import org.aimc.crossbar.energy.TechnologyTable;
import org.aimc.crossbar.energy.TileGrid;
import org.aimc.crossbar.energy.Workload;
import org.aimc.experiments.io.Json;

/** Run folders with a result.json shaped as the trainer will write it (energy block and phase counts). */
public final class RunFixtures {
  private RunFixtures() {}

  /** Writes {@code dir/result.json} for a configuration; {@code energy}/{@code counts} say which blocks to include. */
  public static Path run(Path dir, String config, double testAccuracy, double updatePulses, boolean energy, boolean counts) {
    TileConfig tile = PowerConfigs.byId(config).tileConfig();
    TileGrid grid = TileGrid.ofNetwork(tile, new int[] {784, 250, 125, 10}, true);
    PowerConfigs pc0 = PowerConfigs.byId(config);
    Workload w = Workload.mnistEpoch(tile.layout()).withTransferInterval(pc0.transferInterval()).withPolarityInversion(pc0.polarityInversion())
        .withUpdatePulsesPerCell(updatePulses).withExamples(60_000)
        .withTransferReadsAndCapacitorPulses(Workload.TRANSFER_READS_PER_CELL_CARRY, Workload.TRANSFER_CAPACITOR_PULSES_PER_CELL_CARRY);
    PhaseCounts pc = AnalyticCounts.epoch(grid, HardwareSummary.of(tile), w);
    EnergyReport r = EnergyModel.report(pc, tile, TechnologyTable.ambrogio2018(), 60_000);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("dataset", "mnist");
    m.put("network", "784-250-125-10");
    m.put("config", config);
    m.put("epochs", 1);
    m.put("testAccuracy", testAccuracy);
    if (energy) m.put("energy", r);
    if (counts) m.put("phaseCounts", pc);
    Json.write(dir.resolve("result.json"), m);
    return dir;
  }
}
