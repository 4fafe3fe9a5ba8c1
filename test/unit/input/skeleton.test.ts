// --generate-cli-skeleton for all 29 operations: input JSON shaped like the AWS CLI's, YAML that parses
// to the same document with [REQUIRED] marks, and output samples valid against the output schemas.
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { operations, shape } from "../../../src/model/index.js";
import { generateSkeleton, inputSkeletonJson, inputSkeletonYaml, outputSample, SAMPLE_TIMESTAMP } from "../../../src/input/skeleton.js";
import { validateDocument } from "../../../src/validate/index.js";
import { awsCliErrors } from "../../../src/validate/params.js";

const first = (values: string[]) => values[0];
/** Sample timestamps as the wire carries them (epoch seconds) for schema validation. */
const toWire = (v: unknown): unknown =>
  v === SAMPLE_TIMESTAMP ? 0 : Array.isArray(v) ? v.map(toWire) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toWire(x)])) : v;

describe.each(operations().map((op) => [op.cliName, op] as const))("%s", (_name, op) => {
  it("input skeleton: 4-space JSON, every member, in model order", () => {
    const text = inputSkeletonJson(op);
    expect(text.endsWith("}\n")).toBe(true);
    const doc = JSON.parse(text);
    expect(Object.keys(doc)).toEqual(Object.keys(shape(op.input!).members ?? {}));
    expect(text).toBe(JSON.stringify(doc, null, 4) + "\n");
    // The AWS CLI's own checks accept the skeleton's types (only lengths and requireds can complain).
    const typeErrors = awsCliErrors(op.input!, doc).filter((e) => e.startsWith("Invalid type") || e.startsWith("Unknown"));
    expect(typeErrors).toEqual([]);
  });

  it("yaml-input parses to the same document, with [REQUIRED] on required members", () => {
    const yaml = inputSkeletonYaml(op, first);
    expect(parse(yaml)).toEqual(generateSkeleton(op.input!, false, first));
    for (const [member, ref] of Object.entries(shape(op.input!).members ?? {})) {
      const line = yaml.split("\n").find((l) => l.startsWith(`${member}:`))!;
      expect(line.includes("# [REQUIRED]")).toBe(ref.required === true);
    }
  });

  // The recorded cases want the AWS CLI's sample exactly ("DomainId": "DomainId"), which breaks the
  // model's patterns, lengths and enums; its shape and types are what must hold.
  it("output sample has the output schema's structure and types", () => {
    const sample = outputSample(op);
    const structural = validateDocument("output", op.name, toWire(sample)).filter((v) => ["type", "required", "additionalProperties"].includes(v.rule));
    expect(structural).toEqual([]);
  });
});

it("enum members get the value their description calls the default, else the first: the same skeleton every time", () => {
  const op = (name: string) => operations().find((o) => o.name === name)!;
  expect(JSON.parse(inputSkeletonJson(op("ListSpeakerEnrollmentJobs"))).JobStatus).toBe("SUBMITTED");
  // the AWS CLI picks at random: OVERWRITE and IGNORE would switch off the service's safe defaults
  const enrollment = JSON.parse(inputSkeletonJson(op("StartSpeakerEnrollmentJob"))).EnrollmentConfig;
  expect(enrollment.ExistingEnrollmentAction).toBe("SKIP");
  expect(enrollment.FraudDetectionConfig.FraudDetectionAction).toBe("FAIL");
  expect(JSON.parse(inputSkeletonJson(op("StartFraudsterRegistrationJob"))).RegistrationConfig.DuplicateRegistrationAction).toBe("SKIP");
  expect(inputSkeletonYaml(op("StartSpeakerEnrollmentJob"))).toContain("  ExistingEnrollmentAction: SKIP # ");
  expect(inputSkeletonJson(op("StartSpeakerEnrollmentJob"))).toBe(inputSkeletonJson(op("StartSpeakerEnrollmentJob")));
});
