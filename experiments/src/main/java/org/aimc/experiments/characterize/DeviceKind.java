package org.aimc.experiments.characterize;

import java.util.Locale;

/** Which device model a characterisation exercises. */
public enum DeviceKind {
  PCM, CAPACITOR;

  /** Lower-case name as on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
