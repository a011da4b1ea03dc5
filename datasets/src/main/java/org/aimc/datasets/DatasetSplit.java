package org.aimc.datasets;

/** A data set's training and test parts. */
public record DatasetSplit(String name, LabeledImages train, LabeledImages test) {}
