package org.aimc.experiments.characterize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.aimc.experiments.io.Json;
import org.aimc.experiments.provenance.RunProvenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke tests on small device counts: files written, fits close to the nominal values. */
class CharacterizationTest {

  @Test
  void pcmWritesTablesPlotsAndASummaryWithFits(@TempDir Path dir) throws Exception {
    CharacterizationSpec spec = CharacterizationSpec.resolve("ambrogio2018", List.of("pcm.stuckFraction=0"), DeviceKind.PCM, 300, 5);
    Characterization c = spec.run();
    CharacterizationReport.write(dir, spec, c, RunProvenance.capture("none", "XO_RO_SHI_RO_128_PP", 5, java.util.Map.of()));
    for (String stem : c.tables().keySet()) assertTrue(Files.size(dir.resolve(stem + ".csv")) > 20, stem);
    for (String stem : c.charts().keySet()) assertTrue(ImageIO.read(dir.resolve(stem + ".png").toFile()).getWidth() > 100, stem);
    assertTrue(c.charts().containsKey("pcm_drift"));
    // Drift: 300 devices, SE ≈ 0.02/√300 ≈ 0.0012: the fit must be within 5 SE of 0.05.
    FittedParameter nu = c.fit("drift exponent ν (mean)");
    assertTrue(nu.within(5), nu.toString());
    assertTrue(c.fit("tuning converged fraction (verify read within tol)").fitted() > 0.95);
    JsonNode s = Json.MAPPER.readTree(dir.resolve(CharacterizationReport.SUMMARY_JSON).toFile());
    assertEquals("ambrogio2018", s.at("/spec/preset").asText());
    assertEquals(0.0, s.at("/resolvedParams/pcm/stuckFraction").asDouble());
    assertEquals(5, s.at("/provenance/seed").asLong());
    assertTrue(s.at("/fits").size() >= 8);
    String md = Files.readString(dir.resolve(CharacterizationReport.SUMMARY_MD));
    assertTrue(md.contains("drift exponent ν (mean)") && md.contains("pcm.stuckFraction=0"), md);
  }

  @Test
  void capacitorFitsRecoverTheNominalValues(@TempDir Path dir) throws Exception {
    CharacterizationSpec spec = CharacterizationSpec.resolve("capacitor-asymmetric", List.of(), DeviceKind.CAPACITOR, 400, 3);
    Characterization c = spec.run();
    CharacterizationReport.write(dir, spec, c, RunProvenance.capture("none", "XO_RO_SHI_RO_128_PP", 3, java.util.Map.of()));
    // Each has an SE from the sample; 5 SE is wide enough to hold with probability > 0.9999.
    for (String name : List.of("up/down step ratio (mean asymmetry)", "leak time constant τ (mean)", "up step Δg at 0.5 V (mean)",
        "read-transistor gain K = dg/dV_C (mean)")) {
      FittedParameter f = c.fit(name);
      assertTrue(f.within(5), f.toString());
    }
    assertEquals(0.6, c.fit("charge nonlinearity (step fall-off toward the upper rail)").fitted(), 0.1);
    assertTrue(Files.exists(dir.resolve("capacitor_retention_voltage.png")));
  }

  @Test
  void idealCapacitorHasNoLeakAndExactSymmetry() {
    Characterization c = CharacterizationSpec.resolve("ideal", List.of(), DeviceKind.CAPACITOR, 20, 1).run();
    assertEquals(1.0, c.fit("up/down step ratio (mean asymmetry)").fitted(), 1e-9);
    assertEquals(Double.POSITIVE_INFINITY, c.fit("leak time constant τ (mean)").fitted());
  }
}
