// The global options, with the AWS CLI's names and meanings (plus --engine): one typed table that
// the parser, help, man pages and completion all read.
import type { ArgAction } from "./argparse.js";
import { checkEndpointFlag } from "../engine/aws/endpoint.js";

export interface GlobalOption extends ArgAction {
  flag: string;
  /** How help shows the value. */
  valueType: "string" | "boolean" | "integer";
  description: string;
}

export const globalOptions: GlobalOption[] = [
  { flag: "--debug", dest: "debug", nargs: 0, valueType: "boolean", description: "Log what the command does to stderr: configuration, requests and responses. Secrets are redacted." },
  { flag: "--engine", dest: "engine", choices: ["local", "aws"], valueType: "string", description: "Which engine answers: local (the default; state in $VOICE_ID_HOME) or aws (the real service through the AWS SDK). --endpoint-url and VOICE_ID_ENGINE=aws also select aws." },
  { flag: "--endpoint-url", dest: "endpointUrl", valueType: "string", description: "Send requests to this URL instead of the service's endpoint, e.g. a `voice-id local serve` address. Implies --engine aws." },
  { flag: "--no-verify-ssl", dest: "noVerifySsl", nargs: 0, valueType: "boolean", description: "Do not verify TLS certificates (AWS engine). Only for testing." },
  { flag: "--no-paginate", dest: "noPaginate", nargs: 0, valueType: "boolean", description: "Make one request to a list command and print that page, instead of fetching every page." },
  { flag: "--output", dest: "output", choices: ["json", "text", "table", "yaml", "yaml-stream", "off"], valueType: "string", description: "How to print the response; off prints nothing (a script that only needs the exit code). Default json (or the output setting of the AWS profile)." },
  { flag: "--query", dest: "query", valueType: "string", description: "A JMESPath expression applied to the response before printing, e.g. Domain.DomainId." },
  { flag: "--profile", dest: "profile", valueType: "string", description: "A profile of ~/.aws/config and ~/.aws/credentials to take region, output and credentials from (AWS engine)." },
  { flag: "--region", dest: "region", valueType: "string", description: "The AWS region, e.g. us-east-1. The local engine uses it in ARNs." },
  { flag: "--version", dest: "version", nargs: 0, valueType: "boolean", description: "Print the version and exit." },
  { flag: "--color", dest: "color", choices: ["on", "off", "auto"], valueType: "string", description: "Colour in table output: on always (even when redirected), off never, auto (the default) only on a terminal." },
  { flag: "--no-sign-request", dest: "noSignRequest", nargs: 0, valueType: "boolean", description: "Send requests unsigned, without loading credentials (AWS engine)." },
  { flag: "--ca-bundle", dest: "caBundle", valueType: "string", description: "A PEM file of certificate authorities to trust for TLS (AWS engine)." },
  { flag: "--cli-read-timeout", dest: "readTimeout", valueType: "integer", description: "Seconds to wait for a response before giving up; 0 waits forever. Default 60." },
  { flag: "--cli-connect-timeout", dest: "connectTimeout", valueType: "integer", description: "Seconds to wait for a connection; 0 waits forever. Default 60." },
  { flag: "--cli-binary-format", dest: "binaryFormat", choices: ["base64", "raw-in-base64-out"], valueType: "string", description: "Accepted for compatibility with the AWS CLI; Voice ID has no binary parameters." },
  { flag: "--cli-error-format", dest: "errorFormat", choices: ["legacy", "enhanced", "json", "yaml", "text", "table"], valueType: "string", description: "How a service error is printed on stderr: legacy (the default here, and in AWS CLI v2 before 2026: An error occurred (Code) when calling …), enhanced (the same with an [ERROR] prefix and the error's details), or the error's Code, Message and details as json, yaml, text or table. Also AWS_CLI_ERROR_FORMAT and the profile's cli_error_format." },
  { flag: "--no-cli-pager", dest: "noCliPager", nargs: 0, valueType: "boolean", description: "Never page help output." },
  { flag: "--cli-auto-prompt", dest: "cliAutoPrompt", nargs: 0, valueType: "boolean", description: "Accepted for compatibility with the AWS CLI; voice-id does not prompt." },
  { flag: "--no-cli-auto-prompt", dest: "noCliAutoPrompt", nargs: 0, valueType: "boolean", description: "Accepted for compatibility with the AWS CLI; voice-id does not prompt." },
  { flag: "--help", dest: "help", nargs: 0, valueType: "boolean", description: "Show help for the command." },
];

/** The global options once parsed. */
export interface GlobalArgs {
  debug: boolean;
  engine?: "local" | "aws";
  endpointUrl?: string;
  noVerifySsl: boolean;
  noPaginate: boolean;
  output?: string;
  query?: string;
  profile?: string;
  region?: string;
  version: boolean;
  color?: "on" | "off" | "auto";
  noSignRequest: boolean;
  caBundle?: string;
  /** As given; converted with Python's int() when used (a bad value exits 255, as in the AWS CLI). */
  readTimeout?: string;
  connectTimeout?: string;
  noCliPager: boolean;
  /** --cli-error-format, as given (the environment and profile are consulted when an error is printed). */
  errorFormat?: string;
  help: boolean;
}

export function toGlobalArgs(values: Map<string, unknown>): GlobalArgs {
  const g = Object.fromEntries(values) as Partial<GlobalArgs>;
  return {
    ...g,
    debug: g.debug === true,
    noVerifySsl: g.noVerifySsl === true,
    noPaginate: g.noPaginate === true,
    version: g.version === true,
    noSignRequest: g.noSignRequest === true,
    noCliPager: g.noCliPager === true,
    help: g.help === true,
  };
}

/** What the AWS CLI checks as soon as the global options are parsed, before any command runs (globalargs.py). */
export function checkGlobalArgs(globals: GlobalArgs): void {
  checkEndpointFlag(globals.endpointUrl);
}
