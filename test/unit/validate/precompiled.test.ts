// The shipped (precompiled) validators must judge exactly as ajv compiling the schema at run time would.
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { documentSchema, operations, schemasDir } from "../../../src/model/index.js";
import { validateDocument } from "../../../src/validate/index.js";

const require = createRequire(import.meta.url);
const Ajv = require("ajv/dist/2020").default;
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: true });

const samples: unknown[] = [
  {},
  { DomainId: "short", Name: "bad name", X: 1, MaxResults: 0, Tags: [{ Key: "" }] },
  { DomainId: "AbCdEfGhIjKlMnOpQrStUv", SpeakerId: "id#x", MaxResults: 1000, JobStatus: "DONE" },
  { ServerSideEncryptionConfiguration: {}, ResourceArn: "arn", TagKeys: [1], InputDataConfig: { S3Uri: 5 } },
];

describe("precompiled validators", () => {
  for (const op of operations()) {
    it(`${op.name}: a file per input and output, judging like ajv.compile`, () => {
      for (const kind of ["input", "output"] as const) {
        expect(existsSync(`${schemasDir}validators/${kind}/${op.name}.cjs`)).toBe(true);
        const runtime = ajv.compile(documentSchema(kind, op.name));
        for (const doc of samples) {
          const violations = validateDocument(kind, op.name, doc);
          expect(violations.length === 0).toBe(runtime(doc) === true);
          if (!runtime(doc)) expect(violations.length).toBeGreaterThan(0);
        }
      }
    });
  }
});
