package org.aimc.experiments.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** TODO(owner): placeholder so the root compiles; replaced by the real command. */
@Command(name = "data", header = "(not built yet)")
final class DataCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UnsupportedOperationException("aimc data is not built yet");
  }
}
