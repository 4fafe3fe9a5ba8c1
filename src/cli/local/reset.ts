// `voice-id local reset --yes`: wipes the local store (every resource, job and token, and the default s3 root).
import { existsSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Deps } from "../../deps.js";
import { ExitCode } from "../../errors/index.js";
import { write } from "../../io/index.js";
import { fail, storePaths } from "./store-paths.js";
import { parseArgsMessage } from "./parse-args-message.js";

const USAGE = `usage: voice-id local reset --yes

Deletes every domain, watchlist, fraudster, speaker, job and remembered client token of the local store,
and the objects under $VOICE_ID_HOME/s3. A folder given by VOICE_ID_S3_ROOT is yours and is left alone.
Processes using the store at the same time (local serve, job workers) keep working on the empty store.
`;

export const options = { yes: { type: "boolean" }, help: { type: "boolean", short: "h" } } as const;

export async function run(argv: string[], deps: Deps): Promise<number> {
  let values: { yes?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, strict: true, allowPositionals: false, options }));
  } catch (err) {
    return fail(deps, "reset", `${parseArgsMessage(err)}\n\n${USAGE}`, ExitCode.usage);
  }
  if (values.help) {
    await write(deps.io.stdout, USAGE);
    return ExitCode.ok;
  }
  const { settings, dbFile, exists } = storePaths(deps);
  if (!values.yes) return fail(deps, "reset", `this deletes everything in ${settings.home}; run again with --yes to confirm.`, ExitCode.usage);

  if (exists) {
    const { openDatabase, compact } = await import("../../engine/local/store/db.js");
    const { inTransaction } = await import("../../engine/local/store/tx.js");
    const db = openDatabase(dbFile);
    try {
      // Rows, not files: other processes holding the database open stay consistent.
      inTransaction({ db }, () => {
        db.pragma("defer_foreign_keys = ON");
        const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
        for (const t of tables) db.exec(`DELETE FROM "${t.replace(/"/g, '""')}"`);
      });
      compact(db); // the space back, unless another process is using the file (the rows are gone anyway)
    } finally {
      db.close();
    }
  }
  const defaultS3 = join(settings.home, "s3");
  const ownsS3 = resolve(settings.s3Root) === resolve(defaultS3);
  if (ownsS3 && existsSync(defaultS3)) rmSync(defaultS3, { recursive: true, force: true });
  await write(
    deps.io.stdout,
    `reset: ${exists ? `emptied ${dbFile}` : "no database yet"}${ownsS3 ? `; removed ${defaultS3}` : `; left ${settings.s3Root} (VOICE_ID_S3_ROOT) untouched`}\n`,
  );
  return ExitCode.ok;
}
