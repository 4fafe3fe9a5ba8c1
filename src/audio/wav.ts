// RIFF/WAVE parsing that accepts exactly what Voice ID accepted (8 kHz, 16-bit PCM, 1–2 channels, ≤ 20 MiB) and says precisely why anything else is refused.

/** Largest file the service accepted: 20 MiB (spec §2.1). */
export const MAX_WAV_BYTES = 20 * 1024 * 1024;

/**
 * The conversion the README gives, for an operator told a file's sample rate is refused (local analyze, a
 * session). Job output files keep the spec's fixed per-request wording (§1.7) without it.
 */
export const CONVERT_HINT = "Convert it first, e.g. sox IN.wav -r 8000 -c 1 -b 16 OUT.wav";
/** The only sample rate the service accepted. */
export const REQUIRED_SAMPLE_RATE = 8000;

export type WavErrorCode =
  | "NOT_RIFF_WAVE"
  | "UNSUPPORTED_SAMPLE_RATE"
  | "UNSUPPORTED_ENCODING"
  | "TOO_MANY_CHANNELS"
  | "NO_SUCH_CHANNEL"
  | "TRUNCATED"
  | "BAD_CHUNK_SIZE"
  | "BAD_FORMAT"
  | "EMPTY_AUDIO"
  | "TOO_LARGE";

/** The one error this module throws: a stable code for programs and a message for people. */
export class WavError extends Error {
  readonly code: WavErrorCode;
  /** The offending values, for callers that word their own messages (e.g. { sampleRate: 16000 }). */
  readonly detail: Readonly<Record<string, number>>;
  constructor(code: WavErrorCode, message: string, detail: Record<string, number> = {}) {
    super(message);
    this.name = "WavError";
    this.code = code;
    this.detail = detail;
  }
}

export interface WavFormat {
  /** 1 = WAVE_FORMAT_PCM, 0xFFFE = WAVE_FORMAT_EXTENSIBLE (with the PCM sub-format). */
  formatTag: number;
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  blockAlign: number;
  /** Byte offset of the first sample in the buffer. */
  dataOffset: number;
  /** Bytes of whole sample frames in the data chunk (a trailing partial frame is ignored). */
  dataBytes: number;
  /** Sample frames (one sample per channel each). */
  frames: number;
  durationS: number;
}

const KSDATAFORMAT_SUBTYPE_PCM_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

const FORMAT_NAMES: Record<number, string> = {
  2: "Microsoft ADPCM",
  3: "IEEE float",
  6: "A-law",
  7: "mu-law",
  0x11: "IMA ADPCM",
  0x31: "GSM 6.10",
  0x55: "MPEG layer 3",
};

function fourcc(b: Uint8Array, at: number): string {
  return String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);
}

function u16(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8);
}

function u32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16)) + b[at + 3]! * 0x1000000;
}

function formatName(tag: number): string {
  const name = FORMAT_NAMES[tag];
  return name ? `format ${tag} (${name})` : `format ${tag}`;
}

/** The refusal of a file over 20 MB; a reader that knows the size first uses it to refuse the file unread. */
export function tooLarge(bytes: number): WavError {
  return new WavError("TOO_LARGE", `file is ${bytes} bytes; at most ${MAX_WAV_BYTES} bytes (20 MB) are accepted`, { bytes });
}

/**
 * Parse and validate a WAV file. Reads only inside `buf`, allocates nothing sized by the header,
 * and either returns the format or throws a WavError.
 */
export function parseWav(buf: Uint8Array): WavFormat {
  if (buf.length > MAX_WAV_BYTES) throw tooLarge(buf.length);
  if (buf.length < 12 || fourcc(buf, 0) !== "RIFF" || fourcc(buf, 8) !== "WAVE") {
    throw new WavError("NOT_RIFF_WAVE", "not a RIFF/WAVE file (no 'RIFF…WAVE' header)");
  }
  // The RIFF size is often wrong in the wild (streaming writers); chunks are checked against the real length instead.
  const end = buf.length;
  let pos = 12;
  let fmt: Omit<WavFormat, "dataOffset" | "dataBytes" | "frames" | "durationS"> | undefined;
  let dataOffset = -1;
  let dataSize = 0;
  while (pos + 8 <= end) {
    const id = fourcc(buf, pos);
    const size = u32(buf, pos + 4);
    const body = pos + 8;
    if (id === "data") {
      if (dataOffset < 0) {
        if (body + size > end) {
          // no "the file is truncated" here: the TRUNCATED code and the callers' wording ("… is a truncated WAV file: …") say it
          throw new WavError("TRUNCATED", `data chunk promises ${size} bytes but only ${end - body} remain`);
        }
        dataOffset = body;
        dataSize = size;
      }
    } else {
      if (body + size > end) {
        // A chunk running past the end: tolerate it only after the audio, where nothing else is needed.
        if (fmt && dataOffset >= 0) break;
        throw new WavError(
          "BAD_CHUNK_SIZE",
          `chunk '${printable(id)}' at byte ${pos} claims ${size} bytes but only ${end - body} remain`,
        );
      }
      if (id === "fmt " && !fmt) fmt = parseFmt(buf, body, size);
    }
    pos = body + size + (size & 1); // chunks are padded to even length
  }
  if (!fmt) throw new WavError("BAD_FORMAT", "no 'fmt ' chunk: the WAV header is incomplete");
  if (dataOffset < 0) throw new WavError("TRUNCATED", "no 'data' chunk: the file holds no audio");
  const frames = Math.floor(dataSize / fmt.blockAlign);
  if (frames === 0) throw new WavError("EMPTY_AUDIO", "the data chunk holds no samples");
  return {
    ...fmt,
    dataOffset,
    dataBytes: frames * fmt.blockAlign,
    frames,
    durationS: frames / fmt.sampleRate,
  };
}

function printable(id: string): string {
  return id.replace(/[^\x20-\x7e]/g, "?");
}

function parseFmt(buf: Uint8Array, at: number, size: number) {
  if (size < 16) throw new WavError("BAD_CHUNK_SIZE", `'fmt ' chunk is ${size} bytes; at least 16 are required`);
  let formatTag = u16(buf, at);
  const channels = u16(buf, at + 2);
  const sampleRate = u32(buf, at + 4);
  const blockAlign = u16(buf, at + 12);
  const bitsPerSample = u16(buf, at + 14);
  if (formatTag === 0xfffe) {
    if (size < 40) throw new WavError("BAD_CHUNK_SIZE", `WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk is ${size} bytes; 40 are required`);
    const cbSize = u16(buf, at + 16);
    if (cbSize < 22) throw new WavError("BAD_FORMAT", `WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk has cbSize ${cbSize}; at least 22 is required`);
    const sub = u16(buf, at + 24);
    let guidOk = true;
    for (let i = 0; i < 14; i++) if (buf[at + 26 + i] !== KSDATAFORMAT_SUBTYPE_PCM_TAIL[i]) guidOk = false;
    if (sub !== 1 || !guidOk) {
      throw new WavError(
        "UNSUPPORTED_ENCODING",
        `encoding is WAVE_FORMAT_EXTENSIBLE with sub-${guidOk ? formatName(sub) : "format GUID other than PCM"}; only 16-bit PCM is supported`,
      );
    }
  } else if (formatTag !== 1) {
    throw new WavError("UNSUPPORTED_ENCODING", `encoding is ${formatName(formatTag)}; only 16-bit PCM is supported`, {
      formatTag,
    });
  }
  if (bitsPerSample !== 16) {
    throw new WavError("UNSUPPORTED_ENCODING", `samples are ${bitsPerSample}-bit PCM; only 16-bit PCM is supported`, {
      bitsPerSample,
    });
  }
  if (channels === 0) throw new WavError("BAD_FORMAT", "the header declares 0 channels");
  if (channels > 2) throw new WavError("TOO_MANY_CHANNELS", `file has ${channels} channels; at most 2 are supported`, { channels });
  if (sampleRate !== REQUIRED_SAMPLE_RATE) {
    throw new WavError(
      "UNSUPPORTED_SAMPLE_RATE",
      `sample rate is ${sampleRate} Hz; only ${REQUIRED_SAMPLE_RATE} Hz is supported`,
      { sampleRate },
    );
  }
  if (blockAlign !== channels * 2) {
    throw new WavError("BAD_FORMAT", `block align is ${blockAlign}; ${channels * 2} is required for ${channels}-channel 16-bit PCM`);
  }
  formatTag = formatTag === 0xfffe ? 0xfffe : 1;
  return { formatTag, sampleRate, channels, bitsPerSample, blockAlign };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** One channel of a parsed file as floats in [-1, 1). Throws NO_SUCH_CHANNEL for a channel the file lacks. */

export function extractChannel(buf: Uint8Array, format: WavFormat, channel = 0): Float32Array {
  if (!Number.isInteger(channel) || channel < 0 || channel >= format.channels) {
    throw new WavError(
      "NO_SUCH_CHANNEL",
      `file has ${format.channels} channel${format.channels === 1 ? "" : "s"}; channel ${channel} does not exist`,
      { channels: format.channels, channel },
    );
  }
  const n = format.frames;
  const out = new Float32Array(n);
  const stride = format.blockAlign;
  const start = buf.byteOffset + format.dataOffset + channel * 2;
  if (LITTLE_ENDIAN && start % 2 === 0 && n > 0) {
    // Aligned: read the samples as int16 directly (parseWav has checked that n frames fit in the buffer).
    const step = stride >> 1;
    const pcm = new Int16Array(buf.buffer, start, (n - 1) * step + 1);
    for (let i = 0, p = 0; i < n; i++, p += step) out[i] = pcm[p]! / 32768;
    return out;
  }
  let p = format.dataOffset + channel * 2;
  for (let i = 0; i < n; i++, p += stride) {
    const v = buf[p]! | (buf[p + 1]! << 8);
    out[i] = (v >= 0x8000 ? v - 0x10000 : v) / 32768;
  }
  return out;
}

/** Parse, validate and extract one channel in one call. */
export function readWavChannel(buf: Uint8Array, channel = 0): { format: WavFormat; samples: Float32Array } {
  const format = parseWav(buf);
  return { format, samples: extractChannel(buf, format, channel) };
}
