package org.aimc.experiments.characterize;

import java.util.Locale;

/** Which device model a characterisation exercises. */
public enum DeviceKind {
  PCM, CAPACITOR,
  /** A pulsed device of one of aihwkit's families (a {@code kind: pulsed} preset). */
  PULSED;

  /** Lower-case name as on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
