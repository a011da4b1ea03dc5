package org.aimc.experiments.run;

import java.util.List;
import org.aimc.crossbar.energy.EnergyReport;
import org.aimc.crossbar.energy.PhaseCounts;
import org.aimc.experiments.provenance.RunProvenance;
import org.aimc.training.EpochMetrics;

/**
 * The {@code result.json} of one training run: final figures first, then the history, the resolved
 * configuration, what the emulated chip did, its energy (priced with the ambrogio2018 technology
 * table) and the counts by phase that priced it (these three null for software runs), and the
 * provenance. Accuracies
 * are fractions in [0, 1]. {@code warnings} lists what the user should know about the figures (e.g.
 * train accuracy stuck at chance); empty when there is nothing to say, null in results of older versions.
 */
public record TrainResult(
    String dataset,
    String network,
    String config,
    int epochs,
    double testAccuracy,
    double trainAccuracy,
    double bestTestAccuracy,
    double wallSeconds,
    double trainingExamplesPerSecond,
    List<EpochMetrics> perEpoch,
    Object resolvedConfig,
    AnalogSummary analog,
    EnergyReport energy,
    PhaseCounts phaseCounts,
    RunProvenance provenance,
    List<String> warnings) {}
