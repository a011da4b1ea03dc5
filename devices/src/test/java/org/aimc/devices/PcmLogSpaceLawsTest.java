package org.aimc.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A programming event evaluates the conductance-dependent laws (ν's mean and spread at the expected
 * conductance at t_c, and q_s) in log space, with one logarithm for all of them. They must be the
 * laws as written, to rounding: checked here against the direct forms (the fixed point iterated in
 * conductance with an exponential and a logarithm per step, q_s by a power), over the whole range.
 */
class PcmLogSpaceLawsTest {
  private static final double REL = 1e-12;

  @Test
  void logSpaceLawsEqualTheDirectFormsToRounding() {
    PcmParams ref = DevicePreset.AMBROGIO2018.pcm();
    for (PcmParams p : new PcmParams[] {ref, TestRecords.with(ref, "driftOnsetSeconds", 1e-6),
        TestRecords.with(ref, "driftOnsetSeconds", 1.0), TestRecords.with(ref, "driftOnsetSeconds", 100.0)}) {
      double gSat = p.gSatMicroS();
      for (int k = 0; k <= 400; k++) {
        double g = gSat * Math.pow(10, -5 + 5.2 * k / 400); // 10⁻⁵·gSat to 1.6·gSat
        String at = "onset " + p.driftOnsetSeconds() + " s, G = " + g + " µS";
        double gc = expectedAtReferenceDirect(p, g);
        assertEquals(gc, p.expectedConductanceAtReferenceMicroS(g), REL * gc, "G_c, " + at);
        double xc = p.logAtReference(p.logRelative(g), p.driftLogSpanToReference());
        assertEquals(nuMeanDirect(p, gc), p.driftNuMeanAtLog(xc), REL, "mean ν at G_c, " + at);
        assertEquals(nuSpreadDirect(p, gc), p.driftNuSpreadAtLog(xc), REL, "spread of ν at G_c, " + at);
        double qs = Math.min(p.readNoiseQsAtGSat() / Math.pow(g / gSat, p.readNoiseQsExponent()), p.readNoiseQsMax());
        assertEquals(qs, p.readNoiseQs(g), REL * qs, "q_s, " + at);
      }
      assertEquals(0.0, p.expectedConductanceAtReferenceMicroS(0.0), 0.0);
      assertEquals(p.readNoiseQsMax(), p.readNoiseQs(0.0), 0.0);
    }
  }

  /** G_c = G_v·e^{−μ_ν(G_c)·ln(t_c/t_d)}, iterated in conductance. */
  private static double expectedAtReferenceDirect(PcmParams p, double g) {
    double span = p.driftLogSpanToReference();
    if (span == 0 || !p.drifts()) return g;
    double gc = g;
    for (int k = 0; k < 4; k++) gc = g * Math.exp(-nuMeanDirect(p, gc) * span);
    return gc;
  }

  private static double nuMeanDirect(PcmParams p, double g) {
    double v = p.driftNuAtGSat() + p.driftNuLogSlope() * Math.log(Math.max(g, 1e-3 * p.gSatMicroS()) / p.gSatMicroS());
    return Math.min(p.driftNuMax(), Math.max(p.driftNuMin(), v));
  }

  private static double nuSpreadDirect(PcmParams p, double g) {
    double v = p.driftNuSpreadAtGSat() + p.driftNuSpreadLogSlope() * Math.log(Math.max(g, 1e-3 * p.gSatMicroS()) / p.gSatMicroS());
    return Math.min(p.driftNuSpreadMax(), Math.max(p.driftNuSpreadMin(), v));
  }
}
