package org.aimc.crossbar.energy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.aimc.crossbar.TileConfig;
import org.aimc.crossbar.tile.AnalogLayer;

/**
 * How a network's layers lie on physical tiles: each layer of {@code inputs × outputs} weights is cut
 * into blocks of at most {@code physicalRows × physicalCols}, one tile each, as {@link AnalogLayer}
 * does. The energy model needs it to turn a layer's summed counts into steps (tiles of a layer work
 * in parallel) and to count area (every physical tile, used or not).
 *
 * @param physicalRows rows of a tile (inputs of the forward pass)
 * @param physicalCols columns of a tile
 * @param layers the layers, input side first
 */
public record TileGrid(int physicalRows, int physicalCols, List<Layer> layers) {

  /**
   * One layer.
   *
   * @param inputs rows used in all (a bias row included, if the network has one)
   * @param outputs columns used in all
   */
  public record Layer(int inputs, int outputs) {
    public Layer {
      if (inputs < 1 || outputs < 1) {
        throw new IllegalArgumentException(String.format(Locale.ROOT, "a layer needs at least 1 input and 1 output, got %d × %d", inputs, outputs));
      }
    }
  }

  public TileGrid {
    if (physicalRows < 1 || physicalCols < 1) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "tile size must be at least 1×1, got %d×%d", physicalRows, physicalCols));
    }
    if (layers == null || layers.isEmpty()) throw new IllegalArgumentException("a tile grid needs at least one layer");
    layers = List.copyOf(layers);
  }

  /** The grid of the given layers on tiles of the config's size. */
  public static TileGrid of(TileConfig config, List<Layer> layers) {
    return new TileGrid(config.rows(), config.cols(), layers);
  }

  /**
   * The grid of a fully connected network given by its layer sizes, input first (e.g. 784, 250, 125,
   * 10); with {@code bias} every layer has one more input row (as aimc's analog networks do).
   */
  public static TileGrid ofNetwork(TileConfig config, int[] sizes, boolean bias) {
    if (sizes.length < 2) throw new IllegalArgumentException("a network needs at least two layer sizes, got " + sizes.length);
    List<Layer> l = new ArrayList<>();
    for (int i = 0; i + 1 < sizes.length; i++) l.add(new Layer(sizes[i] + (bias ? 1 : 0), sizes[i + 1]));
    return of(config, l);
  }

  /** The grid of existing analog layers. */
  public static TileGrid ofLayers(List<AnalogLayer> analogLayers) {
    if (analogLayers.isEmpty()) throw new IllegalArgumentException("no layers");
    TileConfig c = analogLayers.get(0).config();
    List<Layer> l = new ArrayList<>();
    for (AnalogLayer a : analogLayers) {
      if (a.config().rows() != c.rows() || a.config().cols() != c.cols()) {
        throw new IllegalArgumentException("all layers must use tiles of one size; got " + c.rows() + "×" + c.cols()
            + " and " + a.config().rows() + "×" + a.config().cols());
      }
      l.add(new Layer(a.inputs(), a.outputs()));
    }
    return of(c, l);
  }

  /** Tiles along the inputs of layer l. */
  public int tileRows(int l) {
    return ceilDiv(layers.get(l).inputs(), physicalRows);
  }

  /** Tiles along the outputs of layer l. */
  public int tileCols(int l) {
    return ceilDiv(layers.get(l).outputs(), physicalCols);
  }

  /** Tiles of layer l. */
  public int tiles(int l) {
    return tileRows(l) * tileCols(l);
  }

  /** Tiles of the whole network. */
  public int tiles() {
    int n = 0;
    for (int l = 0; l < layers.size(); l++) n += tiles(l);
    return n;
  }

  /** Cells used by layer l (inputs × outputs). */
  public long cells(int l) {
    return (long) layers.get(l).inputs() * layers.get(l).outputs();
  }

  /** Cells used by the whole network. */
  public long cells() {
    long n = 0;
    for (int l = 0; l < layers.size(); l++) n += cells(l);
    return n;
  }

  /** Rows used, summed over the tiles of layer l: {@code tileCols · inputs}. */
  public long usedRowsOverTiles(int l) {
    return (long) tileCols(l) * layers.get(l).inputs();
  }

  /** Columns used, summed over the tiles of layer l: {@code tileRows · outputs}. */
  public long usedColsOverTiles(int l) {
    return (long) tileRows(l) * layers.get(l).outputs();
  }

  /** Fraction of the physical cells of all tiles that hold a weight. */
  public double utilisation() {
    return (double) cells() / ((double) tiles() * physicalRows * physicalCols);
  }

  /** E.g. {@code "785×250 + 251×125 + 126×10 on 3 tiles of 1024×512"}. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    for (int l = 0; l < layers.size(); l++) {
      if (l > 0) b.append(" + ");
      b.append(layers.get(l).inputs()).append('×').append(layers.get(l).outputs());
    }
    return b.append(String.format(Locale.ROOT, " on %d tile%s of %d×%d", tiles(), tiles() == 1 ? "" : "s", physicalRows, physicalCols)).toString();
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
