package org.aimc.experiments.report;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aimc.crossbar.TileConfig;
import org.aimc.crossbar.energy.EnergyReport;
import org.aimc.experiments.run.Sweep;
import org.aimc.experiments.run.TrainResult;
import org.aimc.training.Activation;
import org.aimc.training.AnalogConfig;
import org.aimc.training.AnalogNetwork;
import org.aimc.training.ClockConfig;
import org.aimc.training.EpochMetrics;
import org.aimc.training.Examples;
import org.aimc.training.NetworkShape;
import org.aimc.training.SynapseTrace;
import org.aimc.training.Trainer;
import org.aimc.training.TransferConfig;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;

class FiguresTest {
  static TrainResult run(String config, double... testAccuracies) {
    List<EpochMetrics> epochs = new java.util.ArrayList<>();
    for (int e = 0; e < testAccuracies.length; e++) epochs.add(new EpochMetrics(e + 1, 0.1, 0.5, testAccuracies[e] + 0.01, testAccuracies[e], 1, 1));
    double last = testAccuracies[testAccuracies.length - 1];
    return new TrainResult("mnist", "784-10", config, epochs.size(), last, last + 0.01, last, epochs.size(),
        new TrainResult.Split(50_000, 10_000, 10_000, 13, "rule"), 1, 1, epochs, null, null, null, null, null, List.of());
  }

  @Test
  void accuracyVsEpochDrawsTestAndTrainingPerRunInPercent() {
    Map<String, TrainResult> runs = new LinkedHashMap<>();
    runs.put("software", run("software", 0.9, 0.95));
    runs.put("ambrogio2018", run("ambrogio2018", 0.85, 0.93));
    XYChart c = Figures.accuracyVsEpoch("t", runs);
    assertEquals("accuracy (%)", c.getYAxisTitle());
    assertEquals("epoch", c.getXAxisTitle());
    assertEquals(List.of("software, validation", "software, training", "ambrogio2018, validation", "ambrogio2018, training"), List.copyOf(c.getSeriesMap().keySet()));
    assertArrayEquals(new double[] {85, 93}, c.getSeriesMap().get("ambrogio2018, validation").getYData(), 1e-9);
    BufferedImage image = Figures.image(c);
    assertEquals(900, image.getWidth());
  }

  @Test
  void sweepPlotsTheFirstAxisAgainstAccuracyBesideTheBaseline() {
    List<Sweep.Row> rows = List.of(new Sweep.Row("software", List.of(), 3, 0.77, 0.003, 0.99, 0.001, 0, "c"),
        new Sweep.Row("noise=0", List.of("0"), 3, 0.75, 0.007, 0.9, 0.01, -0.02, "c"),
        new Sweep.Row("noise=0.1", List.of("0.1"), 3, 0.73, 0.004, 0.86, 0.01, -0.04, "c"));
    XYChart c = Figures.sweep("t", "noise (fraction of full scale)", rows);
    assertEquals("noise (fraction of full scale)", c.getXAxisTitle());
    assertArrayEquals(new double[] {0, 0.1}, c.getSeriesMap().get("swept configuration").getXData(), 0);
    assertArrayEquals(new double[] {75, 73}, c.getSeriesMap().get("swept configuration").getYData(), 1e-9);
    assertArrayEquals(new double[] {0.7, 0.4}, c.getSeriesMap().get("swept configuration").getExtraValues(), 1e-9);
    assertArrayEquals(new double[] {77, 77}, c.getSeriesMap().get("software (baseline)").getYData(), 1e-9);
    var e = assertThrows(IllegalArgumentException.class,
        () -> Figures.sweep("t", "x", List.of(new Sweep.Row("k=a", List.of("a"), 1, 0.5, 0, 0.5, 0, 0, "c"))));
    assertTrue(e.getMessage().contains("not a number"), e.getMessage());
  }

  @Test
  void energyByComponentSumsToTheEnergyPerExample() {
    EnergyReport r = PowerAnalysis.of(new PowerAnalysis.Options("ambrogio2018", null, null, null, null, null, null, null, null, null, null)).report();
    CategoryChart c = Figures.energyByComponent("t", Map.of("ambrogio2018", r));
    assertEquals("training energy per example (nJ)", c.getYAxisTitle());
    CategorySeries s = c.getSeriesMap().values().iterator().next();
    double sum = 0;
    for (Number n : s.getYData()) sum += n.doubleValue();
    assertEquals(r.energyPerExampleJoules() * 1e9, sum, 1e-9 * sum);
    assertEquals(6, s.getXData().size());
  }

  @Test
  void synapseTrajectoryMarksEveryTransfer() {
    AnalogConfig hybrid = new AnalogConfig(TileConfig.ambrogio2018(), new TransferConfig(true, 500, 2.0, true, false), ClockConfig.ambrogio2018());
    AnalogNetwork net = new AnalogNetwork(NetworkShape.parse("4-3"), Activation.SIGMOID, hybrid, 1);
    SynapseTrace trace = new SynapseTrace(net, List.of(new SynapseTrace.Synapse(0, 1, 2)));
    float[] x = new float[4 * 1000];
    byte[] y = new byte[1000];
    for (int i = 0; i < y.length; i++) {
      y[i] = (byte) (i % 3);
      x[4 * i + y[i]] = 1;
    }
    Examples data = new Examples(x, y, 4);
    new Trainer(new Trainer.Plan(1, 0.1, 1, 1, 0, "t")).train(net, data, data, trace);
    XYChart c = Figures.synapseTrajectory(trace, 0);
    assertEquals("contribution to the weight (µS)", c.getYAxisTitle());
    assertEquals("training examples seen", c.getXAxisTitle());
    long transferLines = c.getSeriesMap().keySet().stream().filter(k -> k.startsWith("transfer")).count();
    assertEquals(2, transferLines);
    assertArrayEquals(trace.weightMicroSiemens(0), c.getSeriesMap().get("weight W").getYData(), 0);
  }
}
