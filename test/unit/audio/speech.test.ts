// Net-speech measurement: synthetic speech, silence, tones, noise, and the configurable minimums.
import { describe, expect, it } from "vitest";
import { MIN_SPEECH_AUTH_S, MIN_SPEECH_ENROLL_S, detectSpeech, frameCount, hasEnoughSpeech, speechSecondsText } from "../../../src/audio/speech.js";
import { mix, silence, synthVoice, tone, whiteNoise } from "../../helpers/wav-synth.js";

describe("detectSpeech", () => {
  it("counts nothing in silence or an empty signal", () => {
    expect(detectSpeech(silence(5)).netSpeechS).toBe(0);
    expect(detectSpeech(new Float32Array(0)).netSpeechS).toBe(0);
    expect(detectSpeech(new Float32Array(100)).mask.length).toBe(0);
  });

  it("measures a tone burst between silences to the frame", () => {
    const x = new Float32Array(8000 * 6);
    x.set(tone(2), 8000 * 2);
    expect(detectSpeech(x).netSpeechS).toBeGreaterThan(1.95);
    expect(detectSpeech(x).netSpeechS).toBeLessThan(2.1);
  });

  it("finds the speech in a synthetic voice, not the pauses", () => {
    const v = synthVoice({ seconds: 20, speaker: 3 });
    const s = detectSpeech(v).netSpeechS;
    expect(s).toBeGreaterThan(10);
    expect(s).toBeLessThan(19);
  });

  it("counts the weak ends of a word under noise when they join a loud middle (hysteresis), never noise alone", () => {
    // a "word": 0.5 s whose level rises 30 dB, holds, then falls 30 dB, over noise about 24 dB below its middle
    const word = new Float32Array(8000 * 0.5);
    for (let i = 0; i < word.length; i++) {
      const t = i / word.length;
      const db = t < 0.25 ? -30 + 120 * t : t > 0.75 ? -30 + 120 * (1 - t) : 0;
      word[i] = 0.3 * 10 ** (db / 20) * Math.sin((2 * Math.PI * 300 * i) / 8000);
    }
    const x = new Float32Array(8000 * 4);
    x.set(word, 8000);
    x.set(word, 8000 * 2.5);
    const noise = whiteNoise(4, 0.012, 4);
    const noisy = mix(x, noise);
    const plain = detectSpeech(noisy, { extendMarginDb: 6 }).netSpeechS;
    const withEnds = detectSpeech(noisy).netSpeechS;
    expect(withEnds).toBeGreaterThan(plain + 0.02); // the ends between 2 and 6 dB above the floor now count
    expect(withEnds).toBeLessThanOrEqual(1.0 + 0.03); // but nothing beyond the two words
    expect(detectSpeech(noise).netSpeechS).toBeLessThan(0.05);
  });

  it("does not take steady noise alone for much speech", () => {
    expect(detectSpeech(whiteNoise(10, 0.05)).netSpeechS).toBeLessThan(1);
  });

  it("still finds speech under noise 20 dB below the overall level (weak syllable edges drown; real files: shared-audio test)", () => {
    const v = synthVoice({ seconds: 20, speaker: 5 });
    const clean = detectSpeech(v).netSpeechS;
    // white noise 20 dB below the signal's overall RMS (the active speech level is higher still)
    const rms = Math.sqrt(v.reduce((a, x) => a + x * x, 0) / v.length);
    const noisy = detectSpeech(mix(v, whiteNoise(20, 0.1 * rms * Math.sqrt(3), 9))).netSpeechS;
    expect(noisy).toBeGreaterThan(0.3 * clean);
    expect(noisy).toBeLessThan(1.1 * clean);
  });

  it("measures the same speech under a DC offset (it carries no speech)", () => {
    const v = synthVoice({ seconds: 20, speaker: 4 });
    const plain = detectSpeech(v).netSpeechS;
    expect(plain).toBeGreaterThan(8);
    for (const dc of [300, 1000, 6000]) {
      const shifted = v.map((x) => Math.min(1, x + dc / 32768));
      expect(detectSpeech(shifted).netSpeechS).toBeCloseTo(plain, 1);
    }
    // without the DC removal, the offset buries the speech
    expect(detectSpeech(v.map((x) => x + 6000 / 32768), { removeDc: false }).netSpeechS).toBeLessThan(0.5 * plain);
  });

  it("is not fooled by longer pauses", () => {
    const v = synthVoice({ seconds: 15, speaker: 2 });
    const spaced = new Float32Array(v.length * 2);
    for (let i = 0; i < 15; i++) spaced.set(v.subarray(i * 8000, (i + 1) * 8000), i * 16000);
    const a = detectSpeech(v).netSpeechS;
    expect(Math.abs(detectSpeech(spaced).netSpeechS - a)).toBeLessThan(0.05 * a);
  });

  it("exports the service minimums and a frame grid matching 25 ms / 10 ms", () => {
    expect(MIN_SPEECH_ENROLL_S).toBe(30);
    expect(MIN_SPEECH_AUTH_S).toBe(10);
    expect(hasEnoughSpeech(10, MIN_SPEECH_AUTH_S)).toBe(true);
    expect(hasEnoughSpeech(9.99, 5)).toBe(true);
    expect(frameCount(8000)).toBe(98);
  });
});

describe("speechSecondsText", () => {
  it("rounds down to a tenth, so a figure just under a minimum never prints as the minimum", () => {
    expect(speechSecondsText(29.96)).toBe("29.9");
    expect(speechSecondsText(9.99)).toBe("9.9");
    expect(speechSecondsText(4.86)).toBe("4.8");
    expect(speechSecondsText(30)).toBe("30.0");
    expect(speechSecondsText(2.2999999999999998)).toBe("2.3"); // 230 frames of 10 ms, as floats add them up
    expect(speechSecondsText(0)).toBe("0.0");
  });
});
