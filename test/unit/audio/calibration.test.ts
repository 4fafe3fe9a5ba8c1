// The score calibration rule (scripts/audio/calibration.mjs) and what the shipped model records about its training.
import { describe, expect, it } from "vitest";
// @ts-expect-error -- a plain .mjs script shared by train.mjs and recalibrate.mjs, no type declarations
import { ACCEPT_FRACTION, FRAUD_FRACTION, calibrationFromQuantiles } from "../../../scripts/audio/calibration.mjs";
import { loadVoiceprintModel } from "../../../src/audio/model-file.js";

const quantiles = { imp50: -0.3, imp99: 3.1, imp999: 4.2, tgtClean02: 4.7, tgt50: 5.8 };

describe("calibration rule", () => {
  it("puts 50 and 90 at their fractions of the gap between the impostor tail and the genuine callers", () => {
    const { z, s } = calibrationFromQuantiles(quantiles);
    expect(s).toEqual([0, 20, 50, 90, 100]);
    const gap = quantiles.tgtClean02 - quantiles.imp999;
    expect(z[2]).toBeCloseTo(quantiles.imp999 + FRAUD_FRACTION * gap, 4);
    expect(z[3]).toBeCloseTo(quantiles.imp999 + ACCEPT_FRACTION * gap, 4);
    expect(z[1]).toBeCloseTo(quantiles.imp50, 4);
    for (let i = 1; i < z.length; i++) expect(z[i], `anchor ${s[i]}`).toBeGreaterThan(z[i - 1]);
  });

  it("keeps a minimum gap when the impostor tail reaches into the genuine callers", () => {
    const { z } = calibrationFromQuantiles({ ...quantiles, tgtClean02: 4.0 });
    expect(z[3] - z[2]).toBeCloseTo((ACCEPT_FRACTION - FRAUD_FRACTION) * 0.25, 4);
    expect(z[2]).toBeGreaterThan(quantiles.imp999);
  });

  it("is the rule the shipped model's anchors came from", () => {
    const model = loadVoiceprintModel();
    const q = model.info?.quantiles as typeof quantiles;
    const { z } = calibrationFromQuantiles(q);
    // 50 and 90 exactly; train.mjs derives them from unrounded quantiles, the model records them to 4 decimals
    expect(model.calibration.z[2]).toBeCloseTo(z[2], 3);
    expect(model.calibration.z[3]).toBeCloseTo(z[3], 3);
  });

  it("the shipped model records the engines it was trained on, including those shared/audio's voices came from", () => {
    const byEngine = loadVoiceprintModel().info?.personsByEngine as Record<string, number>;
    for (const engine of ["espeak", "mbrola", "festival", "flite", "rhvoice", "pico", "recorded"]) {
      expect(byEngine[engine], engine).toBeGreaterThan(0);
    }
  });
});
