package org.aimc.experiments.characterize;

/**
 * One parameter estimated from a characterisation's samples, beside the value the model was given.
 *
 * @param name what was fitted, e.g. "drift exponent ν (mean)"
 * @param unit unit of nominal and fitted ("" for dimensionless)
 * @param nominal the preset's value (or the value it implies), null where the model has none
 * @param fitted the estimate from the samples
 * @param standardError standard error of the estimate where one is defined, else null
 * @param method how it was estimated (regression, mean of n, ...)
 */
public record FittedParameter(String name, String unit, Double nominal, double fitted, Double standardError, String method) {
  /** Whether the estimate lies within {@code k} standard errors of the nominal value (false if either is missing). */
  public boolean within(double k) {
    return nominal != null && standardError != null && Math.abs(fitted - nominal) <= k * standardError;
  }
}
