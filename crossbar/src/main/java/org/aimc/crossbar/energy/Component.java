package org.aimc.crossbar.energy;

import java.util.Locale;

/** Where energy goes, for the breakdown by component. */
public enum Component {
  /** Cell reads in MVMs, line drive and sense, update line pulses, transfer reads. */
  ARRAY,
  /** Input DAC conversions. */
  DAC,
  /** Output ADC conversions. */
  ADC,
  /** 3T1C charge/discharge pulses and re-initialisations. */
  CAPACITOR,
  /** PCM SET and RESET pulses and verify reads (tuning, and the update of PCM-only cells). */
  PCM_PROGRAMMING,
  /** Neuron operations, data movement, pulse-train generation, control, polarity flips. */
  DIGITAL;

  /** Lower-case name used in files and reports, e.g. {@code "pcm-programming"}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
