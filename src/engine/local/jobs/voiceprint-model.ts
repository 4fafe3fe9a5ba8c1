// Which trained voiceprint model the jobs use: the audio engine's shipped model once it provides one;
// undefined means the audio engine's model-free cepstral voiceprint.
import type { VoiceprintModel } from "../../../audio/model.js";

let cached: { model: VoiceprintModel | undefined } | undefined;

export function loadVoiceprintModel(): VoiceprintModel | undefined {
  if (!cached) cached = { model: undefined };
  return cached.model;
}
