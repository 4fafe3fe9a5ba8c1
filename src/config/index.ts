// Settings resolved like the AWS CLI: command-line flag > environment > config file (~/.aws/config or
// AWS_CONFIG_FILE, the chosen profile) > default. Pure functions over their inputs.
import { join } from "node:path";
import { CliError, ExitCode } from "../errors/index.js";

export type Ini = Record<string, Record<string, string>>;

/** A line Python's configparser (botocore's reader) would refuse; the AWS CLI then stops every command. */
export class IniSyntaxError extends Error {
  constructor(readonly line: number) {
    super(`line ${line} is not a [section], a key = value or a comment, or repeats a section or a key`);
    this.name = "IniSyntaxError";
  }
}

/**
 * Parses an AWS config/credentials file as botocore does (Python's configparser): [sections] of `key = value` (or
 * `key: value`); comments with # or ;. A line indented deeper than the key above it continues that key's value;
 * when that value was empty, the lines are botocore's nested form (`voice_id =` / `  endpoint_url = …` in a
 * [services …] section), stored as "key.sub". Any other line, indented or not, is a header or a key. Keys are
 * lower-cased (configparser's optionxform: `Region = …` is region). Anything else (a key before the first section,
 * `[default` without its bracket, a line with no `=`, a section or a key given twice: configparser's strict mode)
 * throws IniSyntaxError.
 */
export function parseIni(text: string): Ini {
  const out: Ini = Object.create(null);
  const headers = new Set<string>(); // as written: configparser compares headers untrimmed ([profile x ] is another)
  let section: Record<string, string> | undefined;
  let keys = new Set<string>(); // the section's own keys, apart from the nested ones stored as "key.sub"
  let option: string | undefined; // the key whose value a deeper-indented line continues
  let optionIndent = 0;
  let nested = false; // that value was empty: its lines are `sub = value`
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n]!;
    const line = raw.trim();
    if (!line || line.startsWith("#") || line.startsWith(";")) continue;
    const indent = raw.length - raw.trimStart().length;
    if (section && option !== undefined && indent > optionIndent) {
      if (nested) {
        const eq = line.indexOf("="); // botocore splits nested lines on '=' alone
        if (eq <= 0) throw new IniSyntaxError(n + 1);
        section[`${option}.${line.slice(0, eq).trim()}`] = line.slice(eq + 1).trim();
      }
      continue;
    }
    optionIndent = indent;
    // configparser's section pattern: anchored at the start only, so "[default] # note" is [default]
    const head = /^\[(.+)\]/.exec(line);
    if (head) {
      const written = head[1]!;
      const isDefault = written === "DEFAULT"; // configparser's defaults section may come back
      if (headers.has(written) && !isDefault) throw new IniSyntaxError(n + 1);
      headers.add(written);
      const name = sectionName(written);
      // two headers that botocore reads as one profile ([profile x], [profile  x]): the later one wins
      section = isDefault && out[name] ? out[name] : (out[name] = Object.create(null));
      keys = new Set(isDefault ? Object.keys(section!) : []);
      option = undefined;
      continue;
    }
    const eq = line.search(/[=:]/);
    if (!section || eq <= 0) throw new IniSyntaxError(n + 1);
    option = line.slice(0, eq).trim().toLowerCase();
    if (keys.has(option)) throw new IniSyntaxError(n + 1);
    keys.add(option);
    const value = line.slice(eq + 1).trim();
    section[option] = value;
    nested = value === "";
  }
  // configparser gives every section the [DEFAULT] section's keys it does not set itself
  const defaults = out["DEFAULT"];
  if (defaults) {
    for (const [name, keys] of Object.entries(out)) {
      if (name !== "DEFAULT") out[name] = Object.assign(Object.create(null), defaults, keys);
    }
  }
  return out;
}

/**
 * A header as botocore names it: `profile`, `services` and `sso-session` headers are split into words (shlex), so
 * `[profile  x ]` is profile x; any other header is taken as written (`[default ]` is not [default]).
 */
function sectionName(written: string): string {
  const words = shellWords(written);
  return words?.length === 2 && ["profile", "services", "sso-session"].includes(words[0]!) ? `${words[0]} ${words[1]}` : written;
}

/** shlex.split's words: blanks part them, quotes ('…', "…") group; undefined for an unclosed quote. */
function shellWords(text: string): string[] | undefined {
  const words: string[] = [];
  const re = /\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))/gy;
  let word = "";
  let inWord = false;
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length !== m[0].trimStart().length && inWord) (words.push(word), (word = ""));
    word += m[1] ?? m[2] ?? m[3] ?? "";
    inWord = true;
    at = re.lastIndex;
  }
  if (text.slice(at).trim()) return undefined; // an unclosed quote
  if (inWord) words.push(word);
  return words;
}

export function configFilePath(env: Record<string, string | undefined>, homedir: string): string {
  return env.AWS_CONFIG_FILE || join(homedir, ".aws", "config");
}

export function credentialsFilePath(env: Record<string, string | undefined>, homedir: string): string {
  return env.AWS_SHARED_CREDENTIALS_FILE || join(homedir, ".aws", "credentials");
}

/** The profile in use and whether the user named it (flag or environment). */
export function profileName(flag: string | undefined, env: Record<string, string | undefined>): { name: string; explicit: boolean } {
  const named = flag ?? env.AWS_PROFILE ?? env.AWS_DEFAULT_PROFILE;
  return { name: named || "default", explicit: Boolean(named) };
}

/** A profile's section of the config file ([default] or [profile name]). */
export function profileSection(config: Ini, name: string): Record<string, string> | undefined {
  return name === "default" ? (config["default"] ?? config["profile default"]) : config[`profile ${name}`];
}

export interface SettingsInput {
  flags: { region?: string; output?: string; profile?: string };
  env: Record<string, string | undefined>;
  config: Ini;
  credentials: Ini;
}

/** Endpoints the config file sets for Voice ID (botocore's configured endpoints). */
export interface ConfiguredEndpoints {
  /** `endpoint_url` under `voice_id` in the profile's [services …] section. */
  service?: string;
  /** The profile's own `endpoint_url`, for every service. */
  global?: string;
  /** The profile's `ignore_configured_endpoint_urls = true`. */
  ignore?: boolean;
}

export interface Settings {
  profile: string;
  configuredEndpoints: ConfiguredEndpoints;
  /** The profile gets its credentials from a `credential_process` command. */
  credentialProcess: boolean;
  /** The profile's `ca_bundle`. */
  caBundle?: string;
  /** The profile's `retry_mode` and `max_attempts`, as written. */
  retryMode?: string;
  maxAttempts?: string;
  /** The profile's `cli_timestamp_format`, as written (see timestampFormatOf). */
  timestampFormat?: string;
  /** AWS_CLI_ERROR_FORMAT or the profile's cli_error_format, as written (main's error printer checks it). */
  errorFormat?: string;
  /** The named profile exists in neither file. */
  profileMissing: boolean;
  region?: string;
  output: string;
}

/**
 * How timestamps print, from the profile's cli_timestamp_format: iso8601 (the default) or wire. The AWS CLI
 * refuses any other value for every command, with this message (a ValueError: exit 255).
 */
export function timestampFormatOf(settings: Pick<Settings, "timestampFormat">): "iso8601" | "wire" {
  const value = settings.timestampFormat ?? "iso8601";
  if (value === "iso8601" || value === "wire") return value;
  throw new CliError(`Unknown cli_timestamp_format value: ${value}, valid values are "wire" or "iso8601"`, ExitCode.other);
}

export function resolveSettings({ flags, env, config, credentials }: SettingsInput): Settings {
  const { name, explicit } = profileName(flags.profile, env);
  const section = profileSection(config, name) ?? {};
  const profileMissing = explicit && !profileSection(config, name) && !credentials[name];
  const services = section.services ? config[`services ${section.services}`] : undefined;
  return {
    profile: name,
    configuredEndpoints: {
      service: services?.["voice_id.endpoint_url"] || undefined,
      global: section.endpoint_url || undefined,
      ignore: section.ignore_configured_endpoint_urls?.toLowerCase() === "true",
    },
    credentialProcess: Boolean(section.credential_process),
    caBundle: section.ca_bundle || undefined,
    // kept when empty: botocore converts an empty value too, and refuses it
    retryMode: section.retry_mode,
    maxAttempts: section.max_attempts,
    timestampFormat: section.cli_timestamp_format,
    errorFormat: env.AWS_CLI_ERROR_FORMAT || section.cli_error_format || undefined,
    profileMissing,
    region: flags.region || env.AWS_REGION || env.AWS_DEFAULT_REGION || section.region || undefined,
    output: flags.output || env.AWS_DEFAULT_OUTPUT || section.output || "json",
  };
}

/** A region must be a host label (botocore utils.validate_region_name): not all digits, no leading or trailing `-`. */
const REGION_NAME = /^(?![0-9]+$)(?!-)[a-zA-Z0-9-]{0,63}(?<!-)$/;

/** botocore's check of the region as it makes a client, for either engine (the local one puts it in ARNs); 255. */
export function checkRegionName(region: string | undefined): void {
  if (region !== undefined && !REGION_NAME.test(region)) {
    throw new CliError(`Provided region_name '${region}' doesn't match a supported format.`, ExitCode.other);
  }
}
