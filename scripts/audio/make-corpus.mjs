// Generates the training and held-out evaluation speech corpus (outside the repo) the way shared/audio was made: Debian TTS voices and recorded prompts, 8 kHz, levelled, pauses, line noise, mu-law, noisy and GSM-codec copies.
//
// Usage: node scripts/audio/make-corpus.mjs [OUT_DIR=/tmp/vid-corpus] [--jobs N]
// Needs (Debian main): espeak-ng festival flite sox libsox-fmt-all festvox-kallpc16k festvox-us-slt-hts
//   festvox-ru festvox-czech-{dita,machac,krb} festvox-suopuhe-{lj,mv} festvox-ita{lp,pc}16k festvox-ca-ona-hts
//   asterisk-core-sounds-{en,es,it,ru}-wav asterisk-prompt-es-co asterisk-prompt-fr-armelle asterisk-prompt-it-menardi-wav
// and (Debian contrib/non-free, the engines shared/audio also used): mbrola mbrola-<every voice in MBROLA_VOICES>
//   libttspico-utils rhvoice rhvoice-{english,russian,polish,brazilian-portuguese,ukrainian,esperanto,macedonian,
//   albanian,kyrgyz,tatar}
// Deliberately NOT used: the eight shared development voices (mbrola de3/ro1, espeak en-gb-x-gbclan+m2,
// festival ked, flite rms, RHVoice lyubov, pico en-GB, the fr-CA "June" prompts) and the agent voice en-us+f5.
// Train and eval speakers are disjoint persons. Deterministic given the same tools (seeded PRNG).

import { execFile } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync, existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { prng } from "../../dist/audio/prng.js"; // the same generator the demo and tests use (npm run build first)

const run = promisify(execFile);
const OUT = process.argv[2] && !process.argv[2].startsWith("--") ? process.argv[2] : "/tmp/vid-corpus";
const JOBS = Number(process.argv[process.argv.indexOf("--jobs") + 1]) || 2;
const TMP = join(OUT, "tmp");

// ---------- seeded PRNG and sentence generator (self-written word lists) ----------
function hash(str) {
  let h = 2166136261;
  for (const c of str) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}
const pick = (r, a) => a[Math.floor(r() * a.length)];
const digits = (r, n) => Array.from({ length: n }, () => Math.floor(r() * 10)).join(" ");
const W = {
  city: ["Brighton", "Tulsa", "Oakland", "Leeds", "Fresno", "Austin", "Dublin", "Portland", "Cardiff", "Denver", "Hamilton", "Salem", "Kingston", "Bristol"],
  adj: ["quiet", "green", "narrow", "bright", "heavy", "gentle", "old", "busy", "yellow", "friendly", "tall", "empty", "noisy", "clever", "broken"],
  noun: ["bridge", "garden", "bakery", "river", "market", "library", "tower", "farmer", "harbor", "bicycle", "kitchen", "museum", "painter", "lantern", "school"],
  verb: ["cancel", "dispute", "review", "confirm", "update", "reverse", "track", "explain"],
  thing: ["payment", "transfer", "charge", "refund", "invoice", "deposit", "withdrawal"],
  day: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
  prod: ["credit card", "savings account", "phone contract", "mortgage", "internet service", "travel insurance", "debit card"],
  person: ["sister", "brother", "neighbor", "husband", "wife", "daughter", "landlord", "manager"],
  time: ["this morning", "last week", "on Sunday evening", "two days ago", "yesterday afternoon", "an hour ago"],
};
const TEMPLATES = [
  (r) => `My customer number is ${digits(r, 4)}, ${digits(r, 4)}, and my postal code is ${digits(r, 5)}.`,
  (r) => `I would like to ${pick(r, W.verb)} the ${pick(r, W.thing)} of ${Math.floor(r() * 900 + 10)} dollars from ${pick(r, W.day)}.`,
  (r) => `In ${pick(r, W.city)} the ${pick(r, W.adj)} ${pick(r, W.noun)} and the ${pick(r, W.adj)} ${pick(r, W.noun)} are easy to find.`,
  (r) => `Could you help me with my ${pick(r, W.prod)}? It stopped working ${pick(r, W.time)}.`,
  (r) => `You can reach me at ${digits(r, 3)}, ${digits(r, 3)}, ${digits(r, 4)} any time after ${Math.floor(r() * 11 + 1)} o'clock.`,
  (r) => `My ${pick(r, W.person)} told me the ${pick(r, W.prod)} would be renewed on ${pick(r, W.day)}.`,
  (r) => `The ${pick(r, W.adj)} ${pick(r, W.noun)} stood beside the ${pick(r, W.adj)} ${pick(r, W.noun)} all winter.`,
  (r) => `I called ${pick(r, W.time)} about a ${pick(r, W.thing)}, and nobody called me back.`,
  (r) => `Please send the new ${pick(r, W.prod)} papers to my ${pick(r, W.person)} in ${pick(r, W.city)}.`,
  (r) => `Yes, I can confirm that the last ${pick(r, W.thing)} was ${Math.floor(r() * 90 + 5)} dollars and ${Math.floor(r() * 99)} cents.`,
];
const sentence = (r) => pick(r, TEMPLATES)(r);

// ---------- voices ----------
const AST = "/usr/share/asterisk/sounds";
const listDir = (d, ext) => (existsSync(d) ? readdirSync(d).filter((f) => f.endsWith(ext)).sort().map((f) => join(d, f)) : []);
const espeak = (v) => ({ kind: "espeak", v });
const fest = (v) => ({ kind: "festival", v });
const flite = (v) => ({ kind: "flite", v });
const pico = (v) => ({ kind: "pico", v });
// Voices of other languages read the same English sentences through their own language's rules. Varied text
// matters: reading only digit groups made each such voice's clips far more alike than a real caller's, and the
// projection learned language and wording as if they were the voice (held-out real voices then scored their own
// calls as low as 48). MBROLA fills a diphone its voice lacks with silence, which the VAD drops.
const rhvoice = (v) => ({ kind: "rhvoice", v });
const mbrola = (v) => ({ kind: "espeak", v }); // espeak-ng drives the diphones, as in shared/audio
// A recorded voice whose prompts are not installed would silently turn into broken clips: refuse it.
const rec = (files, dir) => {
  if (files.length === 0) throw new Error(`no recorded prompts in ${dir}: install the package that provides them (see the header)`);
  return { kind: "recorded", files };
};

// person → voice; persons are split, never shared between train and eval
// espeak-ng: a voice "person" is its variant (pitch/formant settings); each variant is used with one accent only,
// and train and eval variants are disjoint. Numbered siblings (Steph2, Iven3, …) are never used.
const ACCENTS = ["en", "en-us", "en-gb-scotland", "en-gb-x-rp", "en-029", "en-gb-x-gbcwmd", "en-us-nyc"];
const VARIANTS_DIR = "/usr/lib/x86_64-linux-gnu/espeak-ng-data/voices/!v";
const espeakPersons = (variants, salt) => {
  // espeak-ng silently falls back to its default voice for an unknown variant: refuse those
  const missing = variants.filter((v) => !existsSync(join(VARIANTS_DIR, v)));
  if (missing.length && existsSync(VARIANTS_DIR)) throw new Error(`unknown espeak-ng variants: ${missing.join(" ")}`);
  return Object.fromEntries(variants.map((v) => [`es:${v}`, espeak(`${ACCENTS[hash(v + salt) % ACCENTS.length]}+${v}`)]));
};
// MBROLA: a person is a diphone database (recorded from one real person). The English-speaking espeak-ng
// mapping (mb-XX-en) is used where espeak-ng has one, otherwise the voice's own language.
// Held out for evaluation: six English-speaking ones, the kind shared/audio's v01/v02 are.
const MBROLA_DIR = "/usr/share/mbrola";
// hb1/hb2 are left out: espeak-ng's Hebrew reads Latin text as nothing those voices can say, so their clips
// come out silent.
const MBROLA_VOICES = existsSync(MBROLA_DIR)
  ? readdirSync(MBROLA_DIR).filter((v) => /^[a-z]{2}\d$/.test(v) && !["hb1", "hb2"].includes(v)).sort()
  : [];
const MBROLA_EN = ["af1", "nl2", "fr1", "fr4", "de1", "de2", "de3", "de4", "de5", "de6", "gr2", "hu1", "pl1", "ro1", "sw1", "sw2"];
const MBROLA_DEV = ["de3", "ro1"]; // shared/audio's v01 and v02
const MBROLA_EVAL = ["us2", "en1", "de5", "fr4", "sw2", "hu1"];
const mbrolaPersons = (voices) => {
  if (existsSync(MBROLA_DIR)) {
    const missing = voices.filter((v) => !existsSync(join(MBROLA_DIR, v)));
    if (missing.length) throw new Error(`MBROLA voices not installed: ${missing.map((v) => `mbrola-${v}`).join(" ")}`);
  } else throw new Error("MBROLA is not installed: apt-get install mbrola mbrola-<voices> (Debian non-free)");
  return Object.fromEntries(voices.map((v) => [`mb:${v}`, mbrola(MBROLA_EN.includes(v) ? `mb-${v}-en` : `mb-${v}`)]));
};
// RHVoice: a person is a voice; aleksandr-hq and evgeniy-rus are second builds of aleksandr and evgeniy-eng,
// slt is the CMU ARCTIC speaker the held-out Festival slt voice was built from, lyubov is shared/audio's v06,
// and hana (Albanian) produces byte-identical audio to Leticia-F123 for any text, so it is not a voice of its own.
const RHVOICE_DIR = "/usr/share/RHVoice/voices";
const RHVOICE_TRAIN = (existsSync(RHVOICE_DIR) ? readdirSync(RHVOICE_DIR) : []).sort()
  .filter((v) => !["aleksandr-hq", "evgeniy-rus", "slt", "lyubov", "hana", "alan", "clb"].includes(v));
const rhvoicePersons = (voices) => {
  const missing = voices.filter((v) => !existsSync(join(RHVOICE_DIR, v)));
  if (missing.length || voices.length === 0) throw new Error(`RHVoice voices not installed: ${missing.join(" ") || "(none at all)"}`);
  return Object.fromEntries(voices.map((v) => [`rh:${v}`, rhvoice(v)]));
};
const TRAIN_PERSONS = {
  ...espeakPersons(["m1", "m3", "m5", "m7", "m8", "f1", "f3", "klatt", "klatt2", "Andy", "Annie", "boris", "Gene", "Lee", "linda",
    "Mike", "robert", "ed", "steph", "max", "paul", "Jacky", "zac", "grandpa", "grandma", "anika", "quincy", "Mario", "Denis",
    "Hugo", "iven", "Marco", "pablo", "adam", "caleb", "david", "belinda", "norbert", "travis", "victor", "shelby", "sandro",
    "rob", "marcelo", "aunty", "edward", "Diogo"], "train"),
  "kal": fest("kal_diphone"),
  "dita": fest("czech_dita"),
  "machac": fest("czech_machac"),
  "lj": fest("suo_fi_lj_diphone"),
  "lp": fest("lp_diphone"),
  "ona": fest("upc_ca_ona_hts"),
  "nsh": fest("msu_ru_nsh_clunits"),
  "awb": flite("awb"),
  ...mbrolaPersons(MBROLA_VOICES.filter((v) => !MBROLA_EVAL.includes(v) && !MBROLA_DEV.includes(v))),
  ...rhvoicePersons(RHVOICE_TRAIN),
  ...Object.fromEntries(["de-DE", "es-ES", "fr-FR", "it-IT"].map((l) => [`pico:${l}`, pico(l)])),
  "allison": rec([...listDir(join(AST, "en_US_f_Allison"), ".wav"), ...listDir(join(AST, "es_MX_f_Allison"), ".wav")], "en_US_f_Allison"),
  "menardi": rec(listDir(join(AST, "it_IT_f_Menardi"), ".wav"), "it_IT_f_Menardi"),
  "ivrru": rec(listDir(join(AST, "ru_RU_f_IvrvoiceRU"), ".wav"), "ru_RU_f_IvrvoiceRU"),
};
const EVAL_PERSONS = {
  ...espeakPersons(["m4", "m6", "f2", "f4", "klatt3", "Alex", "Michael", "john", "antonio", "benjamin", "gustave",
    "Henrique", "michel", "miguel", "Nguyen", "pedro", "Alicia", "Andrea", "kaukovalta", "announcer"], "eval"),
  ...mbrolaPersons(MBROLA_EVAL),
  ...rhvoicePersons(["alan", "clb"]),
  "pico:en-US": pico("en-US"),
  "slt": fest("cmu_us_slt_arctic_hts"),
  "krb": fest("czech_krb"),
  "mv": fest("hy_fi_mv_diphone"),
  "pc": fest("pc_diphone"),
  "carlo": rec(listDir(join(AST, "it_IT_m_Carlo"), ".wav"), "it_IT_m_Carlo"),
  "armelle": rec(listDir(join(AST, "fr"), ".gsm"), "fr (*.gsm)"),
  "esco": rec(listDir(join(AST, "es"), ".gsm"), "es (*.gsm)"),
};

// ---------- helpers ----------
async function sh(cmd, args, opts = {}) {
  try {
    return await run(cmd, args, { maxBuffer: 1 << 26, ...opts });
  } catch (e) {
    throw new Error(`${cmd} ${args.join(" ")} failed: ${e.stderr || e.message}`);
  }
}

async function synth(voice, text, out, r) {
  if (voice.kind === "espeak") {
    await sh("espeak-ng", ["-v", voice.v, "-s", String(150 + Math.floor(r() * 30)), "-w", out, text]);
  } else if (voice.kind === "pico") {
    await sh("pico2wave", ["-l", voice.v, "-w", out, text]);
  } else if (voice.kind === "rhvoice") {
    const txt = out + ".txt";
    writeFileSync(txt, text);
    await sh("RHVoice-test", ["-p", voice.v, "-i", txt, "-o", out]);
  } else if (voice.kind === "flite") {
    await sh("flite", ["-voice", voice.v, "-t", text, "-o", out]);
  } else if (voice.kind === "festival") {
    const txt = out + ".txt";
    writeFileSync(txt, text);
    await sh("text2wave", ["-eval", `(voice_${voice.v})`, txt, "-o", out]);
  } else {
    // recorded prompts: a "sentence" is one or two prompts
    const n = 1 + Math.floor(r() * 2);
    const files = Array.from({ length: n }, () => pick(r, voice.files));
    await sh("sox", [...files, "-r", "8000", "-c", "1", "-b", "16", out]);
  }
}

const dur = async (f) => Number((await sh("soxi", ["-D", f])).stdout.trim());

/** One call-like clip: sentences until `speechS` of (trimmed) sentence time, pauses, levelled, line noise, mu-law. */
async function makeClip(voice, seedKey, speechS, speed, out, tmpKey) {
  const r = prng(hash(seedKey));
  const level = -(16 + r() * 10); // peak-normalised level varies per clip
  const parts = [];
  let total = 0;
  let i = 0;
  while (total < speechS && i < 60) {
    const raw = join(TMP, `${tmpKey}-${i}-raw.wav`);
    const part = join(TMP, `${tmpKey}-${i}.wav`);
    await synth(voice, sentence(r), raw, r);
    const pause = (0.25 + r() * 0.45).toFixed(3);
    await sh("sox", [raw, "-b", "16", part, "remix", "1", ...(speed !== 1 ? ["speed", String(speed)] : []), "rate", "8000",
      "silence", "1", "0.02", "0.3%", "reverse", "silence", "1", "0.02", "0.3%", "reverse",
      "norm", (level + 12 + r() * 2).toFixed(1), "pad", "0", pause]);
    const d = await dur(part);
    if (d > 0.3) {
      parts.push(part);
      total += (d - Number(pause)) * 0.8;
    }
    i++;
  }
  const joined = join(TMP, `${tmpKey}-joined.wav`);
  await sh("sox", [...parts, joined, "pad", "0.3", "0.2"]);
  const d = await dur(joined);
  const noise = `|sox -n -r 8000 -c 1 -b 16 -t wav - synth ${d} whitenoise gain -66`;
  const mixed = join(TMP, `${tmpKey}-mixed.wav`);
  await sh("sox", ["-m", "-v", "1", joined, "-v", "1", noise, "-b", "16", mixed]);
  await sh("sh", ["-c", `sox '${mixed}' -t ul - | sox -t ul -r 8000 -c 1 - -b 16 -e signed '${out}'`]);
  for (const f of [...parts, joined, mixed]) rmSync(f, { force: true });
  for (let j = 0; j < i; j++) for (const ext of ["", ".txt"]) rmSync(join(TMP, `${tmpKey}-${j}-raw.wav${ext}`), { force: true });
}

/** Pink noise plus 50 Hz hum at `snr` dB below the active speech level. */
async function makeNoisy(clean, out, snr, seedKey) {
  const st = (await sh("sox", [clean, "-n", "stats"])).stderr;
  const rms = Number(/RMS lev dB\s+(-?[\d.]+)/.exec(st)?.[1] ?? -25);
  const active = rms + 1.5;
  const d = await dur(clean);
  const seed = hash(seedKey) % 100000;
  await sh("sox", ["-m", "-v", "1", clean,
    "-v", "1", `|sox -R -n -r 8000 -c 1 -b 16 -t wav - synth ${d} pinknoise gain ${(active - snr).toFixed(1)}`,
    "-v", "1", `|sox -n -r 8000 -c 1 -b 16 -t wav - synth ${d} sine 50 gain ${(active - snr - 6).toFixed(1)}`,
    "-b", "16", out]);
  void seed;
}

/** GSM 06.10 codec copy, band-limited to 300–3400 Hz. */
async function makeGsm(clean, out) {
  await sh("sh", ["-c", `sox '${clean}' -t gsm - sinc 300-3400 | sox -t gsm -r 8000 -c 1 - -b 16 -e signed '${out}'`]);
}

// ---------- plan ----------
const tasks = [];
const manifest = [];
function addSpeaker(split, person, voice, speed) {
  const spk = `${split}-${(voice.kind === "espeak" ? voice.v : person).replace(/[^a-zA-Z0-9]+/g, "_")}${speed !== 1 ? `-s${speed}` : ""}`;
  const dir = join(OUT, split, spk);
  const engine = voice.kind === "espeak" && voice.v.startsWith("mb-") ? "mbrola" : voice.kind;
  // train: 4 sessions of ~18 s; eval: enroll ~34 s + 3 tests ~12–17 s
  const clips = split === "train"
    ? [["s1", 18], ["s2", 18], ["s3", 18], ["s4", 18]]
    : [["enroll", 34], ["test-1", 13], ["test-2", 15], ["test-3", 12]];
  for (const [name, secs] of clips) {
    const clean = join(dir, `${name}.wav`);
    const variants = [];
    if (split === "train") {
      if (name === "s2") variants.push("gsm");
      if (name === "s3") variants.push("noisy");
      if (name === "s4") variants.push("gsm", "noisy");
    } else if (name !== "enroll") variants.push("noisy", "gsm");
    tasks.push(async () => {
      mkdirSync(dir, { recursive: true });
      if (!existsSync(clean)) await makeClip(voice, `${spk}/${name}`, secs, speed, clean, `${spk}-${name}`);
      for (const v of variants) {
        const f = join(dir, `${name}-${v}.wav`);
        if (existsSync(f)) continue;
        if (v === "gsm") await makeGsm(clean, f);
        else await makeNoisy(clean, f, 20, `${spk}/${name}/n`);
      }
    });
    manifest.push({ split, speaker: spk, person, engine, path: `${split}/${spk}/${name}.wav`, clip: name, condition: "clean" });
    for (const v of variants) manifest.push({ split, speaker: spk, person, engine, path: `${split}/${spk}/${name}-${v}.wav`, clip: name, condition: v });
  }
}
for (const [p, v] of Object.entries(EVAL_PERSONS)) for (const s of [1]) addSpeaker("eval", p, v, s);
// The engines added later (MBROLA, RHVoice, Pico: 87 persons) get 3 speeds instead of 7: more persons add more
// than more copies of one person, and it keeps the corpus within an hour's generation on 2 cores.
const NEW_ENGINE = /^(mb|rh|pico):/;
for (const [p, v] of Object.entries(TRAIN_PERSONS)) {
  for (const s of NEW_ENGINE.test(p) ? [0.9, 1, 1.1] : [0.85, 0.9, 0.95, 1, 1.05, 1.1, 1.15]) addSpeaker("train", p, v, s);
}

mkdirSync(TMP, { recursive: true });
// The voices and package versions go into the manifest so that a model can be traced to the corpus it saw
// (a corpus made on a machine that lacked one package once trained a different model without a word).
async function packageVersions() {
  const pkgs = ["espeak-ng", "festival", "flite", "sox", "mbrola", "libttspico-utils", "rhvoice", "festvox-*", "mbrola-*", "rhvoice-*", "asterisk-*"];
  const out = await run("dpkg-query", ["-W", "-f", "${Package} ${Version} ${db:Status-Status}\n", ...pkgs]).catch((e) => ({ stdout: e.stdout ?? "" }));
  return Object.fromEntries(String(out.stdout).split("\n").filter((l) => l.endsWith(" installed")).map((l) => l.split(" ").slice(0, 2)));
}
const persons = (ps) => Object.fromEntries(Object.entries(ps).map(([p, v]) => [p, v.kind === "recorded" ? `recorded (${v.files.length} prompts)` : `${v.kind} ${v.v}`]));
writeFileSync(join(OUT, "manifest.json"), JSON.stringify({
  persons: { train: persons(TRAIN_PERSONS), eval: persons(EVAL_PERSONS) },
  packages: await packageVersions(),
  files: manifest,
}, null, 1));
let next = 0;
let done = 0;
const t0 = Date.now();
async function worker() {
  while (next < tasks.length) {
    const t = tasks[next++];
    try {
      await t();
    } catch (e) {
      console.error(String(e.message).slice(0, 400));
    }
    if (++done % 20 === 0) console.log(`${done}/${tasks.length} clips, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
}
await Promise.all(Array.from({ length: JOBS }, worker));
console.log(`done: ${tasks.length} clips in ${OUT}`);
