// `voice-id help`, `voice-id <operation> help`, `--help`: pure functions from the model to text.
// The CLI calls printHelp(topic, io): renderHelp() for the terminal's width, then showHelp() (pager.ts).
import type { IO } from "../io/index.js";
import type { Operation } from "../model/index.js";
import type { HelpDoc } from "./doc.js";
import { operationDoc } from "./operation.js";
import { showHelp } from "./pager.js";
import { renderText } from "./text.js";
import { localDoc, topDoc, waitDoc } from "./topics.js";

export type HelpTopic = { kind: "top" } | { kind: "operation"; op: Operation } | { kind: "local" } | { kind: "wait" };

export interface RenderOptions {
  /** Wrap paragraphs to this many columns (the terminal's width; 80 in pipes). */
  width?: number;
}

/** The intermediate document of a topic; man pages render the same documents as roff. */
export function helpDoc(topic: HelpTopic): HelpDoc {
  switch (topic.kind) {
    case "top":
      return topDoc();
    case "operation":
      return operationDoc(topic.op);
    case "local":
      return localDoc();
    case "wait":
      return waitDoc();
  }
}

export function renderHelp(topic: HelpTopic, options: RenderOptions = {}): string {
  return renderText(helpDoc(topic), Math.min(options.width ?? 80, 120));
}

/** The whole of `voice-id … help`: render for the terminal's width and show it (paged on a terminal). */
export async function printHelp(topic: HelpTopic, io: IO, options: { pager?: boolean } = {}): Promise<void> {
  await showHelp(renderHelp(topic, { width: io.stdoutIsTTY ? io.columns : 80 }), io, options);
}

export { showHelp };
