// The handler table names every operation of the model, and each lazy entry reaches a real handler.
import { describe, expect, it } from "vitest";
import { domainHandlers } from "../../../../src/engine/local/handlers/domains.js";
import { fraudsterHandlers } from "../../../../src/engine/local/handlers/fraudsters.js";
import { handlers } from "../../../../src/engine/local/handlers/index.js";
import { jobHandlers } from "../../../../src/engine/local/handlers/jobs.js";
import { sessionHandlers } from "../../../../src/engine/local/handlers/sessions.js";
import { speakerHandlers } from "../../../../src/engine/local/handlers/speakers.js";
import { tagHandlers } from "../../../../src/engine/local/handlers/tags.js";
import { watchlistHandlers } from "../../../../src/engine/local/handlers/watchlists.js";
import { operations } from "../../../../src/model/index.js";

describe("handler table", () => {
  it("covers the 29 operations exactly, with the same names its modules export", () => {
    const all = operations().map((o) => o.name).sort();
    expect(Object.keys(handlers).sort()).toEqual(all);
    const modules = { ...domainHandlers, ...watchlistHandlers, ...fraudsterHandlers, ...speakerHandlers, ...tagHandlers, ...jobHandlers, ...sessionHandlers };
    expect(Object.keys(modules).sort()).toEqual(all);
  });
});
