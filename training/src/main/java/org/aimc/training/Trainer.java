package org.aimc.training;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.apache.commons.rng.simple.RandomSource;

/**
 * SGD over a data set, one example at a time, for any {@link Learner}: shuffles the examples each
 * epoch from its own seeded stream, applies the learning-rate schedule, measures each epoch on a
 * validation set (and its training accuracy on a fixed sample of the training set,
 * {@link Plan#trainAccuracyExamples()}), stops a diverging run with a message, and checkpoints so
 * that a resumed run gives exactly the numbers of an uninterrupted one.
 *
 * <p><b>Selection (early stopping).</b> After each epoch the learner's complete state (for an
 * analog network: every device, capacitor, clock and random stream, as in a checkpoint) is kept if
 * its validation accuracy is the best so far (ties: the earlier epoch); at the end the learner is
 * restored to that state. The trainer never receives the test set: what it selects cannot depend
 * on test labels.
 *
 * <p><b>When an epoch is measured.</b> At its end, by default. With {@link Plan#evaluateBeforeTransfer()}
 * (a learner that transfers), at a fixed phase of the transfer cycle instead: just before the last
 * transfer due in the epoch ({@link Learner#beforeNextTransfer}), so that every epoch is measured in
 * the same place of the cycle whatever the epoch's length; that state is the one kept for selection
 * and the one the test set is read on. An epoch in which no transfer is due is measured at its end
 * (with a warning). Between that measurement and the epoch's end no mid-epoch checkpoint is offered,
 * so a resumed run measures the epoch again from the same state.
 */
public final class Trainer {
  /** The generator behind every stream; recorded in provenance. */
  public static final RandomSource RNG = RandomSource.XO_RO_SHI_RO_128_PP;
  /** Seed stream of the initial weights ({@link Seeds#stream}); the order of examples uses 1. */
  public static final int WEIGHTS_STREAM = 0;
  private static final int ORDER_STREAM = 1;
  private static final int PROGRESS_STEP = 500;
  private static final long MAGIC = 0x41494d43434b5054L; // "AIMCCKPT"
  /**
   * Format 3 holds the best-validation state (early stopping) and ends with a CRC-32C of everything
   * before it, so that a damaged file is refused, not resumed.
   */
  private static final int FORMAT = 3;
  private static final int CHECKSUM_BYTES = 8;

  /**
   * What to run.
   *
   * @param epochs passes over the training set
   * @param learningRate SGD step at epoch 1
   * @param learningRateDecay factor per epoch, in (0, 1]
   * @param seed seed of the order of examples (the learner seeds its own streams)
   * @param checkpointEveryExamples a checkpoint after this many examples (0: only at epoch ends)
   * @param fingerprint identifies configuration and code; a checkpoint only resumes a run with the same one
   * @param evaluateBeforeTransfer measure each epoch just before its last transfer, not at its end
   *     ({@link TrainingConfig#evaluateBeforeTransfer()})
   * @param trainAccuracyExamples each epoch's training accuracy on this many examples of the
   *     training split, spaced evenly; 0 for all ({@link TrainingConfig#trainAccuracyExamples()})
   */
  public record Plan(int epochs, double learningRate, double learningRateDecay, long seed, long checkpointEveryExamples, String fingerprint,
                     boolean evaluateBeforeTransfer, int trainAccuracyExamples) {
    /** Each epoch measured at its end, its training accuracy on the whole split. */
    public Plan(int epochs, double learningRate, double learningRateDecay, long seed, long checkpointEveryExamples, String fingerprint) {
      this(epochs, learningRate, learningRateDecay, seed, checkpointEveryExamples, fingerprint, false);
    }

    /** The training accuracy on the whole split. */
    public Plan(int epochs, double learningRate, double learningRateDecay, long seed, long checkpointEveryExamples, String fingerprint,
                boolean evaluateBeforeTransfer) {
      this(epochs, learningRate, learningRateDecay, seed, checkpointEveryExamples, fingerprint, evaluateBeforeTransfer, 0);
    }

    public Plan {
      if (epochs < 1) throw new IllegalArgumentException("epochs = " + epochs + " must be at least 1");
      if (!(learningRate > 0)) throw new IllegalArgumentException("learningRate = " + learningRate + " must be positive");
      if (!(learningRateDecay > 0 && learningRateDecay <= 1))
        throw new IllegalArgumentException("learningRateDecay = " + learningRateDecay + " is outside (0, 1]");
      if (checkpointEveryExamples < 0) throw new IllegalArgumentException("checkpointEveryExamples = " + checkpointEveryExamples + " must be ≥ 0");
      if (trainAccuracyExamples < 0) throw new IllegalArgumentException("trainAccuracyExamples = " + trainAccuracyExamples + " must be ≥ 0 (0: all)");
    }

    public double learningRateAt(int epochIndex) {
      return Trainer.learningRateAt(learningRate, learningRateDecay, epochIndex);
    }
  }

  /** The schedule's learning rate of epoch {@code epochIndex} (from 0): {@code learningRate · decay^epochIndex}. */
  public static double learningRateAt(double learningRate, double learningRateDecay, int epochIndex) {
    return learningRate * Math.pow(learningRateDecay, epochIndex);
  }

  /**
   * The trained learner, restored to the epoch of best validation accuracy, and what each epoch measured.
   *
   * @param selectedEpoch 1-based epoch whose state {@code learner} holds
   */
  public record Outcome(Learner learner, List<EpochMetrics> epochs, int selectedEpoch) {
    public EpochMetrics last() {
      return epochs.get(epochs.size() - 1);
    }

    /** The selected epoch's figures. */
    public EpochMetrics selected() {
      return epochs.get(selectedEpoch - 1);
    }
  }

  /** The best-validation epoch so far (0: none yet) and the learner's serialised state after it. */
  private static final class Best {
    int epoch;
    double accuracy = Double.NEGATIVE_INFINITY;
    byte[] state = new byte[0];
  }

  private final Plan plan;

  public Trainer(Plan plan) {
    this.plan = plan;
  }

  /** Trains on {@code train}, measures and selects on {@code validation}. */
  public Outcome train(Learner learner, Examples train, Examples validation, TrainingListener listener) {
    return run(learner, train, validation, listener, null);
  }

  /**
   * Continues the run that wrote {@code checkpoint} (from {@link TrainingListener#checkpoint}) with
   * a learner built from the same configuration; the result equals an uninterrupted run's.
   *
   * @throws IllegalArgumentException if the checkpoint is not one, or was made by another configuration or code
   */
  public Outcome resume(Learner learner, Examples train, Examples validation, TrainingListener listener, byte[] checkpoint) {
    return run(learner, train, validation, listener, checkpoint);
  }

  /**
   * Puts into {@code learner} (built from the same configuration) the state of the epoch selected so
   * far by the run that wrote {@code checkpoint}; returns that epoch (1-based).
   *
   * @throws IllegalArgumentException if the checkpoint is not one, was made by another configuration
   *     or code, or holds no finished epoch
   */
  public int restoreSelected(Learner learner, byte[] checkpoint) {
    Best best = new Best();
    verifyChecksum(checkpoint);
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(checkpoint, 0, checkpoint.length - CHECKSUM_BYTES))) {
      readHeader(in);
      in.readInt();
      in.readInt();
      in.readDouble();
      in.readLong();
      in.skipNBytes(4L * in.readInt());
      in.skipNBytes(in.readInt());
      readHistory(in, new ArrayList<>());
      readBest(in, best);
      if (best.epoch == 0) throw new IllegalArgumentException("the checkpoint holds no finished epoch to select");
      learner.readState(new DataInputStream(new ByteArrayInputStream(best.state)));
      return best.epoch;
    } catch (IOException e) {
      throw new IllegalArgumentException("the checkpoint is truncated or corrupt: " + e.getMessage(), e);
    }
  }

  private void readHeader(DataInputStream in) throws IOException {
    if (in.readLong() != MAGIC) throw new IllegalArgumentException("not an aimc checkpoint");
    int format = in.readInt();
    if (format != FORMAT) throw new IllegalArgumentException("checkpoint format " + format + ", this aimc reads format " + FORMAT);
    String fingerprint = in.readUTF();
    if (!fingerprint.equals(plan.fingerprint()))
      throw new IllegalArgumentException("the checkpoint was made by another configuration or code version:\n  checkpoint: "
          + fingerprint + "\n  this run:   " + plan.fingerprint());
  }

  private static void readHistory(DataInputStream in, List<EpochMetrics> history) throws IOException {
    int epochsDone = in.readInt();
    for (int e = 0; e < epochsDone; e++)
      history.add(new EpochMetrics(in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble()));
  }

  private static void readBest(DataInputStream in, Best best) throws IOException {
    best.epoch = in.readInt();
    best.accuracy = in.readDouble();
    best.state = new byte[in.readInt()];
    in.readFully(best.state);
  }

  private Outcome run(Learner learner, Examples train, Examples validation, TrainingListener listener, byte[] checkpoint) {
    checkInputs(learner.shape(), train, "training");
    checkInputs(learner.shape(), validation, "validation");
    Examples trainSample = train.evenlySpaced(plan.trainAccuracyExamples());
    RestorableUniformRandomProvider orderRng = RNG.create(Seeds.stream(plan.seed(), ORDER_STREAM));
    int[] order = new int[train.count()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    List<EpochMetrics> history = new ArrayList<>();
    int firstEpoch = 0;
    int firstIndex = 0;
    double carriedLoss = 0;
    long seen = 0;
    Best best = new Best();
    if (checkpoint != null) {
      verifyChecksum(checkpoint);
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(checkpoint, 0, checkpoint.length - CHECKSUM_BYTES))) {
        readHeader(in);
        firstEpoch = in.readInt();
        firstIndex = in.readInt();
        carriedLoss = in.readDouble();
        seen = in.readLong();
        if (in.readInt() != order.length) throw new IllegalArgumentException("the checkpoint was made on a training set of another size");
        for (int i = 0; i < order.length; i++) order[i] = in.readInt();
        byte[] rngState = new byte[in.readInt()];
        in.readFully(rngState);
        orderRng.restoreState(new RandomProviderDefaultState(rngState));
        readHistory(in, history);
        readBest(in, best);
        learner.readState(in);
        if (in.available() != 0) throw new IllegalArgumentException("the checkpoint is corrupt: " + in.available() + " bytes left over after its state");
      } catch (java.io.EOFException e) {
        throw new IllegalArgumentException("the checkpoint is truncated (it ends early)", e);
      } catch (IOException e) {
        throw new IllegalArgumentException("the checkpoint is truncated or corrupt: " + e.getMessage(), e);
      }
      listener.resumed(List.copyOf(history));
    }
    if (plan.evaluateBeforeTransfer() && learner.transferIntervalExamples() <= 0)
      throw new IllegalArgumentException("the plan measures each epoch just before a transfer, and this " + learner.getClass().getSimpleName()
          + " does no transfers; measure at the epoch's end (evaluateBeforeTransfer=false)");
    for (int e = firstEpoch; e < plan.epochs(); e++) {
      long start = System.nanoTime();
      listener.epochStarted(e + 1, plan.epochs(), order.length);
      boolean midEpoch = e == firstEpoch && firstIndex > 0;
      if (!midEpoch) shuffle(order, orderRng);
      final int ep = e;
      float lr = (float) plan.learningRateAt(e);
      double lossSum = midEpoch ? carriedLoss : 0;
      float[] x = train.features();
      int from = midEpoch ? firstIndex : 0;
      // With evaluateBeforeTransfer: the index of the example whose transfer is the epoch's last (-1: none due).
      int probeAt = plan.evaluateBeforeTransfer()
          ? lastTransferIndex(learner.transferIntervalExamples(), learner.examplesToNextTransfer(), from, order.length) : -1;
      Measurement[] measured = new Measurement[1];
      for (int k = from; k < order.length; k++) {
        int i = order[k];
        if (k == probeAt) learner.beforeNextTransfer(() -> measured[0] = measure(learner, trainSample, validation, best));
        lossSum += learner.trainExample(x, i * train.inputs(), train.labels()[i], lr);
        seen++;
        if ((k + 1) % PROGRESS_STEP == 0) {
          if (!Double.isFinite(lossSum)) throw diverged(e, k + 1, lr, learner);
          listener.examplesDone(k + 1);
        }
        // No checkpoint between the measurement and the epoch's end: it would not hold the measurement.
        if (plan.checkpointEveryExamples() > 0 && seen % plan.checkpointEveryExamples() == 0 && k + 1 < order.length && (probeAt < 0 || k < probeAt))
          {
          final int next = k + 1;
          final double loss = lossSum;
          final long at = seen;
          listener.checkpoint(() -> state(learner, ep, next, loss, at, order, orderRng, history, best), seen);
        }
      }
      if (probeAt >= 0 && measured[0] == null)
        throw new IllegalStateException("the transfer due after example " + (probeAt + 1) + " of epoch " + (e + 1) + " did not happen");
      learner.endEpoch(lr);
      if (!Double.isFinite(lossSum)) throw diverged(e, order.length, lr, learner);
      if (plan.evaluateBeforeTransfer() && probeAt < 0)
        listener.warning(String.format(Locale.ROOT, "epoch %d: no transfer is due in it (one every %d examples, %d examples from here to its end): "
            + "measured at its end", e + 1, learner.transferIntervalExamples(), order.length - from));
      double measuredSeconds = measured[0] == null ? 0 : measured[0].seconds();
      double trainingSeconds = (System.nanoTime() - start) / 1e9 - measuredSeconds;
      Measurement found = measured[0] != null ? measured[0] : measure(learner, trainSample, validation, best);
      EpochMetrics m = new EpochMetrics(e + 1, plan.learningRateAt(e), lossSum / order.length, found.trainAccuracy(), found.validationAccuracy(),
          trainingSeconds, (System.nanoTime() - start) / 1e9);
      history.add(m);
      if (found.state() != null) {
        best.epoch = e + 1;
        best.accuracy = found.validationAccuracy();
        best.state = found.state();
      }
      listener.epochFinished(m);
      final int nextEpoch = e + 1;
      final long at = seen;
      listener.checkpoint(() -> state(learner, nextEpoch, 0, 0, at, order, orderRng, history, best), seen);
    }
    try {
      learner.readState(new DataInputStream(new ByteArrayInputStream(best.state)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Outcome(learner, List.copyOf(history), best.epoch);
  }

  /**
   * What one measurement of an epoch found.
   *
   * @param state the learner's state if its validation accuracy beats the best so far, else null
   * @param seconds wall time of the measurement
   */
  private record Measurement(double trainAccuracy, double validationAccuracy, byte[] state, double seconds) {}

  /**
   * Measures the learner as it is now on the training sample and the validation set, and keeps its
   * state if it is the best so far.
   */
  private static Measurement measure(Learner learner, Examples train, Examples validation, Best best) {
    long start = System.nanoTime();
    double trainAcc = learner.accuracy(train);
    double validationAcc = learner.accuracy(validation);
    byte[] state = validationAcc > best.accuracy ? learnerState(learner) : null;
    return new Measurement(trainAcc, validationAcc, state, (System.nanoTime() - start) / 1e9);
  }

  /**
   * The index (in the epoch's order) of the example that makes the epoch's last transfer due, for a
   * learner that transfers every {@code interval} examples and whose next transfer is due
   * {@code toNext} examples from index {@code from} on ({@link Learner#examplesToNextTransfer}); -1
   * when none is due before the epoch's {@code count} examples end, or the learner does no transfers.
   */
  static int lastTransferIndex(long interval, long toNext, int from, int count) {
    if (interval <= 0 || toNext <= 0) return -1;
    long first = from + toNext - 1;
    if (first >= count) return -1;
    return (int) (first + (count - 1 - first) / interval * interval);
  }

  private static byte[] learnerState(Learner learner) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      learner.writeState(out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static TrainingDivergedException diverged(int epochIndex, int examples, float lr, Learner learner) {
    String diagnosis = learner.diagnose();
    return new TrainingDivergedException(String.format(Locale.ROOT,
        "training diverged in epoch %d after %d examples: the loss is not finite%s; lower the learning rate (now %g)"
            + " and resume from the last checkpoint (aimc train --resume DIR --set learningRate=…), or start again", epochIndex + 1, examples,
        diagnosis.isEmpty() ? "" : "; " + diagnosis, lr));
  }

  private byte[] state(Learner learner, int epoch, int index, double lossSum, long seen, int[] order,
                       RestorableUniformRandomProvider orderRng, List<EpochMetrics> history, Best best) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeLong(MAGIC);
      out.writeInt(FORMAT);
      out.writeUTF(plan.fingerprint());
      out.writeInt(epoch);
      out.writeInt(index);
      out.writeDouble(lossSum);
      out.writeLong(seen);
      out.writeInt(order.length);
      for (int v : order) out.writeInt(v);
      byte[] rngState = ((RandomProviderDefaultState) orderRng.saveState()).getState();
      out.writeInt(rngState.length);
      out.write(rngState);
      out.writeInt(history.size());
      for (EpochMetrics m : history) {
        out.writeInt(m.epoch());
        out.writeDouble(m.learningRate());
        out.writeDouble(m.trainLoss());
        out.writeDouble(m.trainAccuracy());
        out.writeDouble(m.validationAccuracy());
        out.writeDouble(m.trainingSeconds());
        out.writeDouble(m.seconds());
      }
      out.writeInt(best.epoch);
      out.writeDouble(best.accuracy);
      out.writeInt(best.state.length);
      out.write(best.state);
      learner.writeState(out);
      out.flush();
      out.writeLong(crc(bytes.toByteArray(), bytes.size()));
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The fingerprint a checkpoint was written with (configuration, code, kernel), after its checksum
   * is verified; callers compare a part of it to explain a refusal.
   *
   * @throws IllegalArgumentException if the checkpoint is damaged or not one
   */
  public static String fingerprintOf(byte[] checkpoint) {
    verifyChecksum(checkpoint);
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(checkpoint, 12, checkpoint.length - 12 - CHECKSUM_BYTES))) {
      return in.readUTF();
    } catch (IOException e) {
      throw new IllegalArgumentException("the checkpoint is corrupt: its fingerprint cannot be read (" + e.getMessage() + ")", e);
    }
  }

  /** CRC-32C of {@code bytes[0..length)}: detects every single flipped byte and any burst up to 32 bits. */
  private static long crc(byte[] bytes, int length) {
    java.util.zip.CRC32C c = new java.util.zip.CRC32C();
    c.update(bytes, 0, length);
    return c.getValue();
  }

  /**
   * Refuses a checkpoint whose trailing checksum does not match its content, before a single field
   * is trusted: a flipped byte in a weight would otherwise resume silently and change the figures.
   */
  private static void verifyChecksum(byte[] checkpoint) {
    if (checkpoint.length < 12 + CHECKSUM_BYTES) throw new IllegalArgumentException("the checkpoint is truncated (" + checkpoint.length + " bytes)");
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(checkpoint);
    if (b.getLong(0) != MAGIC) throw new IllegalArgumentException("the checkpoint is not an aimc checkpoint (wrong magic number)");
    int format = b.getInt(8);
    if (format != FORMAT)
      throw new IllegalArgumentException("the checkpoint is of format " + format + ", this aimc reads format " + FORMAT);
    long stored = b.getLong(checkpoint.length - CHECKSUM_BYTES);
    long actual = crc(checkpoint, checkpoint.length - CHECKSUM_BYTES);
    if (stored != actual)
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "the checkpoint is damaged (truncated or altered after it was written): its CRC-32C checksum %08x does not match its content (%08x)",
          stored, actual));
  }

  private static void checkInputs(NetworkShape shape, Examples data, String what) {
    if (data.inputs() != shape.inputs())
      throw new IllegalArgumentException("the " + what + " examples have " + data.inputs() + " inputs but the network " + shape + " expects " + shape.inputs());
    for (byte label : data.labels())
      if (label < 0 || label >= shape.outputs())
        throw new IllegalArgumentException("the " + what + " examples have label " + label + ", outside the network's " + shape.outputs() + " outputs");
  }

  /** Fisher–Yates, so the order depends only on the seed. */
  static void shuffle(int[] a, RestorableUniformRandomProvider rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
