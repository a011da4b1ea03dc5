package org.aimc.crossbar.energy;

import java.util.Locale;

/** An {@link EnergyReport} as Markdown, for {@code summary.md} and the terminal. */
public final class EnergyMarkdown {
  private EnergyMarkdown() {}

  /**
   * The report as Markdown: headline figures, phases, components, the GPU comparison and the notes;
   * with {@code lineItems}, also every priced count.
   *
   * @param heading the section heading (e.g. {@code "## Energy, power and area"}); null for none
   */
  public static String render(EnergyReport r, String heading, boolean lineItems) {
    StringBuilder b = new StringBuilder();
    if (heading != null) b.append(heading).append("\n\n");
    b.append("Counting convention: ").append(r.convention().text()).append(".\n\n");
    b.append(String.format(Locale.ROOT, "Technology table `%s`; tile config `%s` (%s cells, %s); %s (%.1f %% of the cells hold a weight).%n%n",
        r.technology(), r.hardware().tileConfig(), r.hardware().layout(), converters(r.hardware()), r.grid().describe(), 100 * r.utilisation()));
    b.append("| figure | value |\n|---|---:|\n");
    row(b, "energy per training example", Si.format(r.energyPerExampleJoules(), "J"));
    row(b, String.format(Locale.ROOT, "energy per epoch (%s examples)", Si.number(r.examplesPerEpoch(), 0)), Si.format(r.energyPerEpochJoules(), "J"));
    row(b, "energy per inference (one forward pass)", Si.format(r.energyPerInferenceJoules(), "J"));
    row(b, "average power during training (modelled clock)", Si.format(r.averagePowerWatts(), "W"));
    row(b, "modelled time per training example, transfers included", Si.format(r.seconds() / r.trainingExamples(), "s"));
    row(b, "chip clock: one training example (forward, backward, update)", Si.format(r.secondsPerExample(), "s"));
    if (r.secondsPerTransfer() > 0) row(b, "chip clock: one transfer (every column, each as long as its slowest cell)", Si.format(r.secondsPerTransfer(), "s"));
    row(b, "**energy efficiency**", "**" + Si.number(r.gopsPerWatt(), 0) + " GOP/s/W**");
    row(b, "**throughput per area**", "**" + Si.significant(r.topsPerMm2()) + " TOP/s/mm²**");
    row(b, "operations per training example", Si.number(r.operations() / r.trainingExamples(), 0));
    row(b, "chip area (all tiles)", Si.significant(r.areaMm2()) + " mm²");
    row(b, "training examples counted", Si.number(r.trainingExamples(), 0));
    b.append('\n');

    b.append("| phase | operations | energy | share | modelled time |\n|---|---:|---:|---:|---:|\n");
    for (EnergyReport.PhaseFigures p : r.byPhase()) {
      b.append(String.format(Locale.ROOT, "| %s | %s | %s | %.1f %% | %s |%n", p.phase(), Si.format(p.operations(), ""),
          Si.format(p.energyJoules(), "J"), 100 * p.share(), Si.format(p.seconds(), "s")));
    }
    if (r.inferences() > 0) {
      EnergyReport.PhaseFigures p = r.inference();
      b.append(String.format(Locale.ROOT, "| inference (%s passes, not training) | %s | %s | – | %s |%n", Si.number(r.inferences(), 0),
          Si.format(p.operations(), ""), Si.format(p.energyJoules(), "J"), Si.format(p.seconds(), "s")));
    }
    b.append('\n');

    b.append("| component | energy | share |\n|---|---:|---:|\n");
    for (EnergyReport.ComponentFigures c : r.byComponent()) {
      b.append(String.format(Locale.ROOT, "| %s | %s | %.1f %% |%n", c.component(), Si.format(c.energyJoules(), "J"), 100 * c.share()));
    }
    b.append('\n');

    EnergyReport.GpuComparison g = r.gpu();
    b.append(String.format(Locale.ROOT,
        "Reference GPU: %s, %s GOP/s/W and %s TOP/s/mm² at peak. This chip: **×%s** in GOP/s/W, **×%s** in TOP/s/mm²; "
            + "the same training work at the GPU's peak efficiency would take %s per example. (%s)%n%n",
        g.name(), Si.significant(g.gopsPerWatt()), Si.significant(g.topsPerMm2()), Si.significant(g.energyEfficiencyRatio()),
        Si.significant(g.areaEfficiencyRatio()), Si.format(g.energyPerExampleJoules(), "J"), g.source()));

    if (!r.notes().isEmpty()) {
      b.append("Notes:\n");
      for (String n : r.notes()) b.append("- ").append(n).append('\n');
      b.append('\n');
    }
    if (lineItems) {
      b.append("| phase | entry | counted | count | unit | energy | component |\n|---|---|---|---:|---:|---:|---|\n");
      for (EnergyReport.LineItem i : r.lineItems()) {
        b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", i.phase(), i.entry(), i.counted(),
            Si.number(i.count(), 0), Si.format(i.unitPicojoules() * 1e-12, "J"), Si.format(i.energyJoules(), "J"), i.component()));
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** The technology table as Markdown: entry, value, unit, source. */
  public static String technology(TechnologyTable t) {
    StringBuilder b = new StringBuilder();
    b.append("Technology table `").append(t.name()).append("`: ").append(t.description()).append("\n\n");
    b.append("| entry | value | unit | what | source |\n|---|---:|---|---|---|\n");
    for (TechParameter p : TechParameter.values()) {
      b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", p.key(), plain(t.get(p)), p.unit(), p.description(),
          t.source(p).replace("|", "\\|")));
    }
    return b.toString();
  }

  private static String plain(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e9) return String.format(Locale.ROOT, "%.0f", v);
    return String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
  }

  private static String converters(HardwareSummary h) {
    return String.format(Locale.ROOT, "DAC/ADC %d/%d bits forward, %d/%d backward, BL %d", h.forwardDacBits(), h.forwardAdcBits(),
        h.backwardDacBits(), h.backwardAdcBits(), h.bitLength());
  }

  private static void row(StringBuilder b, String k, String v) {
    b.append("| ").append(k).append(" | ").append(v).append(" |\n");
  }
}
