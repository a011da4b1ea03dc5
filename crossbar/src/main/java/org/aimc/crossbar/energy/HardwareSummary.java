package org.aimc.crossbar.energy;

import java.util.Locale;
import org.aimc.crossbar.CellLayout;
import org.aimc.crossbar.PulseEncoding;
import org.aimc.crossbar.TileConfig;

/**
 * The parts of a {@link TileConfig} the energy model needs, as plain data (so a report can be
 * recomputed from a results file with another technology table).
 *
 * @param tileConfig the tile config's name
 * @param layout cell layout id ({@link CellLayout#id()})
 * @param rows physical rows of a tile
 * @param cols physical columns of a tile
 * @param forwardDacBits DAC bits of the forward pass (0: unquantised, charged at the table's reference)
 * @param forwardAdcBits ADC bits of the forward pass
 * @param backwardDacBits DAC bits of the backward pass
 * @param backwardAdcBits ADC bits of the backward pass
 * @param bitLength BL, slots of an update pulse train
 * @param encoding update encoding ({@link PulseEncoding} name)
 */
public record HardwareSummary(String tileConfig, String layout, int rows, int cols, int forwardDacBits, int forwardAdcBits,
    int backwardDacBits, int backwardAdcBits, int bitLength, String encoding) {

  public HardwareSummary {
    CellLayout.byId(layout);
    if (rows < 1 || cols < 1) throw new IllegalArgumentException("tile size must be at least 1×1, got " + rows + "×" + cols);
    for (int b : new int[] {forwardDacBits, forwardAdcBits, backwardDacBits, backwardAdcBits}) {
      if (b < 0 || b > 24) throw new IllegalArgumentException("converter bits must be 0..24, got " + b);
    }
    if (bitLength < 1) throw new IllegalArgumentException("bitLength must be at least 1, got " + bitLength);
    PulseEncoding.valueOf(encoding.toUpperCase(Locale.ROOT));
  }

  public static HardwareSummary of(TileConfig c) {
    return new HardwareSummary(c.name(), c.layout().id(), c.rows(), c.cols(), c.forward().dacBits(), c.forward().adcBits(),
        c.backward().dacBits(), c.backward().adcBits(), c.update().bitLength(), c.update().encoding().name());
  }

  public CellLayout cellLayout() {
    return CellLayout.byId(layout);
  }

  /** PCM devices per cell that conduct in an MVM and take area: 2 for hybrid, PCM pair and ideal (priced as hybrid), else 0. */
  public int pcmDevicesPerCell() {
    return switch (cellLayout()) {
      case HYBRID, PCM_PAIR, IDEAL -> 2;
      case CAPACITOR, PULSED -> 0;
    };
  }

  /** 3T1C cells per cell: 1 for hybrid, capacitor, ideal (priced as hybrid) and pulsed (priced as a 3T1C cell), else 0. */
  public int capacitorsPerCell() {
    return switch (cellLayout()) {
      case HYBRID, CAPACITOR, IDEAL, PULSED -> 1;
      case PCM_PAIR -> 0;
    };
  }

  /** Whether update pulses are PCM partial-SET pulses (PCM-only cells), whose slot is a SET pulse long. */
  public boolean updatesPcm() {
    return cellLayout() == CellLayout.PCM_PAIR;
  }
}
