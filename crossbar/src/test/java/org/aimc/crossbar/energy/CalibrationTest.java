package org.aimc.crossbar.energy;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class CalibrationTest {

  @Test
  void thePapersConfigurationGivesThePapersFiguresWithin5Percent() {
    EnergyReport r = Calibration.paperReport(TechnologyTable.ambrogio2018());
    assertEquals(1, r.gopsPerWatt() / 28_065, 0.05, "GOP/s/W: " + r.gopsPerWatt());
    assertEquals(1, r.topsPerMm2() / 3.6, 0.05, "TOP/s/mm²: " + r.topsPerMm2());
    // The paper's configuration is one full 1,024 × 512 hybrid tile with forward, backward and update.
    assertEquals(1, r.grid().tiles());
    assertEquals(1.0, r.grid().utilisation());
    assertEquals("hybrid", r.hardware().layout());
    assertEquals(2.0 * 3 * 1024 * 512, r.operations() / r.trainingExamples(), 1e-6);
  }

  @Test
  void theLiteralFactorsAreWhatTheSolverGivesFromTheEstimates() {
    Calibration.Factors f = Calibration.solve(TechnologyTable.estimates2018());
    assertEquals(Calibration.ENERGY_FACTOR, f.energy(), 1e-5 * f.energy());
    assertEquals(Calibration.AREA_FACTOR, f.area(), 1e-5 * f.area());
  }

  @Test
  void theEstimatesAloneMissTheFiguresAndTheFactorsStayPhysical() {
    EnergyReport e = Calibration.paperReport(TechnologyTable.estimates2018());
    // Without calibration the figures are off by more than 5 % (so the calibration is doing work)...
    assertTrue(Math.abs(e.gopsPerWatt() / 28_065 - 1) > 0.05, "estimate GOP/s/W " + e.gopsPerWatt());
    assertTrue(Math.abs(e.topsPerMm2() / 3.6 - 1) > 0.05, "estimate TOP/s/mm² " + e.topsPerMm2());
    // ...but by less than a factor of 4 each way: no hidden fudge of orders of magnitude.
    for (double k : new double[] {Calibration.ENERGY_FACTOR, Calibration.AREA_FACTOR}) assertTrue(k > 0.25 && k < 4, "factor " + k);
  }

  @Test
  void twoOrdersOfMagnitudeBeyondTheGpuOfTheTime() {
    EnergyReport r = Calibration.paperReport(TechnologyTable.ambrogio2018());
    double energy = r.gpu().energyEfficiencyRatio();
    double area = r.gpu().areaEfficiencyRatio();
    assertEquals(28_065 / (21_200.0 / 300), energy, 0.05 * energy);
    assertEquals(3.6 / (21.2 / 610), area, 0.05 * area);
    assertTrue(energy >= 100 && energy < 1000, "GOP/s/W ratio " + energy);
    assertTrue(area >= 100 && area < 1000, "TOP/s/mm² ratio " + area);
  }
}
