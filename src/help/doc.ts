// The intermediate help document: `voice-id help` (plain text) and man/ (roff) both render this,
// so the terminal and the man pages can never say different things.

/** Text is plain: renderers wrap paragraphs and keep `pre` lines as they are. */
export type Block =
  | { kind: "para"; text: string }
  /** Verbatim lines (syntax examples, commands): never wrapped. */
  | { kind: "pre"; lines: string[] }
  /** A term on its own line with an indented body: an option, a structure member, a command. */
  | { kind: "def"; term: string; body: Block[] }
  | { kind: "bullets"; items: string[] };

export interface Section {
  title: string;
  body: Block[];
}

export interface HelpDoc {
  /** Man page name: "voice-id-create-domain". */
  name: string;
  /** How the user types it: "voice-id create-domain". */
  command: string;
  /** One line for NAME (and whatis). */
  summary: string;
  sections: Section[];
}

export const para = (text: string): Block => ({ kind: "para", text });
export const pre = (lines: string[]): Block => ({ kind: "pre", lines });
export const def = (term: string, body: Block[]): Block => ({ kind: "def", term, body });
export const bullets = (items: string[]): Block => ({ kind: "bullets", items });
