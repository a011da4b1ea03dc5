package org.aimc.experiments.provenance;

import java.time.Instant;
import java.util.Map;

/**
 * Everything needed to repeat a run and to know whether two runs are comparable: written beside
 * every result. Built by {@link #capture}, never by hand.
 *
 * @param version aimc version
 * @param commit git commit of the code (with "-dirty" if it had uncommitted changes)
 * @param java Java version and VM (Math may differ in the last bit between platforms)
 * @param osArch operating system and architecture
 * @param cores processors available to the JVM
 * @param kernel the matrix-vector kernel in use (FMA changes the last bits)
 * @param rng random generator algorithm of every stream
 * @param seed the run's seed; every stream is derived from it
 * @param datasetSha256 data file name → SHA-256 of the files the run read
 * @param started when the run began (UTC)
 */
public record RunProvenance(String version, String commit, String java, String osArch, int cores, String kernel,
                            String rng, long seed, Map<String, String> datasetSha256, Instant started) {

  public static RunProvenance capture(String kernel, String rng, long seed, Map<String, String> datasetSha256) {
    CodeVersion v = CodeVersion.current();
    return new RunProvenance(
        v.version(),
        v.commit() + (v.dirty() ? "-dirty" : ""),
        System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
        System.getProperty("os.name") + "/" + System.getProperty("os.arch"),
        Runtime.getRuntime().availableProcessors(),
        kernel,
        rng,
        seed,
        Map.copyOf(datasetSha256),
        Instant.now());
  }
}
