package org.aimc.experiments.io;

import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Saves XChart charts as PNG, atomically like every other result file. */
public final class Png {
  private Png() {}

  public static void write(Path target, Chart<?, ?> chart) {
    AtomicFiles.write(target, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
  }
}
