package org.aimc.experiments.run;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.aimc.datasets.DatasetSplit;
import org.aimc.datasets.IdxReader;
import org.aimc.experiments.io.Json;
import org.aimc.experiments.report.RunFixtures;
import org.aimc.experiments.report.RunRecord;
import org.aimc.training.Examples;
import org.aimc.training.Learner;
import org.aimc.training.Trainer;
import org.aimc.training.TrainingListener;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random mutations of every file format aimc reads (issue #17, item 8): each mutated file
 * must end in a clear error (an {@link IllegalArgumentException} with a message) or a correct
 * result, never a stack trace of another kind or a wrong figure. {@value #MUTATIONS} mutations per
 * format, a fixed seed per format, so a failure names a case that can be replayed.
 *
 * <p><b>Hook for more formats</b>: add a {@link Format} to {@link #formats()}: a name, a valid
 * file, and a reader that throws or checks what it read. IDX, checkpoints, spec.json, result.json,
 * {@code .npy} files, YAML configurations and YAML sweep specs are in (issue 31).
 */
class FuzzTest {
  static final int MUTATIONS = 120;
  @TempDir Path tmp;

  /**
   * One file format: {@code valid} is a good file; {@code read} parses a (mutated) file at the
   * given path and, if it accepts it, checks that what it returns is consistent (it throws
   * {@link AssertionError} for a wrong result).
   */
  record Format(String name, byte[] valid, String fileName, Reader read) {}

  @FunctionalInterface
  interface Reader {
    void read(Path file) throws Exception;
  }

  List<Format> formats() throws Exception {
    List<Format> f = new ArrayList<>();
    f.add(new Format("IDX images", idx(0x00000803, new int[] {6, 4, 4}, 96), "images-idx3-ubyte", file -> {
      IdxReader.Images im = IdxReader.readImages(file, "aimc data fetch mnist");
      assertEquals(Files.size(file), 16L + (long) im.count() * im.rows() * im.cols(), "the header's counts match the file it accepted");
    }));
    f.add(new Format("IDX labels", idx(0x00000801, new int[] {12}, 12), "labels-idx1-ubyte", file -> {
      IdxReader.Labels l = IdxReader.readLabels(file, 10, "aimc data fetch mnist");
      for (byte b : l.labels()) assertTrue(b >= 0 && b < 10, "label " + b);
    }));
    f.add(checkpointFormat());
    f.add(specFormat());
    f.add(resultFormat());
    f.add(npyFormat());
    f.add(new Format("YAML configuration", org.aimc.experiments.config.ConfigFile.yaml(org.aimc.training.TrainingPreset.AMBROGIO2018)
        .getBytes(StandardCharsets.UTF_8), "config.yaml", file -> {
      org.aimc.experiments.config.ConfigFile c = org.aimc.experiments.config.ConfigFile.read(file);
      // Accepted: a preset and overrides that resolve (every value in its range).
      assertNotNull(org.aimc.config.RecordOverrides.apply(org.aimc.training.TrainingPreset.byId(c.base()).config(), c.overrides()));
    }));
    f.add(new Format("YAML sweep spec", ("dataset: mnist\nnetwork: 784-10\nconfig: ambrogio2018\nset:\n  analog.transfer.intervalExamples: 4000\n"
        + "axes:\n  - key: analog.tile.backward.outputNoise\n    values: [0, 0.05, 0.1]\n"
        + "  - key: analog.tile.devices.capacitor.leakTimeConstantSeconds\n    log: {from: 0.1, to: 10, points: 3}\n"
        + "seeds: 2\nepochs: 3\nbaseline: software\nout: runs/fuzz\n").getBytes(StandardCharsets.UTF_8), "sweep.yaml", file -> {
      Sweep sw = SweepSpec.read(file, 2);
      assertTrue(sw.jobs().size() <= Sweep.MAX_RUNS && sw.seeds() >= 1 && sw.epochs() >= 1, sw.toString());
    }));
    return f;
  }

  /** A .npy feature matrix: refused, or values whose count is the shape's. */
  private Format npyFormat() throws Exception {
    Path f = Files.createDirectories(tmp.resolve("npy-fixture")).resolve("x.npy");
    float[] v = new float[4 * 3];
    for (int i = 0; i < v.length; i++) v[i] = i * 0.25f - 1;
    org.aimc.datasets.Npy.writeFloat32(f, v, 4, 3);
    return new Format(".npy", Files.readAllBytes(f), "x.npy", file -> {
      org.aimc.datasets.Npy.Array a = org.aimc.datasets.Npy.read(file);
      long count = 1;
      for (int d : a.shape()) count *= d;
      assertEquals(count, a.data().length, "as many values as the shape says");
      assertTrue(a.rows() >= 0 && a.columns() >= 0, a.shapeText());
    });
  }

  @TestFactory
  List<DynamicTest> everyMutationEndsInAClearErrorOrACorrectResult() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (Format format : formats()) {
      tests.add(DynamicTest.dynamicTest(format.name(), () -> {
        format.read().read(write(format.fileName(), format.valid())); // the valid file reads
        SplittableRandom rng = new SplittableRandom(format.name().hashCode());
        for (int i = 0; i < MUTATIONS; i++) {
          StringBuilder what = new StringBuilder();
          byte[] mutated = mutate(format.valid(), rng, what);
          Path file = write(format.fileName(), mutated);
          try {
            format.read().read(file);
          } catch (IllegalArgumentException e) {
            assertNotNull(e.getMessage(), format.name() + " mutation " + i + " (" + what + "): an error without a message");
            assertFalse(e.getMessage().isBlank(), format.name() + " mutation " + i + " (" + what + ")");
          } catch (AssertionError e) {
            throw new AssertionError(format.name() + " mutation " + i + " (" + what + ") was accepted with a wrong result: " + e.getMessage(), e);
          } catch (Throwable e) {
            throw new AssertionError(format.name() + " mutation " + i + " (" + what + ") ended in " + e, e);
          }
        }
      }));
    }
    return tests;
  }

  /** Flips, overwrites (with extremes where headers are), truncates, extends, deletes or duplicates bytes. */
  static byte[] mutate(byte[] valid, SplittableRandom rng, StringBuilder what) {
    byte[] b = valid.clone();
    int n = b.length;
    switch (rng.nextInt(7)) {
      case 0 -> {
        int at = rng.nextInt(n);
        int bit = rng.nextInt(8);
        b[at] ^= (byte) (1 << bit);
        what.append("bit ").append(bit).append(" of byte ").append(at).append(" flipped");
      }
      case 1 -> {
        int at = rng.nextInt(n);
        b[at] = (byte) rng.nextInt(256);
        what.append("byte ").append(at).append(" set to ").append(b[at] & 0xFF);
      }
      case 2 -> {
        int at = rng.nextInt(Math.min(n - 3, 40));
        int[] extremes = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1, 0x7FFFFFF0};
        int v = extremes[rng.nextInt(extremes.length)];
        ByteBuffer.wrap(b).putInt(at, v);
        what.append("int at ").append(at).append(" set to ").append(v);
      }
      case 3 -> {
        int len = rng.nextInt(n);
        what.append("truncated to ").append(len).append(" bytes");
        return Arrays.copyOf(b, len);
      }
      case 4 -> {
        int extra = 1 + rng.nextInt(16);
        byte[] longer = Arrays.copyOf(b, n + extra);
        for (int i = n; i < longer.length; i++) longer[i] = (byte) rng.nextInt(256);
        what.append(extra).append(" bytes appended");
        return longer;
      }
      case 5 -> {
        int at = rng.nextInt(n);
        byte[] shorter = new byte[n - 1];
        System.arraycopy(b, 0, shorter, 0, at);
        System.arraycopy(b, at + 1, shorter, at, n - at - 1);
        what.append("byte ").append(at).append(" deleted");
        return shorter;
      }
      default -> {
        int from = rng.nextInt(n);
        int len = 1 + rng.nextInt(Math.min(8, n - from));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, from + len);
        out.write(b, from, len);
        out.write(b, from + len, n - from - len);
        what.append(len).append(" bytes at ").append(from).append(" duplicated");
        return out.toByteArray();
      }
    }
    return b;
  }

  private Path write(String name, byte[] bytes) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(name + "-dir"));
    return Files.write(dir.resolve(name), bytes);
  }

  private static byte[] idx(int magic, int[] dims, int dataBytes) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + dataBytes);
    b.putInt(magic);
    for (int d : dims) b.putInt(d);
    for (int i = 0; i < dataBytes; i++) b.put((byte) (magic == 0x00000801 ? i % 10 : i * 37));
    return b.array();
  }

  /** A checkpoint of a small run: any change must be refused, since any change would alter the resumed figures. */
  private Format checkpointFormat() {
    TrainSpec spec = TrainingRunFaultsTest.spec(2);
    DatasetSplit data = TrainingRunFaultsTest.data(300, true);
    Examples train = TrainingRun.examples(data.train());
    Examples test = TrainingRun.examples(data.test());
    Trainer.Plan plan = new Trainer.Plan(2, 0.1, 1, 7, 100, "fuzz");
    byte[][] last = new byte[1][];
    new Trainer(plan).train(spec.config().learner(spec.shape(), 7), train, test, new TrainingListener() {
      @Override
      public void checkpoint(java.util.function.Supplier<byte[]> state, long examplesSeen) {
        if (examplesSeen == 200) last[0] = state.get(); // mid-epoch: every part of the format is present
      }
    });
    byte[] valid = last[0];
    return new Format("checkpoint", valid, "checkpoint.bin", file -> {
      byte[] bytes = Files.readAllBytes(file);
      Learner learner = spec.config().learner(spec.shape(), 7);
      new Trainer(plan).resume(learner, train, test, TrainingListener.NONE, bytes);
      assertArrayEquals(valid, bytes, "a changed checkpoint was resumed");
    });
  }

  /** spec.json: a mutated spec is refused, or is a complete, valid specification. */
  private Format specFormat() {
    TrainSpec spec = TrainingRunFaultsTest.spec(3, "learningRate=0.05");
    return new Format("spec.json", Json.toJson(spec).getBytes(StandardCharsets.UTF_8), TrainingRun.SPEC, file -> {
      TrainSpec read = TrainingRun.inFolder(file.getParent()).spec();
      assertTrue(read.epochs() >= 1 && read.network() != null && read.dataset() != null && read.overrides() != null, read.toString());
    });
  }

  /** result.json as {@code aimc export} reads it: refused, or an accuracy that is a fraction. */
  private Format resultFormat() throws Exception {
    Path dir = RunFixtures.run(tmp.resolve("fixture"), "ambrogio2018", 0.97, 0.0625, true, true);
    return new Format("result.json", Files.readAllBytes(dir.resolve(RunRecord.RESULT)), RunRecord.RESULT, file -> {
      RunRecord r = RunRecord.read(file.getParent());
      assertTrue(r.testAccuracy() >= 0 && r.testAccuracy() <= 1, "accuracy " + r.testAccuracy());
      assertNotNull(r.config());
    });
  }
}
