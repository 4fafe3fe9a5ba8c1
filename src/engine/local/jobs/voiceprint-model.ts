// Which voiceprint model the jobs use: the audio engine's shipped model (data/voiceprint-model.bin), loaded
// once per process (and per audio thread); without that file, the audio engine's model-free cepstral voiceprint.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadVoiceprintModel as loadShipped, MODEL_FILE_URL } from "../../../audio/model-file.js";
import type { VoiceprintModel } from "../../../audio/model.js";

let cached: { model: VoiceprintModel | undefined } | undefined;

export function loadVoiceprintModel(): VoiceprintModel | undefined {
  if (!cached) cached = { model: existsSync(fileURLToPath(MODEL_FILE_URL)) ? loadShipped() : undefined };
  return cached.model;
}
