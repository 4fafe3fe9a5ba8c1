// The global options as help, man pages and completion describe them.
// PROVISIONAL: the CLI spine's typed table (src/cli/global-options.ts) is the source of truth for
// names and types; this list follows issue 2 until that table lands, and is then read from it.

export interface GlobalOptionDoc {
  flag: string;
  type: "string" | "boolean" | "integer";
  choices?: string[];
  description: string;
}

export const globalOptionDocs: GlobalOptionDoc[] = [
  { flag: "--debug", type: "boolean", description: "Log what the command does to stderr: configuration, requests and responses. Secrets are redacted." },
  {
    flag: "--engine",
    type: "string",
    choices: ["local", "aws"],
    description:
      "Which engine answers: local (the default; state in $VOICE_ID_HOME) or aws (the real service through the AWS SDK). --endpoint-url and VOICE_ID_ENGINE=aws also select aws.",
  },
  { flag: "--endpoint-url", type: "string", description: "Send requests to this URL instead of the service's endpoint, e.g. a `voice-id local serve` address. Implies --engine aws." },
  { flag: "--no-verify-ssl", type: "boolean", description: "Do not verify TLS certificates (AWS engine). Only for testing." },
  { flag: "--no-paginate", type: "boolean", description: "Make one request to a list command and print that page, instead of fetching every page." },
  {
    flag: "--output",
    type: "string",
    choices: ["json", "text", "table", "yaml", "yaml-stream"],
    description: "How to print the response. Default json (or the output setting of the AWS profile).",
  },
  { flag: "--query", type: "string", description: "A JMESPath expression applied to the response before printing, e.g. Domain.DomainId." },
  { flag: "--profile", type: "string", description: "A profile of ~/.aws/config and ~/.aws/credentials to take region, output and credentials from (AWS engine)." },
  { flag: "--region", type: "string", description: "The AWS region, e.g. us-east-1. The local engine uses it in ARNs." },
  { flag: "--color", type: "string", choices: ["on", "off", "auto"], description: "Colour in output and messages: auto (the default) colours only on a terminal." },
  { flag: "--no-sign-request", type: "boolean", description: "Send requests unsigned, without loading credentials (AWS engine)." },
  { flag: "--ca-bundle", type: "string", description: "A PEM file of certificate authorities to trust for TLS (AWS engine)." },
  { flag: "--cli-read-timeout", type: "integer", description: "Seconds to wait for a response before giving up; 0 waits forever. Default 60." },
  { flag: "--cli-connect-timeout", type: "integer", description: "Seconds to wait for a connection; 0 waits forever. Default 60." },
];
