// --output table: a port of the AWS CLI's MultiTable (awscli/table.py) and TableFormatter: boxed sections, column
// widths scaled to the widest section, single-row sections redrawn as key/value rows past the terminal width.
import { CliError, ExitCode } from "../errors/index.js";
import { pyStr, pyRound, isObject } from "./python.js";
import { WIDE_RANGES } from "./wide-chars.js";

/** Colours for row values and the indentation bars; identity functions when colour is off. */
export interface TableStyle {
  rowElement(text: string): string;
  indentation(text: string): string;
}

const PLAIN: TableStyle = { rowElement: (t) => t, indentation: (t) => t };

function isWide(code: number): boolean {
  let lo = 0;
  let hi = WIDE_RANGES.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (code < WIDE_RANGES[mid * 2]!) hi = mid - 1;
    else if (code > WIDE_RANGES[mid * 2 + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

/** get_text_length: East Asian Wide, Fullwidth and Ambiguous characters count as two columns. */
export function textLength(text: string): number {
  let n = 0;
  for (const ch of text) n += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return n;
}

function centerText(text: string, length: number, leftEdge: string, rightEdge: string, textLen = textLength(text)): string {
  const charStart = Math.floor(length / 2) - Math.floor(textLen / 2) - 1;
  const lengthSoFar = textLength(leftEdge) + charStart + textLen;
  const right = length - textLength(rightEdge) - lengthSoFar;
  return leftEdge + " ".repeat(Math.max(0, charStart)) + text + " ".repeat(Math.max(0, right)) + rightEdge;
}

function alignLeft(text: string, length: number, leftEdge: string, rightEdge: string, textLen: number): string {
  const computed = textLen + 2 + textLength(leftEdge) + textLength(rightEdge);
  const padding = length - computed >= 0 ? 2 : 0;
  const soFar = leftEdge.length + padding + textLen;
  return leftEdge + " ".repeat(padding) + text + " ".repeat(Math.max(0, length - soFar - rightEdge.length)) + rightEdge;
}

class Section {
  title = "";
  headers: string[] = [];
  rows: string[][] = [];
  indentLevel = 0;
  private numCols: number | undefined;
  private maxWidths: number[] = [];

  addHeader(headers: string[]) {
    this.updateMaxWidths(headers);
    this.numCols ??= headers.length;
    this.headers = headers;
  }

  addRow(row: unknown[]) {
    this.numCols ??= row.length;
    // Section.add_row's ValueError, which the AWS CLI reports as a failure (255) before printing anything
    if (row.length !== this.numCols) throw new CliError(`Row should have ${this.numCols} elements, instead it has ${row.length}`, ExitCode.other);
    const cells = row.map(pyStr);
    this.rows.push(cells);
    this.updateMaxWidths(cells);
  }

  private updateMaxWidths(row: string[]) {
    if (this.maxWidths.length === 0) this.maxWidths = row.map(textLength);
    else row.forEach((el, i) => (this.maxWidths[i] = Math.max(textLength(el), this.maxWidths[i] ?? 0)));
  }

  /** Column widths plus padding, scaled so they add up to maxWidth (Python's round, then off-by-one fixes). */
  columnWidths(padding: number, maxWidth?: number): number[] {
    const unscaled = this.maxWidths.map((w) => w + padding);
    if (maxWidth === undefined || unscaled.length === 0) return unscaled;
    const scale = maxWidth / unscaled.reduce((a, b) => a + b, 0);
    const scaled = unscaled.map((w) => pyRound(scale * w));
    let offBy = scaled.reduce((a, b) => a + b, 0) - maxWidth;
    while (offBy !== 0) {
      const order = [...scaled.keys()];
      if (offBy < 0) order.reverse();
      for (const i of order) {
        if (offBy > 0) (scaled[i]! -= 1), (offBy -= 1);
        else (scaled[i]! += 1), (offBy += 1);
        if (offBy === 0) break;
      }
    }
    return scaled;
  }

  totalWidth(padding: number, withBorder: boolean, outerPadding: number): number {
    let total = this.columnWidths(0).reduce((sum, w) => sum + w + padding, 0);
    if (withBorder) total += 2;
    total += outerPadding * 2;
    return Math.max(textLength(this.title) + 2 + outerPadding * 2, total);
  }
}

class MultiTable {
  sections: Section[] = [];
  private current: Section | undefined;

  constructor(
    private readonly terminalWidth: number,
    private readonly style: TableStyle,
  ) {}

  newSection(title: string, indentLevel: number) {
    this.current = new Section();
    this.current.title = title;
    this.current.indentLevel = indentLevel;
    this.sections.push(this.current);
  }

  addRowHeader(headers: string[]) {
    this.current!.addHeader(headers);
  }

  addRow(row: unknown[]) {
    this.current!.addRow(row);
  }

  render(): string {
    let maxWidth = this.maxWidth();
    if (maxWidth > this.terminalWidth) {
      this.convertToVertical();
      maxWidth = this.maxWidth();
    }
    const out: string[] = ["-".repeat(maxWidth) + "\n"];
    for (const section of this.sections) this.renderSection(section, maxWidth, out);
    return out.join("");
  }

  /** convert_to_vertical_table: every single-row section with headers becomes header/value rows. */
  private convertToVertical() {
    this.sections = this.sections.map((section) => {
      if (section.rows.length !== 1 || section.headers.length === 0) return section;
      const vertical = new Section();
      vertical.title = section.title;
      vertical.indentLevel = section.indentLevel;
      section.headers.forEach((header, i) => vertical.addRow([header, section.rows[0]![i]]));
      return vertical;
    });
  }

  private maxWidth(): number {
    return Math.max(...this.sections.map((s) => s.totalWidth(4, true, s.indentLevel)));
  }

  private renderSection(section: Section, maxWidth: number, out: string[]) {
    const bar = this.style.indentation("|");
    const left = bar.repeat(section.indentLevel);
    const right = bar.repeat(section.indentLevel);
    const write = (line: string) => out.push(left + line + right + "\n");
    const width = maxWidth - section.indentLevel * 2;
    if (section.title) {
      write(centerText(section.title, width, "|", "|"));
      if (section.headers.length === 0 && section.rows.length === 0) write(`+${"-".repeat(width - 2)}+`);
    }
    if (section.headers.length > 0) {
      const widths = section.columnWidths(4, width);
      write(lineBreak(widths));
      write(section.headers.map((h, i) => centerText(h, widths[i]!, i === 0 ? "|" : "", "|")).join(""));
    }
    if (section.rows.length > 0) {
      const widths = section.columnWidths(4, width);
      if (widths.length === 0) return;
      write(lineBreak(widths));
      for (const row of section.rows) {
        write(
          row
            .slice(0, widths.length)
            .map((el, i) => alignLeft(this.style.rowElement(el), widths[i]!, i === 0 ? "|" : "", "|", textLength(el)))
            .join(""),
        );
      }
      write(lineBreak(widths));
    }
  }
}

function lineBreak(widths: number[]): string {
  return widths.map((w, i) => (i === 0 ? `+${"-".repeat(Math.max(0, w - 2))}+` : `${"-".repeat(Math.max(0, w - 1))}+`)).join("");
}

const isScalar = (v: unknown) => !Array.isArray(v) && !isObject(v);

function groupScalarKeys(current: Record<string, unknown>): [string[], string[]] {
  const headers: string[] = [];
  const more: string[] = [];
  for (const [k, v] of Object.entries(current)) (isScalar(v) ? headers : more).push(k);
  return [headers.sort(), more.sort()];
}

const truthy = (v: unknown) =>
  !(v === null || v === undefined || v === false || v === 0 || v === "" || (Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0));

/** TableFormatter._build_table and friends. */
class TableBuilder {
  constructor(readonly table: MultiTable) {}

  build(title: string | undefined, current: unknown, indentLevel = 0): boolean {
    if (!truthy(current)) return false;
    if (title !== undefined) this.table.newSection(title, indentLevel);
    if (Array.isArray(current)) {
      if (isObject(current[0])) this.fromList(current.filter(isObject), indentLevel, title ?? "");
      else {
        for (const item of current) {
          if (isScalar(item)) this.table.addRow([item]);
          // Python iterates a dict by its keys, so a structure here becomes a row of its member names
          else if (isObject(item)) this.table.addRow(Object.keys(item));
          else if (Array.isArray(item) && item.every(isScalar)) this.table.addRow(item);
          else this.build(undefined, item);
        }
      }
    }
    if (isObject(current)) this.fromDict(current, indentLevel);
    return true;
  }

  private fromDict(current: Record<string, unknown>, indentLevel: number) {
    const [headers, more] = groupScalarKeys(current);
    if (headers.length === 1) this.table.addRow([headers[0], current[headers[0]!]]);
    else if (headers.length > 0) {
      this.table.addRowHeader(headers);
      this.table.addRow(headers.map((k) => current[k]));
    }
    for (const key of more) this.build(key, current[key], indentLevel + 1);
  }

  private fromList(current: Record<string, unknown>[], indentLevel: number, title: string) {
    const headerSet = new Set<string>();
    const moreSet = new Set<string>();
    for (const item of current) {
      const [h, m] = groupScalarKeys(item);
      h.forEach((k) => headerSet.add(k));
      m.forEach((k) => moreSet.add(k));
    }
    const headers = [...headerSet].sort();
    const more = [...moreSet].sort();
    this.table.addRowHeader(headers);
    current.forEach((element, i) => {
      if (i > 0 && more.length > 0) {
        this.table.newSection(title, indentLevel);
        this.table.addRowHeader(headers);
      }
      this.table.addRow(headers.map((h) => (h in element ? element[h] : "")));
      for (const key of more) if (key in element) this.build(key, element[key], indentLevel + 1);
    });
  }
}

/** The table for one (queried) response titled with the operation name; "" when there is nothing to show. */
export function render(value: unknown, title: string, columns: number, style: TableStyle = PLAIN): string {
  const table = new MultiTable(columns, style);
  if (!new TableBuilder(table).build(title, value)) return "";
  return table.render();
}
