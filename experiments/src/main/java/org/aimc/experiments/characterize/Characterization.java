package org.aimc.experiments.characterize;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * What one characterisation produced: named tables (written as CSV), named charts (written as PNG)
 * and the fitted parameters (summary.md, summary.json), plus the seeds of the arrays it used.
 *
 * @param device which model
 * @param tables file stem → table, in the order they are written
 * @param charts file stem → chart
 * @param fits fitted parameters beside the nominal ones
 * @param arraySeeds experiment → seed of the device array it used (derived from the run seed)
 */
public record Characterization(
    DeviceKind device,
    Map<String, Table> tables,
    Map<String, Chart<?, ?>> charts,
    List<FittedParameter> fits,
    Map<String, Long> arraySeeds) {

  /** A fitted parameter by name. */
  public FittedParameter fit(String name) {
    for (FittedParameter f : fits) if (f.name().equals(name)) return f;
    throw new IllegalArgumentException("no fitted parameter '" + name + "'; have: " + fits.stream().map(FittedParameter::name).toList());
  }

  static Map<String, Table> newTables() {
    return new LinkedHashMap<>();
  }
}
