// `voice-id local demo`: the whole Voice ID story on the local engine in one command — synthesized call
// recordings put in the local s3 store, a domain, a fraudster registered, an enrollment job watched to the
// end, its description and output file printed — and the state left behind to explore.
import { readFileSync, writeFileSync } from "node:fs";
import { makeFolders } from "../../engine/local/make-folders.js";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import type { Deps } from "../../deps.js";
import type { Document } from "../../engine/engine.js";
import { ServiceError } from "../../engine/engine.js";
import { ExitCode } from "../../errors/index.js";
import { write } from "../../io/index.js";
import { checkedLocalRegion, REGION_OPTIONS, withRegionOptions } from "./store-paths.js";
import { parseArgsMessage } from "./parse-args-message.js";

const USAGE = `usage: voice-id local demo [--bucket <name>] [--region R] [--profile P]

Runs the whole story on the local store ($VOICE_ID_HOME, default ~/.voice-id): generates sample call
recordings (a small voice synthesizer: four customers and one fraudster), uploads them and two manifests
to s3://<bucket>/ (default voice-id-demo), creates a domain, registers the fraudster, enrolls the
customers (one call by the fraudster fails fraud screening, one is too short), prints the job and its
output file, and leaves everything in place with the commands to explore it.
`;

const ROLE = "arn:aws:iam::000000000000:role/voice-id-demo";

interface Step {
  say(text: string): Promise<void>;
}

/** An answer exactly as the command would print it in JSON: model order, the profile's timestamp format, TZ. */
async function printAsCommand(deps: Deps, operationName: string, document: Document): Promise<void> {
  const [{ emitDocument }, { operation }, { loadSettings }, { timestampFormatOf }] = await Promise.all([
    import("../../output/index.js"),
    import("../../model/index.js"),
    import("../../config/load.js"),
    import("../../config/index.js"),
  ]);
  const g = deps.globals ?? {};
  const timestampFormat = timestampFormatOf(loadSettings({ profile: g.profile }, deps.io.env, deps.io.homedir));
  await emitDocument({ io: deps.io, operation: operation(operationName)!, document, output: { format: "json", color: "off", timestampFormat } });
}

export const options = { bucket: { type: "string" }, ...REGION_OPTIONS, help: { type: "boolean", short: "h" } } as const;

export async function run(argv: string[], given: Deps): Promise<number> {
  let values: { bucket?: string; help?: boolean; region?: string; profile?: string };
  try {
    values = parseArgs({ args: argv, strict: true, allowPositionals: false, options }).values;
  } catch (err) {
    await write(given.io.stderr, `voice-id local demo: ${parseArgsMessage(err)}\n\n${USAGE}`);
    return ExitCode.usage;
  }
  const deps = withRegionOptions(given, values);
  if (values.help) {
    await write(deps.io.stdout, USAGE);
    return ExitCode.ok;
  }
  const bucket = values.bucket ?? "voice-id-demo";
  if (!/^[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9]$/.test(bucket)) {
    await write(deps.io.stderr, `voice-id local demo: '${bucket}' is not a valid bucket name (3-63 of a-z 0-9 . -)\n`);
    return ExitCode.usage;
  }
  const out: Step = { say: (text) => write(deps.io.stdout, text) };
  try {
    return await demo(deps, bucket, out);
  } catch (err) {
    if (err instanceof ServiceError) {
      const hint = err.code === "ServiceQuotaExceededException" ? "\n(the local store already holds 3 domains: try VOICE_ID_HOME=$(mktemp -d) voice-id local demo, or voice-id local reset --yes)" : "";
      await write(deps.io.stderr, `voice-id local demo: ${err.code}: ${err.message}${hint}\n`);
      return ExitCode.service;
    }
    throw err;
  }
}

async function demo(deps: Deps, bucket: string, out: Step): Promise<number> {
  const { LocalEngine, localSettings } = await import("../../engine/local/index.js");
  const { s3UriToPath } = await import("../../engine/local/s3-path.js");
  const { DEMO_VOICES, demoCall } = await import("./demo-voices.js");
  const { startSpinner, waitForJob } = await import("../wait/job-completed.js");
  const settings = localSettings(deps.io.env, checkedLocalRegion(deps)); // a domain in an unusable region would be out of reach
  const put = (key: string, body: Buffer | string) => {
    const path = s3UriToPath(settings, `s3://${bucket}/${key}`);
    makeFolders(dirname(path));
    writeFileSync(path, body);
    return `s3://${bucket}/${key}`;
  };
  const voice = (name: string) => DEMO_VOICES.find((v) => v.name === name)!;

  await out.say(`Local store: ${settings.home} (objects under ${settings.s3Root})\n\n`);
  await out.say(`1. Synthesizing sample call recordings (8 kHz, 16-bit PCM) into s3://${bucket}/calls/\n`);
  const calls: [string, Buffer][] = [
    ["calls/alice.wav", demoCall(voice("alice"), 38, "enroll")],
    ["calls/bruno.wav", demoCall(voice("bruno"), 38, "enroll")],
    ["calls/chen.wav", demoCall(voice("chen"), 38, "enroll")],
    ["calls/dana-short.wav", demoCall(voice("dana"), 12, "enroll")],
    ["calls/mallory-fraud-1.wav", demoCall(voice("mallory"), 38, "known-fraud")],
    ["calls/mallory-as-customer.wav", demoCall(voice("mallory"), 38, "posing")],
  ];
  for (const [key, wav] of calls) {
    put(key, wav);
    await out.say(`   s3://${bucket}/${key}  (${(wav.length / 16000).toFixed(1)} s)\n`);
  }
  const spec = (key: string) => [{ S3Uri: `s3://${bucket}/${key}`, ChannelId: 0 }];
  const fraudManifest = put(
    "manifests/fraudsters.json",
    `${JSON.stringify({ Version: "1.0", FraudsterRegistrationRequests: [{ RequestId: "fraud-mallory", AudioSpecifications: spec("calls/mallory-fraud-1.wav") }] }, null, 2)}\n`,
  );
  const enrollManifest = put(
    "manifests/enrollment.json",
    `${JSON.stringify(
      {
        Version: "1.0",
        SpeakerEnrollmentRequests: [
          { RequestId: "enroll-alice", SpeakerId: "alice", AudioSpecifications: spec("calls/alice.wav") },
          { RequestId: "enroll-bruno", SpeakerId: "bruno", AudioSpecifications: spec("calls/bruno.wav") },
          { RequestId: "enroll-chen", SpeakerId: "chen", AudioSpecifications: spec("calls/chen.wav") },
          { RequestId: "enroll-dana", SpeakerId: "dana", AudioSpecifications: spec("calls/dana-short.wav") },
          { RequestId: "enroll-mallory-posing", SpeakerId: "erin", AudioSpecifications: spec("calls/mallory-as-customer.wav") },
        ],
      },
      null,
      2,
    )}\n`,
  );
  await out.say(`   manifests: ${fraudManifest}, ${enrollManifest}\n\n`);

  const engine = LocalEngine.open({ settings });
  let domainId: string;
  try {
    const domain = (await engine.call("CreateDomain", { Name: "voice-id-demo", Description: "Created by voice-id local demo", ServerSideEncryptionConfiguration: { KmsKeyId: "alias/voice-id-demo" } })).Domain as Document;
    domainId = domain.DomainId as string;
    await out.say(`2. Created domain ${domainId} (default watchlist ${(domain.WatchlistDetails as Document).DefaultWatchlistId})\n\n`);
  } finally {
    engine.close();
  }

  const choice = { kind: "local" as const, open: async () => LocalEngine.open({ settings }) };
  const runJob = async (op: "StartFraudsterRegistrationJob" | "StartSpeakerEnrollmentJob", name: string, manifest: string) => {
    const e = LocalEngine.open({ settings });
    let job: Document;
    try {
      job = (await e.call(op, { DomainId: domainId, JobName: name, DataAccessRoleArn: ROLE, InputDataConfig: { S3Uri: manifest }, OutputDataConfig: { S3Uri: `s3://${bucket}/output` } })).Job as Document;
    } finally {
      e.close();
    }
    const jobId = job.JobId as string;
    const describe = op === "StartFraudsterRegistrationJob" ? "DescribeFraudsterRegistrationJob" : "DescribeSpeakerEnrollmentJob";
    await out.say(`   job ${jobId} ${String(job.JobStatus)}\n`);
    const spinner = await startSpinner(deps, `${name}: SUBMITTED 0%`);
    let last = "";
    const outcome = await waitForJob(choice, { command: "", waiter: "", operation: describe, label: name }, {
      domainId,
      jobId,
      delayMs: 150,
      maxAttempts: 4000,
      onPoll: (j) => {
        const line = `${String(j.JobStatus)} ${String((j.JobProgress as Document | undefined)?.PercentComplete ?? 0)}%`;
        if (spinner) spinner.update(`${name}: ${line}`);
        else if (line !== last) void out.say(`   ${line}\n`);
        last = line;
      },
    });
    if (spinner) {
      spinner.stop();
      await out.say(`   ${last}\n`); // the spinner line is gone; keep the final state on screen
    }
    return { jobId, outcome, describe };
  };

  await out.say(`3. Registering the known fraudster (StartFraudsterRegistrationJob)\n`);
  const reg = await runJob("StartFraudsterRegistrationJob", "demo-fraudsters", fraudManifest);
  await out.say(`\n4. Enrolling the customers (StartSpeakerEnrollmentJob); watching its progress\n`);
  const enr = await runJob("StartSpeakerEnrollmentJob", "demo-enrollment", enrollManifest);
  const e = LocalEngine.open({ settings });
  let job: Document;
  try {
    job = (await e.call("DescribeSpeakerEnrollmentJob", { DomainId: domainId, JobId: enr.jobId })).Job as Document;
  } finally {
    e.close();
  }
  await out.say(`\n5. The finished job (voice-id describe-speaker-enrollment-job):\n`);
  await printAsCommand(deps, "DescribeSpeakerEnrollmentJob", { Job: job });
  const outputUri = `s3://${bucket}/output/${enr.jobId}/enrollment.json.out`;
  if (enr.outcome.ok) {
    await out.say(`\n6. Its output file, ${outputUri}:\n${readFileSync(s3UriToPath(settings, outputUri), "utf8")}`);
  }
  const regOut = `s3://${bucket}/output/${reg.jobId}/fraudsters.json.out`;
  await out.say(`
Everything is still there. Explore it:
   voice-id list-speakers --domain-id ${domainId}
   voice-id describe-speaker --domain-id ${domainId} --speaker-id alice
   voice-id list-fraudsters --domain-id ${domainId}
   voice-id list-speaker-enrollment-jobs --domain-id ${domainId}
   voice-id describe-fraudster-registration-job --domain-id ${domainId} --job-id ${reg.jobId}
   voice-id local cp ${regOut} ./fraudsters.json.out
   voice-id local info
`);
  return enr.outcome.ok && reg.outcome.ok ? ExitCode.ok : ExitCode.other;
}
