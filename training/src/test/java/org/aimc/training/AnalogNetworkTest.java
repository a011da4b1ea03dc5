package org.aimc.training;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.aimc.crossbar.CellLayout;
import org.aimc.crossbar.Event;
import org.aimc.crossbar.EventCounts;
import org.aimc.crossbar.PeripheryConfig;
import org.aimc.crossbar.TileConfig;
import org.aimc.crossbar.UpdateConfig;
import org.aimc.crossbar.tile.AnalogLayer;
import org.aimc.devices.CapacitorParams;
import org.aimc.devices.DeviceParams;
import org.aimc.devices.DevicePreset;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class AnalogNetworkTest {
  static final NetworkShape SHAPE = NetworkShape.parse("8-4");

  /**
   * Hybrid cells with ideal PCM and a noiseless, non-leaking capacitor whose discharge step is
   * {@code downOverUp} times its charge step: the only non-ideality is a fixed up/down asymmetry.
   */
  static TileConfig hybridTile(double downOverUp) {
    CapacitorParams ideal = DevicePreset.IDEAL.capacitor();
    CapacitorParams cap = new CapacitorParams(ideal.vInitVolts(), ideal.vMinVolts(), ideal.vMaxVolts(), ideal.vLeakVolts(),
        Double.POSITIVE_INFINITY, 0, ideal.chargeStepVolts(), downOverUp * ideal.chargeStepVolts(), 0, 0, 0, 0,
        ideal.readSlopeMicroSPerVolt(), ideal.readGAtInitMicroS(), 0, 0, 0);
    return new TileConfig("test-hybrid", new DeviceParams(DevicePreset.IDEAL.pcm(), cap), CellLayout.HYBRID, 16, 8,
        TileConfig.ambrogio2018().gainFactor(), PeripheryConfig.ideal(), PeripheryConfig.ideal(), UpdateConfig.ambrogio2018());
  }

  static AnalogConfig analog(TileConfig tile, long interval, boolean inversion) {
    return analog(tile, interval, inversion, 2.0);
  }

  static AnalogConfig analog(TileConfig tile, long interval, boolean inversion, double offsetMicroSiemens) {
    return new AnalogConfig(tile, new TransferConfig(true, interval, offsetMicroSiemens, inversion, false), new ClockConfig("ambrogio2018", 10));
  }

  /** Random inputs with labels independent of them: the expected gradient is zero, so any drift is the devices'. */
  static Examples noise(int n, long seed) {
    UniformRandomProvider rng = Trainer.RNG.create(seed);
    float[] x = new float[n * 8];
    byte[] y = new byte[n];
    for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextDouble();
    for (int i = 0; i < n; i++) y[i] = (byte) rng.nextInt(4);
    return new Examples(x, y, 8);
  }

  static float[] weights(AnalogNetwork net) {
    AnalogLayer l = net.layer(0);
    float[] w = new float[l.inputs() * l.outputs()];
    l.copyWeights(w);
    return w;
  }

  /** Mean change of all weights, µS. */
  static double meanDriftMicroSiemens(AnalogNetwork net, float[] before) {
    float[] after = weights(net);
    double s = 0;
    for (int k = 0; k < after.length; k++) s += after[k] - before[k];
    return s / after.length / net.layer(0).weightUnitsPerMicroSiemens();
  }

  /**
   * A fixed up/down asymmetry makes zero-mean updates drift the capacitor: with s = +1 a weight
   * increase is a charge (big step) and a decrease a discharge (small step), so weights creep up.
   * With polarity inversion the second interval creeps the other way and the drift cancels over two
   * transfer intervals; without it, it doubles.
   */
  @Test
  void polarityInversionCancelsAFixedUpDownAsymmetry() {
    double[] inverted = driftAfterTwoIntervals(0.7, true);
    double[] fixed = driftAfterTwoIntervals(0.7, false);
    double meanAbsInverted = 0;
    double meanFixed = 0;
    for (int k = 0; k < SEEDS.length; k++) {
      meanAbsInverted += Math.abs(inverted[k]) / SEEDS.length;
      meanFixed += fixed[k] / SEEDS.length;
    }
    // Without inversion: 2 intervals × ≈ 4.5 µS of creep (measured ≈ 9–11 µS).
    assertTrue(meanFixed > 5.0, "without inversion the weights creep up: " + java.util.Arrays.toString(fixed) + " µS");
    assertTrue(meanAbsInverted < 0.25 * meanFixed,
        "inversion cancels it: " + java.util.Arrays.toString(inverted) + " vs " + java.util.Arrays.toString(fixed) + " µS");
  }

  /**
   * The control: with symmetric steps both schedules stay put, to within the random walk of the
   * stochastic pulses (the mean of 36 weights wanders with a standard deviation of ≈ 0.4 µS here).
   */
  @Test
  void symmetricCapacitorsDoNotDriftEitherWay() {
    for (boolean inversion : new boolean[] {true, false}) {
      for (double d : driftAfterTwoIntervals(1.0, inversion)) assertTrue(Math.abs(d) < 1.5, "inversion " + inversion + ": " + d + " µS");
    }
  }

  private static final long[] SEEDS = {11, 12, 13};

  /**
   * Mean weight change (µS) after two transfer intervals of zero-mean learning, per seed. The metric
   * is blind to learning: softmax errors sum to zero over the outputs, so the ideal update leaves the
   * mean of every row of W unchanged; what moves it is the devices.
   */
  private static double[] driftAfterTwoIntervals(double downOverUp, boolean inversion) {
    int interval = 300;
    double[] drift = new double[SEEDS.length];
    for (int k = 0; k < SEEDS.length; k++) {
      Examples data = noise(2 * interval, SEEDS[k]);
      AnalogNetwork net = new AnalogNetwork(SHAPE, Activation.RELU, analog(hybridTile(downOverUp), interval, inversion, 0.0), SEEDS[k]);
      float[] before = weights(net);
      for (int i = 0; i < data.count(); i++) net.trainExample(data.features(), i * 8, data.labels()[i], 0.01f);
      assertEquals(2, net.transfers());
      drift[k] = meanDriftMicroSiemens(net, before);
    }
    return drift;
  }

  /**
   * A transfer moves each weight into its PCM pair and leaves the capacitors empty (at 0.5 V;
   * residual 0 with these ideal devices), lowered by the paper's 2 µS offset in the direction g can
   * correct — except targets on g's side below the offset, which RESET both PCM devices and are
   * left to g's training.
   */
  /**
   * Capacitors whose rails are five steps away fill up under random updates without transfers: the
   * clamps are counted and the divergence diagnosis names them and the fix.
   */
  /**
   * Inference in batches (the default {@code accuracy}) equals one example at a time on the full
   * ambrogio2018 tile (noise, drift, several tiles per layer): the same accuracy and event counts,
   * and the noise streams left where the one-by-one path leaves them, so training goes on alike.
   */
  @Test
  void batchedInferenceEqualsOneExampleAtATime() {
    AnalogConfig config = analog(TileConfig.ambrogio2018().withSize(6, 4), 100, true);
    NetworkShape shape = NetworkShape.parse("8-6-4"); // two layers: the activation and the bias input between them
    AnalogNetwork batched = new AnalogNetwork(shape, Activation.SIGMOID, config, 11L);
    AnalogNetwork oneByOne = new AnalogNetwork(shape, Activation.SIGMOID, config, 11L);
    Examples data = noise(237, 12L);
    for (AnalogNetwork net : new AnalogNetwork[] {batched, oneByOne}) {
      for (int i = 0; i < 150; i++) net.trainExample(data.features(), i * 8, data.labels()[i], 0.2f);
    }
    assertEquals(oneByOne.accuracyOneByOne(data), batched.accuracy(data));
    assertEquals(oneByOne.counts(), batched.counts());
    for (AnalogNetwork net : new AnalogNetwork[] {batched, oneByOne}) {
      for (int i = 150; i < 237; i++) net.trainExample(data.features(), i * 8, data.labels()[i], 0.2f);
    }
    assertArrayEquals(weights(oneByOne), weights(batched));
  }

  @Test
  void capacitorsAtTheirRailsAreCountedAndDiagnosed() {
    CapacitorParams ideal = DevicePreset.IDEAL.capacitor();
    CapacitorParams coarse = new CapacitorParams(ideal.vInitVolts(), ideal.vMinVolts(), ideal.vMaxVolts(), ideal.vLeakVolts(),
        Double.POSITIVE_INFINITY, 0, 0.1, 0.1, 0, 0, 0, 0, ideal.readSlopeMicroSPerVolt(), ideal.readGAtInitMicroS(), 0, 0, 0);
    TileConfig tile = new TileConfig("test-coarse", new DeviceParams(DevicePreset.IDEAL.pcm(), coarse), CellLayout.HYBRID, 16, 8,
        TileConfig.ambrogio2018().gainFactor(), PeripheryConfig.ideal(), PeripheryConfig.ideal(), UpdateConfig.ambrogio2018());
    AnalogNetwork net = new AnalogNetwork(SHAPE, Activation.RELU, analog(tile, 1_000_000, true), 6L);
    assertEquals("", net.diagnose(), "nothing to report before training");
    Examples data = noise(400, 8L);
    for (int i = 0; i < data.count(); i++) net.trainExample(data.features(), i * 8, data.labels()[i], 0.5f);
    assertTrue(net.counts().get(Event.CAPACITOR_RAIL_CLAMPS) > 0);
    String why = net.diagnose();
    assertTrue(why.contains("ran into a rail") && why.contains("analog.transfer.intervalExamples"), why);
  }

  @Test
  void transferMovesTheWeightIntoThePcmPairAndEmptiesTheCapacitor() {
    AnalogNetwork net = new AnalogNetwork(SHAPE, Activation.RELU, analog(hybridTile(1.0), 1_000_000, true), 5L);
    Examples data = noise(200, 4L);
    for (int i = 0; i < data.count(); i++) net.trainExample(data.features(), i * 8, data.labels()[i], 0.01f);
    AnalogLayer layer = net.layer(0);
    int inputs = layer.inputs();
    double[] cap = new double[inputs];
    double capMagnitude = 0;
    for (int c = 0; c < layer.outputs(); c++) {
      layer.readColumnCapacitorMicroSiemens(c, cap);
      for (double v : cap) capMagnitude = Math.max(capMagnitude, Math.abs(v));
    }
    assertTrue(capMagnitude > 0.5, "training filled the capacitors: " + capMagnitude + " µS");
    float[] before = weights(net);
    long transfersBefore = layer.counts().get(Event.TRANSFERS);
    net.transfer();
    assertEquals(layer.outputs(), layer.counts().get(Event.TRANSFERS) - transfersBefore, "one transfer per column");
    double[] pcm = new double[inputs];
    double scale = layer.weightUnitsPerMicroSiemens();
    double gain = layer.config().gainFactor();
    double tolerance = gain * layer.config().devices().pcm().tuneToleranceMicroS(); // tuning tolerance per device, × F
    for (int c = 0; c < layer.outputs(); c++) {
      layer.readColumnCapacitorMicroSiemens(c, cap);
      layer.readColumnPcmMicroSiemens(c, pcm);
      assertEquals(-1, layer.polarity(c), "the polarity flipped");
      double step = layer.config().devices().capacitor().nominalStepMicroS();
      for (int i = 0; i < inputs; i++) {
        double target = before[c * inputs + i] / scale;
        // s = −1 after the flip: a target on g's side (s·target > 0) below the 2 µS offset RESETs both
        // devices and is left to g's training; every other target is lowered by s·2 µS (paper).
        if (-target > 0 && -target < 2.0) {
          assertEquals(0.0, pcm[i], 1e-9, "below the 2 µS offset both devices are RESET");
          assertEquals(0.0, cap[i], 1e-12, "and g is left at 0.5 V, to correct it through training");
        } else {
          assertEquals(0.0, cap[i], 1e-12, "capacitor emptied (ideal devices: g(0.5 V) = g_shared(0.5 V))");
          assertEquals(target + 2.0, pcm[i], tolerance + 1e-9, "column " + c + " input " + i + " moved into the PCM pair, lowered by s·offset");
        }
      }
    }
  }

  /** Ideal devices through the same tiles, periphery off: the same learning as the software network (to float rounding). */
  @Test
  void idealAnalogLearnsLikeSoftware() {
    Examples train = SoftwareNetworkTest.blobs(1_500, 21L);
    Examples test = SoftwareNetworkTest.blobs(500, 22L);
    NetworkShape shape = NetworkShape.parse("8-16-4");
    TrainingConfig software = TrainingPreset.SOFTWARE.config();
    TrainingConfig ideal = TrainingPreset.IDEAL_ANALOG.config();
    Trainer.Plan plan = new Trainer.Plan(2, software.learningRate(), software.learningRateDecay(), 3L, 0, "t");
    List<EpochMetrics> a = new Trainer(plan).train(software.learner(shape, 3L), train, test, TrainingListener.NONE).epochs();
    List<EpochMetrics> b = new Trainer(plan).train(ideal.learner(shape, 3L), train, test, TrainingListener.NONE).epochs();
    for (int e = 0; e < 2; e++) {
      assertEquals(a.get(e).trainLoss(), b.get(e).trainLoss(), 1e-4 * a.get(e).trainLoss(), "epoch " + (e + 1) + " loss");
      assertEquals(a.get(e).validationAccuracy(), b.get(e).validationAccuracy(), 0.005, "epoch " + (e + 1) + " test accuracy");
    }
  }

  /**
   * aihwkit's single-device layout (pulsed-gokmen-vlasov): every network weight, bias included, is
   * one device's weight, starting at the software network's initial weights (the mapping the check
   * against aihwkit relies on), and training moves them by pulses only.
   */
  @Test
  void pulsedPresetsHoldTheSoftwareWeightsOneDeviceEach() {
    NetworkShape shape = NetworkShape.parse("8-16-4");
    TrainingConfig c = TrainingPreset.byId("pulsed-gokmen-vlasov").config();
    AnalogNetwork net = new AnalogNetwork(shape, Activation.SIGMOID, c.analog(), 3L);
    SoftwareNetwork sw = new SoftwareNetwork(shape, Activation.SIGMOID, 1, Trainer.RNG.create(Seeds.stream(3L, Trainer.WEIGHTS_STREAM)));
    int weights = 0;
    int clipped = 0;
    for (int l = 0; l < shape.layers(); l++) {
      int in = shape.inputsOf(l) + 1;
      float[] w = sw.weights(l);
      for (int i = 0; i < in; i++) {
        for (int o = 0; o < shape.outputsOf(l); o++, weights++) {
          float want = w[i * shape.outputsOf(l) + o];
          float got = net.layer(l).weight(o, i);
          if (Math.abs(got - want) <= 1e-6f) continue;
          // A device whose own bound (w_max·(1 ± 0.3 z)) lies inside the weight holds it clipped, as in aihwkit.
          assertTrue(Math.signum(got) == Math.signum(want) && Math.abs(got) < Math.abs(want), "layer " + l + " input " + i + " output " + o
              + ": " + got + " for " + want);
          clipped++;
        }
      }
    }
    assertTrue(clipped <= 0.05 * weights, clipped + " of " + weights + " weights clipped (Glorot limit 0.5 here, bounds 1 ± 0.3 z: about 1 % expected)");
    Examples data = noise(20, 2L);
    for (int i = 0; i < data.count(); i++) net.trainExample(data.features(), i * 8, data.labels()[i], 0.05f);
    EventCounts counts = net.layer(0).counts();
    assertTrue(counts.get(Event.CAPACITOR_CHARGE_PULSES) + counts.get(Event.CAPACITOR_DISCHARGE_PULSES) > 0, "updated by pulses");
    assertEquals(0, counts.get(Event.PCM_SET_PULSES), "no PCM, no transfer");
  }

  @Test
  void aTransferNeedsPcmAndInversionNeedsTheCapacitor() {
    IllegalArgumentException noPcm = assertThrows(IllegalArgumentException.class,
        () -> new AnalogConfig(TileConfig.ideal(), TransferConfig.ambrogio2018(), ClockConfig.ambrogio2018()));
    assertTrue(noPcm.getMessage().contains("needs PCM"), noPcm.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new AnalogConfig(TileConfig.pcmPair2018(), TransferConfig.ambrogio2018(), ClockConfig.ambrogio2018()));
    TrainingConfig c = TrainingPreset.AMBROGIO2018.config();
    IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
        () -> new TrainingConfig(c.activation(), c.learningRate(), c.learningRateDecay(), 4, c.analog()));
    assertTrue(batch.getMessage().contains("one example at a time"), batch.getMessage());
  }

  /**
   * No stale layers: after a transfer every layer's device state (capacitor leakage, PCM drift) is
   * at the chip clock's time, i.e. equals the state advanced by the elapsed chip time; layers on
   * separate tiles were programmed in parallel, so the transfer lasted as long as its slowest layer.
   */
  @Test
  void afterATransferEveryLayerIsAtTheChipTime() {
    NetworkShape shape = NetworkShape.parse("8-6-4");
    AnalogNetwork net = new AnalogNetwork(shape, Activation.RELU, analog(TileConfig.ambrogio2018().withSize(16, 8), 1_000_000, true), 3L);
    Examples data = noise(50, 2L);
    for (int i = 0; i < data.count(); i++) net.trainExample(data.features(), i * 8, data.labels()[i], 0.05f);
    double before = net.timeSeconds();
    net.transfer();
    double after = net.timeSeconds();
    assertTrue(after > before);
    for (int l = 0; l < 2; l++) {
      AnalogLayer layer = net.layer(l);
      assertEquals(after, layer.timeSeconds(), 0.0, "layer " + l + " is at the chip's time after the transfer");
      // The capacitors (leakage) are exactly those advanced to the chip's time; the PCM part up to the
      // noise of a fresh column-sum read for the drift-compensation gain (a refresh re-reads it).
      double[][] cap = new double[layer.outputs()][layer.inputs()];
      for (int c = 0; c < layer.outputs(); c++) layer.readColumnCapacitorMicroSiemens(c, cap[c]);
      double[][] pcm = new double[layer.outputs()][layer.inputs()];
      for (int c = 0; c < layer.outputs(); c++) layer.readColumnPcmMicroSiemens(c, pcm[c]);
      layer.advanceTo(after);
      for (int c = 0; c < layer.outputs(); c++) {
        double[] now = new double[layer.inputs()];
        layer.readColumnCapacitorMicroSiemens(c, now);
        assertArrayEquals(cap[c], now, 0.0, "layer " + l + " column " + c + ": capacitors at the chip's time");
        layer.readColumnPcmMicroSiemens(c, now);
        for (int r = 0; r < now.length; r++) {
          assertEquals(pcm[c][r], now[r], 0.05 * Math.abs(pcm[c][r]) + 1e-9, "layer " + l + " column " + c + ": PCM at the chip's time");
        }
      }
    }
  }

  /** PCM-only refresh: the pair is re-programmed to its weight, so the weight survives and both devices leave saturation. */
  @Test
  void pcmOnlyRefreshKeepsTheWeights() {
    TileConfig tile = TileConfig.pcmPair2018().withDevices(DevicePreset.IDEAL).withSize(16, 8);
    AnalogNetwork net = new AnalogNetwork(SHAPE, Activation.RELU,
        new AnalogConfig(tile, TransferConfig.refresh(1_000_000), ClockConfig.ambrogio2018()), 7L);
    Examples data = noise(300, 8L);
    for (int i = 0; i < data.count(); i++) net.trainExample(data.features(), i * 8, data.labels()[i], 0.01f);
    float[] before = weights(net);
    net.transfer();
    float[] after = weights(net);
    double tolerance = tile.gainFactor() * tile.devices().pcm().tuneToleranceMicroS() * net.layer(0).weightUnitsPerMicroSiemens();
    for (int k = 0; k < before.length; k++) assertEquals(before[k], after[k], tolerance + 1e-6, "weight " + k);
  }

  /** Weight scaling: each layer's largest initial weight lands at ω of the cell's largest weight. */
  @Test
  void weightScalingMapsTheLargestInitialWeightToOmegaOfTheRange() {
    TileConfig tile = TileConfig.ambrogio2018().withSize(16, 8).withPeriphery(PeripheryConfig.ideal());
    AnalogConfig base = new AnalogConfig(tile, TransferConfig.none(), ClockConfig.ambrogio2018());
    AnalogNetwork unscaled = new AnalogNetwork(SHAPE, Activation.RELU, base, 9L);
    AnalogNetwork scaled = new AnalogNetwork(SHAPE, Activation.RELU, base.withWeightScalingOmega(0.25), 9L);
    double cellMax = AnalogLayer.nominalMaxWeightMicroSiemens(tile);
    assertEquals(1.0 / cellMax, unscaled.layer(0).weightUnitsPerMicroSiemens(), 1e-15);
    double largest = 0; // of the initial weights, which are the software network's for the same seed
    for (float v : new SoftwareNetwork(SHAPE, Activation.RELU, 1, Trainer.RNG.create(Seeds.stream(9L, Trainer.WEIGHTS_STREAM))).weights(0))
      largest = Math.max(largest, Math.abs(v));
    assertEquals(largest / (0.25 * cellMax), scaled.layer(0).weightUnitsPerMicroSiemens(), 1e-12);
    float[] w = weights(unscaled);
    // The same network weights (to the PCM tuning tolerance), now on ≈ 4× larger conductances.
    float[] ws = weights(scaled);
    double tolerance = tile.gainFactor() * 2.5 * tile.devices().pcm().tuneToleranceMicroS() * scaled.layer(0).weightUnitsPerMicroSiemens();
    int close = 0;
    for (int k = 0; k < w.length; k++) if (Math.abs(ws[k] - w[k]) <= tolerance) close++;
    assertTrue(close >= w.length - 2, close + " of " + w.length + " weights kept (stuck devices allowed)");
    assertThrows(IllegalArgumentException.class, () -> base.withWeightScalingOmega(1.5));
  }

  /** A run interrupted at a transfer and resumed from its checkpoint ends with the same numbers. */
  @Test
  void hybridRunResumesExactly() {
    Examples train = SoftwareNetworkTest.blobs(600, 31L);
    Examples test = SoftwareNetworkTest.blobs(200, 32L);
    NetworkShape shape = NetworkShape.parse("8-6-4");
    TrainingConfig config = TrainingPreset.AMBROGIO2018.config()
        .withAnalog(new AnalogConfig(TileConfig.ambrogio2018().withSize(16, 8), new TransferConfig(true, 200, 2.0, true, true),
            ClockConfig.ambrogio2018()));
    Trainer.Plan plan = new Trainer.Plan(2, config.learningRate(), config.learningRateDecay(), 5L, 200, "t");
    List<byte[]> checkpoints = new ArrayList<>();
    Trainer.Outcome full = new Trainer(plan).train(config.learner(shape, 5L), train, test, new TrainingListener() {
      @Override
      public void checkpoint(java.util.function.Supplier<byte[]> state, long seen) {
        checkpoints.add(state.get());
      }
    });
    for (byte[] cp : new byte[][] {checkpoints.get(0), checkpoints.get(2)}) {
      Trainer.Outcome resumed = new Trainer(plan).resume(config.learner(shape, 5L), train, test, TrainingListener.NONE, cp);
      for (int e = 0; e < 2; e++) {
        assertEquals(full.epochs().get(e).trainLoss(), resumed.epochs().get(e).trainLoss(), 0.0);
        assertEquals(full.epochs().get(e).validationAccuracy(), resumed.epochs().get(e).validationAccuracy(), 0.0);
      }
    }
  }

  /**
   * One clock: the seconds the trainer advances leakage and drift by are the seconds the energy
   * model prices from the run's counts with the same technology table, example by example and
   * transfer by transfer; a transferred column lasts as long as its slowest cell, which is at least
   * its mean cell.
   */
  @Test
  void theTrainersClockIsTheEnergyModelsClock() {
    TileConfig tile = TileConfig.ambrogio2018().withSize(16, 8);
    NetworkShape shape = NetworkShape.parse("8-6-4");
    AnalogNetwork net = new AnalogNetwork(shape, Activation.RELU, new AnalogConfig(tile, new TransferConfig(true, 100, 2.0, true, false),
        new ClockConfig("ambrogio2018", 10)), 11L);
    Examples data = noise(350, 12L);
    for (int i = 0; i < data.count(); i++) net.trainExample(data.features(), i * 8, data.labels()[i], 0.05f);
    assertEquals(3, net.transfers());
    org.aimc.crossbar.energy.TechnologyTable tech = org.aimc.crossbar.energy.TechnologyTable.ambrogio2018();
    org.aimc.crossbar.energy.EnergyReport r = org.aimc.crossbar.energy.EnergyModel.report(net.phaseCounts(), tile, tech, 350);
    assertEquals(r.seconds(), net.timeSeconds(), 1e-12 * r.seconds(), "training time: trainer vs energy model");
    assertEquals(r.secondsPerExample(), net.exampleSeconds(), 1e-12 * r.secondsPerExample());
    double trainerPerTransfer = (net.timeSeconds() - 350 * net.exampleSeconds()) / 3;
    assertEquals(r.secondsPerTransfer(), trainerPerTransfer, 1e-12 * trainerPerTransfer);
    // An example by hand: forward through 2 layers, backward through the second, one update of BL slots.
    org.aimc.crossbar.energy.ChipClock clock = org.aimc.crossbar.energy.ChipClock.of(tech,
        org.aimc.crossbar.energy.HardwareSummary.of(tile), org.aimc.crossbar.energy.TileGrid.ofLayers(List.of(net.layer(0), net.layer(1))));
    double stepNs = tech.dacLatencyNs(tile.forward().dacBits()) + tech.get(org.aimc.crossbar.energy.TechParameter.READ_LATENCY)
        + tech.adcLatencyNs(tile.forward().adcBits()) + tech.get(org.aimc.crossbar.energy.TechParameter.NEURON_LATENCY)
        + tech.get(org.aimc.crossbar.energy.TechParameter.DATA_MOVEMENT_LATENCY);
    assertEquals(stepNs, clock.mvmStepNs(false), 1e-12);
    double exampleNs = 2 * stepNs + clock.mvmStepNs(true) + tile.update().bitLength() * tech.get(org.aimc.crossbar.energy.TechParameter.UPDATE_SLOT_LATENCY);
    assertEquals(exampleNs * 1e-9, net.exampleSeconds(), 1e-12 * exampleNs * 1e-9);
    // The slowest cell of each column takes at least as long as the column's mean cell.
    org.aimc.crossbar.EventCounts t = net.phaseCounts().typed().get(org.aimc.crossbar.energy.Phase.TRANSFER).get(0);
    double rowsPerColumn = 9; // 8 inputs + bias
    double meanCellNs = (t.get(Event.PCM_SET_PULSES) * 100.0 + t.get(Event.PCM_RESET_PULSES) * 50.0 + t.get(Event.PCM_VERIFY_READS) * 100.0)
        / rowsPerColumn;
    double slowestNs = t.get(Event.TRANSFER_SLOWEST_SET_PULSES) * 100.0 + t.get(Event.TRANSFER_SLOWEST_RESET_PULSES) * 50.0
        + t.get(Event.TRANSFER_SLOWEST_VERIFY_READS) * 100.0;
    assertEquals(100.0, tech.get(org.aimc.crossbar.energy.TechParameter.PCM_SET_LATENCY));
    assertTrue(slowestNs >= meanCellNs && slowestNs > 0, "slowest " + slowestNs + " ns vs mean cell " + meanCellNs + " ns per transfer");
  }
}
