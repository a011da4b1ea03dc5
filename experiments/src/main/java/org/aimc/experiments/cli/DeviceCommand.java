package org.aimc.experiments.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** TODO(owner): placeholder so the root compiles; replaced by the real command. */
@Command(name = "device", header = "(not built yet)")
final class DeviceCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UnsupportedOperationException("aimc device is not built yet");
  }
}
