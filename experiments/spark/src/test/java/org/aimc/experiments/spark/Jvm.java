package org.aimc.experiments.spark;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Child JVMs for the tests (a sweep's driver, a Spark Master and Worker), with this JVM's class path and Spark's Java options. */
final class Jvm {
  private Jvm() {}

  /** The Java options of this test JVM that Spark needs (set by the module's pom). */
  static List<String> options() {
    String o = System.getProperty("aimc.test.javaOptions", "");
    List<String> out = new ArrayList<>();
    for (String s : o.trim().split("\\s+")) if (!s.isEmpty()) out.add(s);
    return out;
  }

  /** Starts {@code main} with {@code args}; output goes to {@code log}. */
  static Process start(Path log, Map<String, String> env, String main, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(options());
    cmd.add("-Xmx512m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main);
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    return pb.start();
  }

  /** A TCP port free on 127.0.0.1 just now. */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
