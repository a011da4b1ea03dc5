package org.aimc.experiments.run;

import java.util.List;
import org.aimc.crossbar.energy.EnergyReport;
import org.aimc.crossbar.energy.PhaseCounts;
import org.aimc.experiments.provenance.RunProvenance;
import org.aimc.training.EpochMetrics;

/**
 * The {@code result.json} of one training run: final figures first, then the history, the resolved
 * configuration, what the emulated chip did, its energy (priced with the technology table of its clock, analog.clock.technology, ambrogio2018 by default;
 * one clock times training and prices it) and the counts by phase that priced it (these three null for software runs), and the
 * provenance. Accuracies
 * are fractions in [0, 1].
 *
 * <p>The protocol: the run trains on the training part of the split, measures every epoch on the
 * validation part, and hands back the state of the epoch with the best validation accuracy
 * ({@code selectedEpoch}); {@code validationAccuracy} is that epoch's, {@code trainAccuracy} is
 * measured on the whole training split once, on that state (the history's per-epoch training
 * accuracy may be on a sample, {@code trainAccuracyExamples}), and
 * {@code testAccuracy} is measured once, on that state — or null where the test set was not read
 * (a run of a hyper-parameter search that was not chosen). The chip's counts and energy are those
 * of the selected state (the work done to reach it).
 *
 * <p>{@code warnings} lists what the user should know about the figures (e.g. train accuracy stuck at
 * chance); empty when there is nothing to say, null in results of older versions.
 *
 * @param split sizes and rule of the train / validation / test split
 */
public record TrainResult(
    String dataset,
    String network,
    String config,
    int epochs,
    Double testAccuracy,
    double trainAccuracy,
    double validationAccuracy,
    int selectedEpoch,
    Split split,
    double wallSeconds,
    double trainingExamplesPerSecond,
    List<EpochMetrics> perEpoch,
    Object resolvedConfig,
    AnalogSummary analog,
    EnergyReport energy,
    PhaseCounts phaseCounts,
    RunProvenance provenance,
    List<String> warnings) {

  /**
   * How the data were split.
   *
   * @param trainExamples examples trained on
   * @param validationExamples examples the epoch (and, in a search, the hyper-parameters) are selected on
   * @param testExamples examples of the test set, read once for the selected state
   * @param seed seed of the validation split
   * @param rule the split in words
   */
  public record Split(int trainExamples, int validationExamples, int testExamples, long seed, String rule) {}

  /** The same result with the test accuracy of the selected state. */
  public TrainResult withTestAccuracy(double accuracy) {
    return new TrainResult(dataset, network, config, epochs, accuracy, trainAccuracy, validationAccuracy, selectedEpoch, split, wallSeconds,
        trainingExamplesPerSecond, perEpoch, resolvedConfig, analog, energy, phaseCounts, provenance, warnings);
  }
}
