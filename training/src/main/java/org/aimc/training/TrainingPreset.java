package org.aimc.training;

import java.util.Arrays;
import java.util.Locale;

/** The named training configurations ({@code --config NAME}); each is just data. */
public enum TrainingPreset {
  /**
   * The floating-point yardstick: ReLU hidden layers, SGD one example at a time (as the hardware
   * trains), learning rate 0.01 decaying ×0.9 per epoch. Chosen by a small search on MNIST
   * 784-250-125-10 (98.4–98.5 % test after 20 epochs); assumed, not from the paper.
   */
  SOFTWARE("software", "floating-point baseline", "the yardstick", new TrainingConfig(Activation.RELU, 0.01, 0.9, 1));

  private final String id;
  private final String description;
  private final String paperClaim;
  private final TrainingConfig config;

  TrainingPreset(String id, String description, String paperClaim, TrainingConfig config) {
    this.id = id;
    this.description = description;
    this.paperClaim = paperClaim;
    this.config = config;
  }

  /** What Ambrogio et al. 2018 report for this configuration, in words, for the comparison table. */
  public String paperClaim() {
    return paperClaim;
  }

  public String id() {
    return id;
  }

  public String description() {
    return description;
  }

  public TrainingConfig config() {
    return config;
  }

  /** @throws IllegalArgumentException naming the allowed ids */
  public static TrainingPreset byId(String id) {
    String key = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
    for (TrainingPreset p : values()) if (p.id.equals(key)) return p;
    throw new IllegalArgumentException("unknown configuration '" + id + "'; allowed: " + String.join(", ", ids()));
  }

  public static String[] ids() {
    return Arrays.stream(values()).map(TrainingPreset::id).toArray(String[]::new);
  }
}
