package org.aimc.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link PcmArray#tune} computes only its last pulse's ν (the verify reads come before any drift); it
 * must leave the numbers of a tuning that computes ν at every pulse: every result, every device's
 * G_v, t_p, ν and q_s, and the random stream, bit for bit, over tunings up and down, from RESET and
 * from a programmed state, to zero, with overshoots, on stuck devices, and with the devices drifting
 * between tunings.
 */
class PcmTuneDeferredNuTest {
  private static final int N = 400;

  @Test
  void deferredNuGivesTheBitsOfNuAtEveryPulse() throws IOException {
    for (PcmParams p : new PcmParams[] {DevicePreset.AMBROGIO2018.pcm(), TestRecords.with(DevicePreset.AMBROGIO2018.pcm(), "stuckFraction", 0.2)}) {
      PcmArray deferred = PcmArray.create(p, N, 9L);
      PcmArray eager = PcmArray.create(p, N, 9L);
      eager.deferNuInTuning = false;
      SplittableRandom rnd = new SplittableRandom(2);
      double t = 0;
      long sets = 0;
      long resets = 0;
      for (int round = 0; round < 6; round++) {
        t += 3.0;
        for (int c = 0; c < N; c++) {
          double target = rnd.nextInt(10) == 0 ? 0 : 20 * rnd.nextDouble();
          TuningResult a = eager.tune(c, target, t);
          TuningResult b = deferred.tune(c, target, t);
          assertEquals(a, b, "tuning of device " + c + " in round " + round);
          sets += a.setPulses();
          resets += a.resetPulses();
        }
      }
      assertTrue(sets > 5 * N && resets > N / 2, "the tunings fired many SET pulses and some RESETs: " + sets + ", " + resets);
      PcmSameBits.assertSameDevices(eager, deferred, t + 100);
    }
  }
}
