// The seam between the CLI (or the HTTP server) and whatever answers Voice ID calls.

export interface CallContext {
  /** Debug log sink (stderr under --debug); never given secrets. */
  debug?: (message: string) => void;
  signal?: AbortSignal;
}

/** Input and output documents use the model's member names; timestamps in outputs are Date objects. */
export type Document = Record<string, unknown>;

export interface Engine {
  readonly kind: "local" | "aws";
  call(operation: string, params: Document, ctx?: CallContext): Promise<Document>;
  close?(): void | Promise<void>;
}

/** An error answered by the service, with the model's error code and its typed members (ResourceType, ConflictType). */
export class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fields: Record<string, unknown> = {},
    /** Attempts made when retries gave up (AWS engine), for the AWS CLI's "(reached max retries: N)". */
    readonly retriesExhausted?: number,
  ) {
    super(message);
    this.name = "ServiceError";
  }
}
