// Renders a help document as plain text for the terminal: man-style sections, wrapped to the width.
import type { Block, HelpDoc } from "./doc.js";

const STEP = 3;
const BASE = 7;

/** Greedy word wrap; a word longer than the line (a regex, a URI) stays whole. */
export function wrap(text: string, indent: number, width: number): string[] {
  const pad = " ".repeat(indent);
  const room = Math.max(20, width - indent);
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > room) {
      lines.push(pad + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(pad + line);
  return lines;
}

function blockLines(b: Block, indent: number, width: number): string[] {
  switch (b.kind) {
    case "para":
      return wrap(b.text, indent, width);
    case "pre":
      return b.lines.map((l) => (l ? " ".repeat(indent + STEP) + l : ""));
    case "bullets":
      return b.items.flatMap((item) => wrap(item, indent + STEP + 2, width).map((l, i) => (i === 0 ? " ".repeat(indent + STEP) + "o " + l.trimStart() : l)));
    case "def": {
      const body = blocksLines(b.body, indent + STEP, width);
      return [...wrap(b.term, indent, width), ...body];
    }
  }
}

function blocksLines(blocks: Block[], indent: number, width: number): string[] {
  const out: string[] = [];
  blocks.forEach((b, i) => {
    if (i > 0) out.push("");
    out.push(...blockLines(b, indent, width));
  });
  return out;
}

export function renderText(doc: HelpDoc, width = 80): string {
  const out: string[] = ["NAME", ...wrap(`${doc.command} - ${doc.summary}`, BASE, width)];
  for (const section of doc.sections) out.push("", section.title, ...blocksLines(section.body, BASE, width));
  return out.map((l) => l.trimEnd()).join("\n") + "\n";
}
