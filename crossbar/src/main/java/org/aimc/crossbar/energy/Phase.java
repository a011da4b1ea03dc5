package org.aimc.crossbar.energy;

import java.util.Locale;

/**
 * What the chip was doing when events were counted. The first four make up training; inference
 * (evaluation passes on a data set, forward only) is reported apart and is not training energy.
 */
public enum Phase {
  /** Forward MVMs of training examples (and the digital neuron work after them). */
  FORWARD,
  /** Backward MVMs of training examples. */
  BACKWARD,
  /** The parallel outer-product updates (pulses into capacitors, or PCM in PCM-only cells). */
  UPDATE,
  /** Transfers: column reads, capacitor re-initialisation, closed-loop PCM programming, polarity flips. */
  TRANSFER,
  /** Forward passes that do not train (accuracy evaluation): energy per inference, not training energy. */
  INFERENCE;

  /** Lower-case name used in files and reports, e.g. {@code "forward"}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this phase is part of training (all but {@link #INFERENCE}). */
  public boolean isTraining() {
    return this != INFERENCE;
  }

  /** The phase with this id (case-insensitive). */
  public static Phase byId(String id) {
    if (id != null) {
      for (Phase p : values()) if (p.id().equalsIgnoreCase(id.trim())) return p;
    }
    throw new IllegalArgumentException("unknown phase '" + id + "'; allowed: forward, backward, update, transfer, inference");
  }
}
