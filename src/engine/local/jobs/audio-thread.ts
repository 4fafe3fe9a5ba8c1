// Worker-thread entry of the audio pool: analyzes one request at a time for the job runner's process.
import { parentPort } from "node:worker_threads";
import { analyzeRequest, type AnalysisRequest } from "./audio-port.js";

parentPort!.on("message", (msg: { id: number; request: AnalysisRequest }) => {
  try {
    const result = analyzeRequest(msg.request);
    const transfer = result.ok && result.voiceprint ? [result.voiceprint.buffer as ArrayBuffer] : [];
    parentPort!.postMessage({ id: msg.id, result }, transfer);
  } catch (err) {
    parentPort!.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) });
  }
});
