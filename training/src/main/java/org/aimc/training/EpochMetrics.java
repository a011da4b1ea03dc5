package org.aimc.training;

/**
 * What one epoch measured. Accuracies are fractions in [0, 1].
 *
 * @param epoch 1-based
 * @param learningRate the SGD step used in this epoch
 * @param trainLoss mean softmax cross-entropy over the epoch's training updates
 * @param trainAccuracy accuracy on the whole training set after the epoch
 * @param validationAccuracy accuracy on the validation set after the epoch (selects the epoch; the test set is never
 *     seen during training)
 * @param trainingSeconds wall time of the epoch's SGD pass alone
 * @param seconds wall time of the epoch, evaluation included
 */
public record EpochMetrics(int epoch, double learningRate, double trainLoss, double trainAccuracy, double validationAccuracy,
                           double trainingSeconds, double seconds) {}
