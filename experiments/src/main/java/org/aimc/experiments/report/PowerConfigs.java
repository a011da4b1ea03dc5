package org.aimc.experiments.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import org.aimc.crossbar.CellLayout;
import org.aimc.crossbar.TileConfig;

/**
 * The configuration names {@code aimc power} and {@code aimc export} understand, mapped to tile
 * configs. One small table until the training presets carry their tile configs (then this should
 * read {@code TrainingPreset.byId(name).config()}).
 */
public enum PowerConfigs {
  AMBROGIO2018("ambrogio2018", "hybrid PCM + 3T1C, transfer every 8,000 examples, polarity inversion", TileConfig::ambrogio2018, true),
  AMBROGIO2018_NO_INVERSION("ambrogio2018-no-inversion", "hybrid, transfer, no polarity inversion",
      () -> TileConfig.ambrogio2018().withName("ambrogio2018-no-inversion"), false),
  PCM_ONLY("pcm-only", "PCM pair trained by partial-SET pulses, no transfer", () -> TileConfig.pcmPair2018().withName("pcm-only"), false),
  CAPACITOR_ONLY("capacitor-only", "3T1C capacitor only, no transfer",
      () -> TileConfig.ambrogio2018().withName("capacitor-only").withLayout(CellLayout.CAPACITOR), false),
  IDEAL_ANALOG("ideal-analog", "ideal float weights through the same tiles (priced as hybrid cells)", TileConfig::ideal, false);

  private final String id;
  private final String description;
  private final Supplier<TileConfig> tile;
  private final boolean polarityInversion;

  PowerConfigs(String id, String description, Supplier<TileConfig> tile, boolean polarityInversion) {
    this.id = id;
    this.description = description;
    this.tile = tile;
    this.polarityInversion = polarityInversion;
  }

  public String id() {
    return id;
  }

  public String description() {
    return description;
  }

  public TileConfig tileConfig() {
    return tile.get();
  }

  /** Whether transfers flip the polarity (only meaningful for hybrid cells). */
  public boolean polarityInversion() {
    return polarityInversion;
  }

  /** @throws IllegalArgumentException naming the allowed names (and why {@code software} is not one) */
  public static PowerConfigs byId(String name) {
    String k = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    for (PowerConfigs c : values()) if (c.id.equals(k)) return c;
    String why = "software".equals(k) ? " ('software' runs on no analog tiles, so there is nothing to price)" : "";
    throw new IllegalArgumentException("unknown configuration '" + name + "'" + why + "; allowed: " + String.join(", ", ids()));
  }

  public static String[] ids() {
    return Arrays.stream(values()).map(PowerConfigs::id).toArray(String[]::new);
  }
}
