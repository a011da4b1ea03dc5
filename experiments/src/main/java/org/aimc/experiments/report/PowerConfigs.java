package org.aimc.experiments.report;

import java.util.Arrays;
import java.util.Locale;
import org.aimc.crossbar.TileConfig;
import org.aimc.training.AnalogConfig;
import org.aimc.training.TrainingPreset;

/**
 * The analog training presets as {@code aimc power} and {@code aimc export} see them: a tile config
 * and a transfer schedule, read from {@link TrainingPreset} (the one place presets are defined).
 *
 * @param id the preset's id
 * @param description its one-line description
 * @param tileConfig its tiles
 * @param transferInterval examples between transfers (0: none): hybrid cells move the capacitor
 *     into the PCM, PCM-pair cells refresh their pairs
 * @param polarityInversion whether transfers flip the polarity
 */
public record PowerConfigs(String id, String description, TileConfig tileConfig, long transferInterval, boolean polarityInversion,
    boolean carryTuningResidual) {

  /** @throws IllegalArgumentException naming the allowed names (and why {@code software} is not one) */
  public static PowerConfigs byId(String name) {
    TrainingPreset p;
    try {
      p = TrainingPreset.byId(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown configuration '" + name + "'; allowed: " + String.join(", ", ids()));
    }
    if (p.config().analog() == null) {
      throw new IllegalArgumentException("configuration '" + p.id() + "' runs on no analog tiles, so there is nothing to price; allowed: "
          + String.join(", ", ids()));
    }
    AnalogConfig a = p.config().analog();
    return new PowerConfigs(p.id(), p.description(), a.tile(), a.transfer().enabled() ? a.transfer().intervalExamples() : 0,
        a.transfer().enabled() && a.transfer().polarityInversion(),
        a.transfer().enabled() && a.tile().layout() == org.aimc.crossbar.CellLayout.HYBRID && a.transfer().carryTuningResidual());
  }

  /** The ids of the built-in analog configurations (a user's are accepted by name too). */
  public static String[] ids() {
    return TrainingPreset.LIBRARY.builtInNames().stream().filter(n -> TrainingPreset.byId(n).config().analog() != null).toArray(String[]::new);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s (%s)", id, description);
  }
}
