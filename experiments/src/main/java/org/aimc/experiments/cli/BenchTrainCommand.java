package org.aimc.experiments.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** TODO(owner): placeholder so the root compiles; replaced by the real benchmark. */
@Command(name = "train", header = "(not built yet)")
final class BenchTrainCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UnsupportedOperationException("aimc bench train is not built yet");
  }
}
