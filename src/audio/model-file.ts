// The one file in src/audio that touches the file system: loads the shipped voiceprint model from data/ at the package root.

import { readFileSync } from "node:fs";
import { decodeModel, type VoiceprintModel } from "./model.js";

/** Name of the shipped model under data/. */
export const MODEL_FILE_NAME = "voiceprint-model.bin";

/** data/voiceprint-model.bin relative to the package root (src/audio, dist/audio and the bundle's dist/bundle are all two levels below it). */
export const MODEL_FILE_URL = new URL(`../../data/${MODEL_FILE_NAME}`, import.meta.url);

let cached: VoiceprintModel | undefined;

/** Load (once per process) and decode the shipped model. Throws if the file is missing or corrupt. */
export function loadVoiceprintModel(url: URL = MODEL_FILE_URL): VoiceprintModel {
  if (url === MODEL_FILE_URL && cached) return cached;
  const model = decodeModel(readFileSync(url));
  if (url === MODEL_FILE_URL) cached = model;
  return model;
}
