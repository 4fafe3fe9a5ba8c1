// Batch-job manifest schemas (spec §1): the file's envelope, whose violations fail the whole job, and
// one request, whose violations fail only that request. Limits come from the service's quotas (§6.4).

const S3_URI = "^s3://[a-z0-9][\\.\\-a-z0-9]{1,61}[a-z0-9](/.*)?$";
const CUSTOMER_SPEAKER_ID = "^[a-zA-Z0-9][a-zA-Z0-9_-]*$";

const audioSpecifications = {
  type: "array",
  description: "The call recordings of this request; their speech is pooled.",
  minItems: 1,
  maxItems: 10,
  items: {
    type: "object",
    properties: {
      S3Uri: { type: "string", pattern: S3_URI, maxLength: 1024, description: "Location of a .wav file." },
      ChannelId: { type: "integer", enum: [0, 1], description: "Channel holding the caller's voice." },
    },
    required: ["S3Uri", "ChannelId"],
    // Unknown members are ignored here as in the envelope and the request (spec §9 #36): a misspelt required
    // member is still caught, as missing.
  },
};

function envelope(listKey: string, maxRequests: number, title: string) {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title,
    description: `${title}: the envelope. A violation here fails the whole job.`,
    type: "object",
    properties: {
      Version: { const: "1.0", description: "Manifest format version; only 1.0 exists." },
      [listKey]: { type: "array", minItems: 1, maxItems: maxRequests, description: "The requests, each checked on its own." },
    },
    required: ["Version", listKey],
  };
}

function request(title: string, withSpeaker: boolean) {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title,
    description: `${title}. A violation here fails only this request (ErrorCode 400).`,
    type: "object",
    properties: {
      RequestId: { type: "string", minLength: 1, description: "Unique within the manifest; echoed in the output." },
      ...(withSpeaker
        ? {
            SpeakerId: {
              type: "string",
              minLength: 1,
              maxLength: 256,
              pattern: CUSTOMER_SPEAKER_ID,
              description: "The customer's own speaker id (generated id# values are not accepted).",
            },
          }
        : {}),
      AudioSpecifications: audioSpecifications,
    },
    required: withSpeaker ? ["RequestId", "SpeakerId", "AudioSpecifications"] : ["RequestId", "AudioSpecifications"],
  };
}

export function buildManifestSchemas(): Record<string, unknown> {
  return {
    "speaker-enrollment.json": envelope("SpeakerEnrollmentRequests", 10_000, "Speaker enrollment manifest"),
    "speaker-enrollment-request.json": request("Speaker enrollment request", true),
    "fraudster-registration.json": envelope("FraudsterRegistrationRequests", 500, "Fraudster registration manifest"),
    "fraudster-registration-request.json": request("Fraudster registration request", false),
  };
}
