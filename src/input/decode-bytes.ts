// The bytes of `--cli-input-json fileb://…` / `--cli-input-yaml fileb://…` as text, decoded the way the AWS CLI's
// parsers decode bytes: json.loads detects UTF-8 (with or without a BOM), UTF-16 and UTF-32 (json.detect_encoding);
// ruamel.yaml's reader knows the UTF-16 BOMs and otherwise reads UTF-8. Bytes that are not valid text in the
// detected encoding are an error (a UnicodeDecodeError there), never replacement characters.

/** Undecodable bytes: the caller reports "Invalid JSON received." / "Invalid YAML received." with this message. */
export class UndecodableBytes extends Error {}

function decode(bytes: Uint8Array, label: "utf-8" | "utf-16le" | "utf-16be"): string {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new UndecodableBytes(`the bytes are not valid ${label.toUpperCase()}`);
  }
}

function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string {
  if (bytes.length % 4) throw new UndecodableBytes("the bytes are not valid UTF-32");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let out = "";
  for (let i = 0; i < bytes.length; i += 4) {
    const cp = view.getUint32(i, littleEndian);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw new UndecodableBytes("the bytes are not valid UTF-32");
    out += String.fromCodePoint(cp);
  }
  return out.charCodeAt(0) === 0xfeff ? out.slice(1) : out;
}

const startsWith = (b: Uint8Array, ...prefix: number[]) => prefix.every((x, i) => b[i] === x);

/** Python's json.detect_encoding, then a strict decode. */
export function decodeJsonBytes(b: Uint8Array): string {
  if (startsWith(b, 0x00, 0x00, 0xfe, 0xff)) return decodeUtf32(b, false);
  if (startsWith(b, 0xff, 0xfe, 0x00, 0x00)) return decodeUtf32(b, true);
  if (startsWith(b, 0xfe, 0xff)) return decode(b, "utf-16be");
  if (startsWith(b, 0xff, 0xfe)) return decode(b, "utf-16le");
  if (b.length >= 4) {
    if (!b[0]) return b[1] ? decode(b, "utf-16be") : decodeUtf32(b, false);
    if (!b[1]) return b[2] || b[3] ? decode(b, "utf-16le") : decodeUtf32(b, true);
  } else if (b.length === 2) {
    if (!b[0]) return decode(b, "utf-16be");
    if (!b[1]) return decode(b, "utf-16le");
  }
  return decode(b, "utf-8"); // a UTF-8 BOM is dropped by the decoder (utf-8-sig)
}

/** ruamel.yaml's reader: a UTF-16 BOM picks UTF-16, anything else is UTF-8 (its BOM dropped). */
export function decodeYamlBytes(b: Uint8Array): string {
  if (startsWith(b, 0xfe, 0xff)) return decode(b, "utf-16be");
  if (startsWith(b, 0xff, 0xfe)) return decode(b, "utf-16le");
  return decode(b, "utf-8");
}
