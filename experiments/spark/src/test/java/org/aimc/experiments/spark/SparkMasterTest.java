package org.aimc.experiments.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Issue 31: a standalone master that cannot be reached is said so at once, not after a minute of Spark's retries. */
class SparkMasterTest {
  @Test
  void anUnreachableMasterIsNamedWithItsAddress() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // free now: nothing listens once it is closed
    }
    String master = "spark://127.0.0.1:" + port;
    long start = System.nanoTime();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkEngine.checkReachable(master));
    assertTrue(e.getMessage().startsWith("--master " + master + ": the Spark master cannot be reached: nothing accepts connections at 127.0.0.1:"
        + port), e.getMessage());
    assertTrue(System.nanoTime() - start < 10e9);
    try (ServerSocket listening = new ServerSocket(0)) {
      assertDoesNotThrow(() -> SparkEngine.checkReachable("spark://127.0.0.1:" + listening.getLocalPort()));
    }
    assertDoesNotThrow(() -> SparkEngine.checkReachable("local[2]"));
  }
}
