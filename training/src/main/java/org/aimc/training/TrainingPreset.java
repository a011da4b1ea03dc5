package org.aimc.training;

import java.util.List;
import java.util.Map;
import org.aimc.config.PresetLibrary;
import org.aimc.crossbar.TileConfig;
import org.aimc.crossbar.TilePreset;
import org.aimc.devices.DeviceParams;
import org.aimc.devices.DevicePreset;
import org.aimc.devices.PulsedDeviceParams;
import org.aimc.devices.PulsedDevicePreset;

/**
 * A named training configuration ({@code --config NAME}), read from the data file
 * {@code presets/training/NAME.yaml} (built in) or {@code $AIMC_HOME/presets/NAME.yaml} with
 * {@code kind: training} (the user's). Each value sits beside its unit and source; an ablation is a
 * small file that {@code extends} its base and sets what differs. All built-in configurations share
 * the digital hyper-parameters of {@code software}, so the comparison isolates the hardware. Its
 * {@code analog.tile} may name a tile preset and {@code analog.tile.devices} a device preset.
 *
 * @param id the name used on the command line
 * @param description one line for listings
 * @param paperClaim what Ambrogio et al. 2018 report for this configuration, in words, for the comparison table
 * @param group {@link Ablations#MAIN} for the default comparison, else an ablation group's name ({@code user} for a user's file without one)
 * @param config the resolved configuration
 * @param sources the source of every value, by dotted key
 * @param origin {@code built-in}, or the user file it was read from
 */
public record TrainingPreset(String id, String description, String paperClaim, String group, TrainingConfig config,
    Map<String, String> sources, String origin) {

  /** The training configurations' files. */
  public static final PresetLibrary<TrainingConfig> LIBRARY = new PresetLibrary<>("training", "configuration", TrainingConfig.class, TrainingPreset.class,
      List.of("paperClaim", "group"), Map.of(TileConfig.class, TilePreset.LIBRARY, DeviceParams.class, DevicePreset.LIBRARY,
          PulsedDeviceParams.class, PulsedDevicePreset.LIBRARY));

  /** The floating-point yardstick: ReLU hidden layers, SGD one example at a time (as the hardware trains). */
  public static final TrainingPreset SOFTWARE = byId("software");

  /** The full scheme: hybrid PCM + 3T1C cells, transfer every 8,000 examples, polarity inversion. */
  public static final TrainingPreset AMBROGIO2018 = byId("ambrogio2018");

  /** Ideal float weights through the same tiles, periphery off: must equal software. */
  public static final TrainingPreset IDEAL_ANALOG = byId("ideal-analog");

  /** Names of the groups of configurations ({@code aimc reproduce --ablations GROUP}). */
  public static final class Ablations {
    /** The main comparison (the default rows of {@code aimc reproduce}). */
    public static final String MAIN = "main";
    /** Physics ablations: offset, drift, drift compensation, residual handling. */
    public static final String PHYSICS = "physics";
    /** A user's configuration that names no group. */
    public static final String USER = "user";

    private Ablations() {}
  }

  /**
   * The configuration with this id, built in or the user's.
   *
   * @throws IllegalArgumentException naming the allowed ids, or the file and line of an error in the configuration's file
   */
  public static TrainingPreset byId(String id) {
    PresetLibrary.Preset<TrainingConfig> p = LIBRARY.get(id);
    return new TrainingPreset(p.name(), p.description(), p.info().getOrDefault("paperClaim", ""),
        p.info().getOrDefault("group", Ablations.USER), p.value(), p.sources(), p.origin());
  }

  /** Every configuration: the built-in ones in their index's order, then the user's. */
  public static List<TrainingPreset> values() {
    return LIBRARY.names().stream().map(TrainingPreset::byId).toList();
  }

  /** The ids of one group, in {@link #values()} order. */
  public static String[] ids(String group) {
    return values().stream().filter(p -> p.group.equals(group)).map(TrainingPreset::id).toArray(String[]::new);
  }

  /** The groups, main first. */
  public static String[] groups() {
    return values().stream().map(TrainingPreset::group).distinct().toArray(String[]::new);
  }

  public static String[] ids() {
    return LIBRARY.names().toArray(String[]::new);
  }

  /** Whether the configuration ships with aimc (else it is the user's, from {@link #origin()}). */
  public boolean builtIn() {
    return "built-in".equals(origin);
  }
}
