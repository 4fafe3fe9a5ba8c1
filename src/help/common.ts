// Sections every help page shares: global options, environment, exit status.
import { bullets, def, para, type Block, type Section } from "./doc.js";
import { globalOptionDocs } from "./globals.js";

export function globalOptionsSection(): Section {
  return {
    title: "GLOBAL OPTIONS",
    body: globalOptionDocs.map((g) => {
      const body: Block[] = [para(g.description)];
      if (g.choices) body.push(para("Possible values:"), bullets(g.choices));
      return def(`${g.flag} (${g.type})`, body);
    }),
  };
}

/** The global options as SYNOPSIS lines: "[--debug]", "[--output <value>]". */
export function globalSynopsis(): string[] {
  return globalOptionDocs.map((g) => (g.type === "boolean" ? `[${g.flag}]` : `[${g.flag} <value>]`));
}

export const exitCodes: [number, string][] = [
  [0, "Success. For `voice-id wait`: the job ended COMPLETED or COMPLETED_WITH_ERRORS."],
  [130, "Interrupted (Ctrl-C)."],
  [252, "The command line or the parameters are wrong: unknown command or option, an --endpoint-url without a scheme, bad shorthand or JSON, a file:// that cannot be read, a missing, unknown or wrongly typed parameter, a value outside the model's lengths, limits or allowed values. Nothing was sent. (A value that breaks a pattern is sent, as by the AWS CLI, and answered with a ValidationException: 254.)"],
  [253, "Configuration problem: no credentials, no region, an unusable local store."],
  [254, "The service (or the local engine) answered with an error, e.g. ResourceNotFoundException."],
  [255, "Anything else, including an unknown profile (\"The config profile (name) could not be found\", as in AWS CLI v2), an endpoint that cannot be used, reached or does not answer in time, and `voice-id wait` seeing the job FAILED."],
];

export function exitStatusSection(): Section {
  return { title: "EXIT STATUS", body: exitCodes.map(([code, text]) => def(String(code), [para(text)])) };
}

export const environment: [string, string][] = [
  ["VOICE_ID_HOME", "Where the local engine keeps its state: voice-id.db (SQLite) and s3/<bucket>/<key> for objects. Default ~/.voice-id."],
  ["VOICE_ID_S3_ROOT", "A folder holding the local engine's buckets instead of $VOICE_ID_HOME/s3: s3://calls/a.wav reads $VOICE_ID_S3_ROOT/calls/a.wav, so recordings need no copying."],
  ["VOICE_ID_ENGINE", "local (the default) or aws; --engine overrides it."],
  ["VOICE_ID_ACCOUNT_ID", "The 12-digit account id the local engine puts in ARNs. Default 000000000000."],
  ["VOICE_ID_DOMAIN_RETENTION_DAYS", "Days a deleted (SUSPENDED) domain is kept before the local engine purges it. Default 30."],
  ["AWS_ENDPOINT_URL_VOICE_ID, AWS_ENDPOINT_URL", "Endpoint for the AWS engine (the first wins); setting one selects the AWS engine, as --endpoint-url does."],
  ["AWS_REGION, AWS_DEFAULT_REGION", "Region, when --region is not given (then the profile's region; the local engine falls back to us-east-1)."],
  ["AWS_PROFILE", "Profile of ~/.aws/config and ~/.aws/credentials, when --profile is not given."],
  ["AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN", "Credentials for the AWS engine, before the profile and the rest of the SDK's provider chain."],
  ["AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE", "Other places for the AWS config and credentials files."],
  ["AWS_CA_BUNDLE", "Certificate authorities to trust, when --ca-bundle is not given."],
  ["AWS_PAGER, PAGER", "Pager for help pages on a terminal (AWS_PAGER wins; set it empty to print without paging). Output is never paged in pipes."],
];

export function environmentSection(): Section {
  return { title: "ENVIRONMENT", body: environment.map(([name, text]) => def(name, [para(text)])) };
}
