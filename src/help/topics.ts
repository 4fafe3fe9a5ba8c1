// The help documents that are not one operation: the tool itself, `voice-id local`, `voice-id wait`.
import { localCommands } from "../cli/local/index.js";
import { waitCommands } from "../cli/wait/index.js";
import { extraCommands } from "../cli/extra-commands.js";
import { operations } from "../model/index.js";
import { def, para, pre, type HelpDoc } from "./doc.js";
import { environmentSection, exitStatusSection, globalOptionsSection } from "./common.js";

/** Flags every waiter takes (src/cli/wait/job-completed.ts parses them). */
export const waitFlags: { flag: string; value: boolean; required: boolean; description: string }[] = [
  { flag: "--domain-id", value: true, required: true, description: "The job's domain." },
  { flag: "--job-id", value: true, required: true, description: "The job, as Start...Job returned it in Job.JobId." },
  { flag: "--engine", value: true, required: false, description: "local (the default) or aws, as for the operations." },
  { flag: "--endpoint-url", value: true, required: false, description: "Poll the job through the AWS engine at this URL, e.g. a `voice-id local serve` address." },
  { flag: "--region", value: true, required: false, description: "The region, as for the operations." },
  { flag: "--profile", value: true, required: false, description: "The AWS profile, as for the operations." },
  { flag: "--no-sign-request", value: false, required: false, description: "Poll without signing the requests (AWS engine)." },
  { flag: "--no-verify-ssl", value: false, required: false, description: "Do not verify TLS certificates (AWS engine)." },
  { flag: "--debug", value: false, required: false, description: "Log what the waiter does to stderr." },
  { flag: "--ca-bundle", value: true, required: false, description: "Certificate authorities to trust for TLS (AWS engine), as for the operations." },
  { flag: "--cli-read-timeout", value: true, required: false, description: "Seconds to wait for each answer (default 60; 0 waits forever), as for the operations." },
  { flag: "--cli-connect-timeout", value: true, required: false, description: "Seconds to wait for a connection (default 60), as for the operations." },
];

const sentence = (t: string) => (/[.!?]$/.test(t) ? t : `${t}.`);

export function topDoc(): HelpDoc {
  return {
    name: "voice-id",
    command: "voice-id",
    summary: "the aws voice-id commands, with a local engine that outlives the retired service",
    sections: [
      {
        title: "DESCRIPTION",
        body: [
          para(
            "voice-id takes the same commands, flags and input as `aws voice-id` (all 29 operations of the Amazon Connect Voice ID API) and prints the same output. AWS ended Voice ID on 20 May 2026; voice-id keeps scripts, tests and training working after that date.",
          ),
          para(
            "Two engines answer the commands. The local engine (the default) keeps domains, speakers, fraudsters, watchlists and batch jobs in SQLite under $VOICE_ID_HOME, reads s3:// URIs from a local folder, and computes voiceprints from real 8 kHz WAV recordings. The AWS engine (--engine aws, or an endpoint URL) calls the service through the AWS SDK, e.g. a `voice-id local serve` endpoint or what remains of the real one.",
          ),
          para("Run `voice-id <command> help` for a command's options, or `man voice-id-<command>`."),
        ],
      },
      {
        title: "SYNOPSIS",
        body: [
          pre([
            "voice-id [global options] <command> [parameters]",
            "voice-id <command> help",
            "voice-id local <command> [options]",
            "voice-id wait <waiter> [options]",
            "voice-id completion bash|zsh|fish",
          ]),
        ],
      },
      {
        title: "AVAILABLE COMMANDS",
        body: [
          ...operations().map((op) => def(op.cliName, [para(op.summary)])),
          def("local", [para("Commands for the local engine only: a demo, the object store, sessions, the HTTP endpoint. See voice-id-local(1).")]),
          def("wait", [para("Wait for a batch job to end. See voice-id-wait(1).")]),
          ...extraCommands.map((c) => def(c.name, [para(sentence(c.summary))])),
          def("help", [para("Show this page; `voice-id <command> help` shows a command's page.")]),
        ],
      },
      globalOptionsSection(),
      environmentSection(),
      {
        title: "FILES",
        body: [
          def("~/.voice-id/voice-id.db", [para("The local engine's database (see VOICE_ID_HOME).")]),
          def("~/.voice-id/s3/", [para("The local engine's buckets: s3://bucket/key is s3/bucket/key (see VOICE_ID_S3_ROOT).")]),
          def("~/.aws/config, ~/.aws/credentials", [para("Profiles, regions and credentials, read as the AWS CLI reads them.")]),
        ],
      },
      {
        title: "SHELL COMPLETION",
        body: [
          para("Load completion for the current shell, or add the line to the shell's start-up file:"),
          pre(["source <(voice-id completion bash)        # bash", "source <(voice-id completion zsh)         # zsh", "voice-id completion fish | source          # fish"]),
        ],
      },
      exitStatusSection(),
      { title: "SEE ALSO", body: [para("voice-id-local(1), voice-id-wait(1), voice-id-<command>(1) for each command, aws(1)")] },
    ],
  };
}

export function localDoc(): HelpDoc {
  const commands = localCommands.map((c) => def(c.name, [para(sentence(c.summary))]));
  return {
    name: "voice-id-local",
    command: "voice-id local",
    summary: "commands for the local engine: demo, object store, audio checks, sessions, HTTP endpoint",
    sections: [
      {
        title: "DESCRIPTION",
        body: [
          para(
            "The `local` commands exist only in voice-id: they manage the local engine's state and stand in for what Amazon Connect did around the API (storing recordings in S3, streaming calls into sessions). They always use the local engine and never call AWS.",
          ),
          para("Run `voice-id local <command> help` (or `--help`) for a command's options."),
        ],
      },
      { title: "SYNOPSIS", body: [pre(["voice-id local <command> [options]"])] },
      {
        title: "COMMANDS",
        body: commands.length ? commands : [para("No local commands are installed in this build.")],
      },
      environmentSection(),
      exitStatusSection(),
      { title: "SEE ALSO", body: [para("voice-id(1), voice-id-wait(1)")] },
    ],
  };
}

export function waitDoc(): HelpDoc {
  return {
    name: "voice-id-wait",
    command: "voice-id wait",
    summary: "wait until a batch job has ended",
    sections: [
      {
        title: "DESCRIPTION",
        body: [
          para(
            "A waiter describes a job again and again until it leaves SUBMITTED and IN_PROGRESS. It exits with status 0 when the job ended COMPLETED or COMPLETED_WITH_ERRORS and 255 when it FAILED, printing after the AWS CLI's waiter message a line with the job's FailureDetails. It gives up after one hour (exit 255, saying the job is still running; the job runs on). On a terminal a spinner on stderr shows the job's progress; in pipes nothing is printed.",
          ),
        ],
      },
      { title: "SYNOPSIS", body: [pre(["voice-id wait <waiter> --domain-id <value> --job-id <value> [options]"])] },
      { title: "WAITERS", body: waitCommands.map((w) => def(w.name, [para(sentence(w.summary))])) },
      {
        title: "OPTIONS",
        body: waitFlags.map((f) => def(`${f.flag}${f.value ? " (string)" : ""}${f.required ? " [required]" : ""}`, [para(f.description)])),
      },
      {
        title: "EXAMPLES",
        body: [pre(["voice-id wait speaker-enrollment-job-completed --domain-id $DOMAIN --job-id $JOB"])],
      },
      exitStatusSection(),
      { title: "SEE ALSO", body: [para("voice-id(1), voice-id-describe-speaker-enrollment-job(1), voice-id-describe-fraudster-registration-job(1)")] },
    ],
  };
}
