// `voice-id local purge`: erases deleted (SUSPENDED) domains and everything in them now, instead of waiting
// for the retention period (spec §4.1, §9 #26: "purged after 30 days, configurable, plus a purge command").
import { parseArgs } from "node:util";
import type { Deps } from "../../deps.js";
import { ExitCode } from "../../errors/index.js";
import { write } from "../../io/index.js";
import { fail, storePaths } from "./store-paths.js";
import { joinNegativeValues, parseArgsMessage } from "./parse-args-message.js";

const USAGE = `usage: voice-id local purge [--older-than DAYS]

Erases deleted (SUSPENDED) domains of the local store with their watchlists, fraudsters, speakers, jobs and
sessions, freeing their place in the 3-domain quota. By default every deleted domain goes; with
--older-than only those deleted at least DAYS days ago. Deleted domains are otherwise purged automatically
30 days after deletion (VOICE_ID_DOMAIN_RETENTION_DAYS changes that).
`;

export const options = { "older-than": { type: "string" }, help: { type: "boolean", short: "h" } } as const;

export async function run(argv: string[], deps: Deps): Promise<number> {
  let values: { "older-than"?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args: joinNegativeValues(argv, options), strict: true, allowPositionals: false, options })); // -1: the range check's message
  } catch (err) {
    return fail(deps, "purge", `${parseArgsMessage(err)}\n\n${USAGE}`, ExitCode.usage);
  }
  if (values.help) {
    await write(deps.io.stdout, USAGE);
    return ExitCode.ok;
  }
  const days = values["older-than"] === undefined ? 0 : Number(values["older-than"]);
  if (!Number.isFinite(days) || days < 0 || values["older-than"]?.trim() === "")
    return fail(deps, "purge", `--older-than must be a number of days ≥ 0, got '${values["older-than"]}'.`, ExitCode.usage);
  const { settings, dbFile, exists } = storePaths(deps);
  let purged = 0;
  if (exists) {
    const { openDatabase, compact } = await import("../../engine/local/store/db.js");
    const { inTransaction } = await import("../../engine/local/store/tx.js");
    const { purgeExpiredDomains } = await import("../../engine/local/store/domains.js");
    const db = openDatabase(dbFile);
    try {
      const ctx = { db, settings, now: () => new Date(), newId: () => "" };
      purged = inTransaction(ctx, () => purgeExpiredDomains(ctx, Date.now() - days * 24 * 3_600_000));
      if (purged > 0) compact(db); // an operator purges to free the disk: give the space back when nobody else uses the store
    } finally {
      db.close();
    }
  }
  await write(deps.io.stdout, `purged ${purged} deleted domain${purged === 1 ? "" : "s"}\n`);
  return ExitCode.ok;
}
