package org.aimc.experiments.run;

import java.util.List;
import org.aimc.experiments.provenance.RunProvenance;
import org.aimc.training.EpochMetrics;

/**
 * The {@code result.json} of one training run: final figures first, then the history, the resolved
 * configuration, what the emulated chip did (null for software runs) and the provenance. Accuracies
 * are fractions in [0, 1].
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
    RunProvenance provenance) {}
