// `voice-id local info`: where the local store is and how much it holds, per resource.
import { parseArgs } from "node:util";
import type { Deps } from "../../deps.js";
import { ExitCode } from "../../errors/index.js";
import { write } from "../../io/index.js";
import { checkedLocalRegion, fail, REGION_OPTIONS, storePaths, withRegionOptions } from "./store-paths.js";
import { parseArgsMessage } from "./parse-args-message.js";

const USAGE = `usage: voice-id local info [--region R] [--profile P]

Prints the local store's paths (VOICE_ID_HOME, the SQLite file, the s3:// root), its schema version and
how many of each resource it holds (all regions).
`;

const COUNTS: [label: string, sql: string][] = [
  ["domains (active)", "SELECT count(*) FROM domains WHERE status = 'ACTIVE'"],
  ["domains (deleted, awaiting purge)", "SELECT count(*) FROM domains WHERE status <> 'ACTIVE'"],
  ["watchlists", "SELECT count(*) FROM watchlists"],
  ["fraudsters", "SELECT count(*) FROM fraudsters"],
  ["speakers", "SELECT count(*) FROM speakers"],
  ["speaker enrollment jobs", "SELECT count(*) FROM jobs WHERE kind = 'SPEAKER_ENROLLMENT'"],
  ["fraudster registration jobs", "SELECT count(*) FROM jobs WHERE kind = 'FRAUDSTER_REGISTRATION'"],
  ["active jobs", "SELECT count(*) FROM jobs WHERE status IN ('SUBMITTED', 'IN_PROGRESS')"],
  ["remembered client tokens", "SELECT count(*) FROM idempotency"],
];

export const options = { ...REGION_OPTIONS, help: { type: "boolean", short: "h" } } as const;

export async function run(argv: string[], given: Deps): Promise<number> {
  let values: { help?: boolean; region?: string; profile?: string };
  try {
    values = parseArgs({ args: argv, strict: true, allowPositionals: false, options }).values;
  } catch (err) {
    return fail(given, "info", `${parseArgsMessage(err)}\n\n${USAGE}`, ExitCode.usage);
  }
  const deps = withRegionOptions(given, values);
  if (values.help) {
    await write(deps.io.stdout, USAGE);
    return ExitCode.ok;
  }
  checkedLocalRegion(deps); // it prints the region: one every command would refuse is refused here too
  const { settings, dbFile, exists } = storePaths(deps);
  const lines = [
    `home:       ${settings.home}`,
    `database:   ${dbFile}${exists ? "" : " (not created yet)"}`,
    `s3 root:    ${settings.s3Root}`,
    `region:     ${settings.region}`,
    `account:    ${settings.account}`,
  ];
  if (exists) {
    try {
      const { openDatabase } = await import("../../engine/local/store/db.js");
      const db = openDatabase(dbFile);
      try {
        lines.push(`schema:     v${db.pragma("user_version", { simple: true }) as number}`);
        const width = Math.max(...COUNTS.map(([l]) => l.length));
        for (const [label, sql] of COUNTS) lines.push(`${`${label}:`.padEnd(width + 2)}${db.prepare(sql).pluck().get() as number}`);
      } finally {
        db.close();
      }
    } catch (err) {
      return fail(deps, "info", `cannot read ${dbFile}: ${(err as Error).message}`, ExitCode.other);
    }
  }
  await write(deps.io.stdout, lines.join("\n") + "\n");
  return ExitCode.ok;
}
