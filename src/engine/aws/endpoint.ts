// Which endpoint the AWS CLI would call, apart from the AWS engine: choosing the engine needs it on every
// command, the SDK-backed engine only when it runs.

/** The endpoint the AWS CLI would use: --endpoint-url, then AWS_ENDPOINT_URL_VOICE_ID, then AWS_ENDPOINT_URL. */
export function endpointFor(flag: string | undefined, env: Record<string, string | undefined>): string | undefined {
  return flag || env.AWS_ENDPOINT_URL_VOICE_ID || env.AWS_ENDPOINT_URL || undefined;
}
