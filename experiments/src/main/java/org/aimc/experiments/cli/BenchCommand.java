package org.aimc.experiments.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** TODO(owner): placeholder so the root compiles; replaced by the real command. */
@Command(name = "bench", header = "(not built yet)")
final class BenchCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UnsupportedOperationException("aimc bench is not built yet");
  }
}
