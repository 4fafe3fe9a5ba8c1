// The service's identifier formats (spec §4.7): ARNs, generated speaker/fraudster ids, hour-truncated times.
import type { LocalContext, LocalSettings } from "./context.js";

/** GeneratedSpeakerId / GeneratedFraudsterId / SessionId: `id#` + 22 alphanumerics. */
export const GENERATED_ID = /^id#[a-zA-Z0-9]{22}$/;

/** A new `id#…` identifier from the context's (injectable) id source. */
export function newGeneratedId(ctx: LocalContext): string {
  return `id#${ctx.newId()}`;
}

/** arn:aws:voiceid:<region>:<account>:domain/<DomainId> (spec §4.7, §9 #38). */
export function domainArn(settings: LocalSettings, domainId: string): string {
  return `arn:aws:voiceid:${settings.region}:${settings.account}:domain/${domainId}`;
}

/** The DomainId of a domain ARN, or undefined when the ARN names no domain. */
export function domainIdOfArn(arn: string): string | undefined {
  return /^arn:aws(-[^:]+)?:voiceid:[^:]*:[0-9]{12}:domain\/([a-zA-Z0-9]{22})$/.exec(arn)?.[2];
}

const HOUR_MS = 3_600_000;
/** LastAccessedAt is "accurate to one hour" (spec §4.4, §9 #25): store and show it truncated. */
export function truncateToHour(ms: number): number {
  return Math.floor(ms / HOUR_MS) * HOUR_MS;
}
