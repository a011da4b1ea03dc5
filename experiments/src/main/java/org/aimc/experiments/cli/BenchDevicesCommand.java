package org.aimc.experiments.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** TODO(owner): placeholder so the root compiles; replaced by the real benchmark. */
@Command(name = "devices", header = "(not built yet)")
final class BenchDevicesCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UnsupportedOperationException("aimc bench devices is not built yet");
  }
}
