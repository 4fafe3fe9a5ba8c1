// The local session commands as JSON operations, so `local serve` can offer them to SDK users under their own
// target prefix (`X-Amz-Target: VoiceIDLocal.StartSession`, spec §8.3) next to the 29 Voice ID operations.
import { ServiceError, type Document } from "../../engine.js";
import type { LocalContext } from "../context.js";
import { invalid } from "../service-errors.js";
import { deleteSession, describeSession, enrollSession, listSessions, startSession, updateSession, type StartSessionInput, type UpdateSessionInput } from "./manage.js";

export const LOCAL_TARGET_PREFIX = "VoiceIDLocal";

type Kind = "string" | "integer" | "boolean";

interface RemoteOperation {
  members: Record<string, Kind>;
  required: string[];
  run(ctx: LocalContext, input: Record<string, unknown>): Document;
}

const KEY: Record<string, Kind> = { DomainId: "string", SessionNameOrId: "string" };
const SETTINGS: Record<string, Kind> = { SpeakerId: "string", AcceptanceThreshold: "integer", RiskThreshold: "integer", WatchlistId: "string", AuthenticationMinimumSpeechInSeconds: "integer" };
const key = (i: Record<string, unknown>) => ({ DomainId: i.DomainId as string, SessionNameOrId: i.SessionNameOrId as string });

const OPERATIONS: Record<string, RemoteOperation> = {
  StartSession: {
    members: { DomainId: "string", SessionName: "string", AudioUri: "string", ChannelId: "integer", Authentication: "boolean", FraudDetection: "boolean", RealTime: "boolean", ...SETTINGS },
    required: ["DomainId", "AudioUri"],
    run: (ctx, i) => startSession(ctx, i as unknown as StartSessionInput),
  },
  UpdateSession: { members: { ...KEY, ...SETTINGS }, required: ["DomainId", "SessionNameOrId"], run: (ctx, i) => updateSession(ctx, i as unknown as UpdateSessionInput) },
  EnrollSession: { members: KEY, required: ["DomainId", "SessionNameOrId"], run: (ctx, i) => enrollSession(ctx, key(i)) },
  DescribeSession: { members: KEY, required: ["DomainId", "SessionNameOrId"], run: (ctx, i) => describeSession(ctx, key(i)) },
  ListSessions: { members: { DomainId: "string" }, required: ["DomainId"], run: (ctx, i) => listSessions(ctx, { DomainId: i.DomainId as string }) },
  DeleteSession: { members: KEY, required: ["DomainId", "SessionNameOrId"], run: (ctx, i) => deleteSession(ctx, key(i)) },
};

export function isSessionOperation(name: string): boolean {
  return Object.hasOwn(OPERATIONS, name);
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** Runs a session operation on a JSON body: unknown members ignored, wrong JSON types and missing members refused like the service. */
export function callSessionOperation(ctx: LocalContext, name: string, body: Record<string, unknown>): Document {
  const op = OPERATIONS[name];
  if (!op) throw new ServiceError("UnknownOperationException", `Unknown operation '${LOCAL_TARGET_PREFIX}.${name}'.`);
  const input = Object.create(null) as Record<string, unknown>;
  for (const [member, kind] of Object.entries(op.members)) {
    const v = body[member];
    if (v === undefined || v === null) continue;
    const ok = kind === "integer" ? typeof v === "number" : typeof v === kind;
    if (!ok) throw new ServiceError("SerializationException", `Expected a ${kind === "integer" ? "number" : kind} at '${member}'.`);
    input[member] = v;
  }
  const missing = op.required.filter((m) => input[m] === undefined);
  if (missing.length)
    throw invalid(`${missing.length} validation error${missing.length > 1 ? "s" : ""} detected: ${missing.map((m) => `Value null at '${lowerFirst(m)}' failed to satisfy constraint: Member must not be null`).join("; ")}`);
  // A client may read the server's store, not its files: an absolute path would let anyone who can reach the
  // server probe the machine ("not found" / "not a WAV"). `voice-id local start-session` still takes paths.
  if (typeof input.AudioUri === "string" && !input.AudioUri.startsWith("s3://"))
    throw invalid(`AudioUri '${input.AudioUri.slice(0, 1024)}' must be an s3:// URI of the server's store; local paths are taken only by \`voice-id local start-session\` on the server's machine.`);
  return op.run(ctx, input);
}
