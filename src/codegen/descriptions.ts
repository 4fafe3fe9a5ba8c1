// Our own words for the help text, man pages and schema descriptions (the model's prose is AWS's).
// Keyed by operation name, and by member name (or "Shape.Member" where a name means two things).

export const operationSummaries: Record<string, string> = {
  AssociateFraudster: "Adds an existing fraudster to one more watchlist of the same domain.",
  CreateDomain:
    "Creates a domain, the container for speakers, fraudsters, watchlists and jobs. A default watchlist comes with it.",
  CreateWatchlist: "Creates a watchlist of fraudsters in a domain, beside the domain's default watchlist.",
  DeleteDomain: "Deletes a domain. Its data stays recoverable for a while; the domain becomes SUSPENDED.",
  DeleteFraudster: "Deletes a fraudster and removes it from every watchlist.",
  DeleteSpeaker: "Deletes a speaker and the voiceprint enrolled for it.",
  DeleteWatchlist: "Deletes an empty watchlist. The default watchlist cannot be deleted.",
  DescribeDomain: "Shows a domain: name, status, encryption settings and timestamps.",
  DescribeFraudster: "Shows a fraudster and the watchlists it belongs to.",
  DescribeFraudsterRegistrationJob: "Shows a fraudster registration job: status, progress, configuration and failure details.",
  DescribeSpeaker: "Shows a speaker by its customer id or generated id.",
  DescribeSpeakerEnrollmentJob: "Shows a speaker enrollment job: status, progress, configuration and failure details.",
  DescribeWatchlist: "Shows a watchlist.",
  DisassociateFraudster: "Removes a fraudster from one watchlist; it must stay on at least one.",
  EvaluateSession: "Reports the authentication and fraud-detection results of a call session.",
  ListDomains: "Lists the domains of the account.",
  ListFraudsterRegistrationJobs: "Lists the fraudster registration jobs of a domain, optionally by status.",
  ListFraudsters: "Lists the fraudsters of a domain, or of one of its watchlists.",
  ListSpeakerEnrollmentJobs: "Lists the speaker enrollment jobs of a domain, optionally by status.",
  ListSpeakers: "Lists the speakers of a domain.",
  ListTagsForResource: "Lists the tags of a domain.",
  ListWatchlists: "Lists the watchlists of a domain.",
  OptOutSpeaker:
    "Opts a speaker out of Voice ID: its voiceprint is deleted and it can no longer be enrolled. Works for unknown speakers too.",
  StartFraudsterRegistrationJob:
    "Starts a batch job that registers fraudsters from call recordings listed in a manifest.",
  StartSpeakerEnrollmentJob: "Starts a batch job that enrolls speakers from call recordings listed in a manifest.",
  TagResource: "Adds tags to a domain, or replaces the values of tags it already has.",
  UntagResource: "Removes tags from a domain.",
  UpdateDomain: "Changes a domain's name, description or encryption key. Omitted optional values are cleared.",
  UpdateWatchlist: "Changes a watchlist's name or description.",
};

export const memberDescriptions: Record<string, string> = {
  AcceptanceThreshold: "Minimum score (0-100) for a caller to be accepted as the claimed speaker.",
  Arn: "The Amazon Resource Name of the domain.",
  AudioAggregationEndedAt: "When the audio used for the result stopped being collected.",
  AudioAggregationStartedAt: "When the audio used for the result started being collected.",
  AuthenticationResult: "Whether the caller is the speaker they claim to be.",
  AuthenticationResultId: "Identifier of this authentication result.",
  ClientToken: "A string of your choice that makes retries safe: a repeated request with the same token returns the first result. Generated when omitted.",
  Configuration: "The thresholds used to reach the decision.",
  CreatedAt: "When the resource was created.",
  CustomerSpeakerId: "Your own identifier of the speaker.",
  DataAccessRoleArn: "IAM role that lets the service read the input and write the output in S3. Recorded but not used by the local engine.",
  Decision: "The outcome.",
  "AuthenticationResult.Decision":
    "ACCEPT or REJECT when the score could be compared with the threshold; otherwise why it could not (NOT_ENOUGH_SPEECH, SPEAKER_NOT_ENROLLED, SPEAKER_OPTED_OUT, SPEAKER_EXPIRED, SPEAKER_ID_NOT_PROVIDED).",
  "FraudDetectionResult.Decision": "HIGH_RISK when a risk reached its threshold, LOW_RISK otherwise, NOT_ENOUGH_SPEECH when there was too little audio.",
  DefaultWatchlist: "Whether this is the domain's default watchlist.",
  DefaultWatchlistId: "The watchlist used when none is named.",
  Description: "Free text describing the resource.",
  Domain: "The domain.",
  DomainId: "Identifier of the domain (22 letters and digits).",
  DomainStatus: "ACTIVE, PENDING or SUSPENDED.",
  DomainSummaries: "The domains.",
  DuplicateRegistrationAction: "What to do when the voice is already a registered fraudster: SKIP it (the default) or REGISTER_AS_NEW anyway.",
  EndedAt: "When the job finished.",
  EnrollmentConfig: "How enrollment treats speakers that are already enrolled, and how it screens for fraud.",
  ExistingEnrollmentAction: "What to do with a speaker that is already enrolled: SKIP it (the default) or OVERWRITE its voiceprint with the new audio.",
  FailureDetails: "Why the job failed, when it did.",
  FraudDetectionAction: "What to do when a voice looks like a fraudster: FAIL the request (the default) or IGNORE the match and enroll anyway.",
  FraudDetectionConfig: "Fraud screening applied while enrolling.",
  FraudDetectionResult: "How likely the caller is a known fraudster.",
  FraudDetectionResultId: "Identifier of this fraud-detection result.",
  Fraudster: "The fraudster.",
  FraudsterId: "Identifier of the fraudster (id# followed by 22 letters and digits).",
  FraudsterSimilarityThreshold: "Minimum similarity (0-100) for a new voice to count as an already registered fraudster. The local engine uses 90 when omitted.",
  FraudsterSummaries: "The fraudsters.",
  GeneratedFraudsterId: "The fraudster's identifier, generated by the service.",
  GeneratedSpeakerId: "The speaker's identifier, generated by the service.",
  InputDataConfig: "Where the job reads its manifest.",
  "InputDataConfig.S3Uri": "S3 URI of the job's JSON manifest.",
  "OutputDataConfig.S3Uri": "S3 URI of the folder the job writes its output file under.",
  Job: "The job.",
  JobId: "Identifier of the job (22 letters and digits).",
  JobName: "A name of your choice for the job.",
  JobProgress: "How far the job has got.",
  JobStatus: "SUBMITTED, IN_PROGRESS, COMPLETED, COMPLETED_WITH_ERRORS or FAILED.",
  "ListSpeakerEnrollmentJobsRequest.JobStatus": "Only list jobs in this status.",
  "ListFraudsterRegistrationJobsRequest.JobStatus": "Only list jobs in this status.",
  JobSummaries: "The jobs.",
  Key: "The tag's key.",
  KmsKeyId: "Identifier of the KMS key that encrypts the domain's data.",
  "OutputDataConfig.KmsKeyId": "KMS key for the output file. Recorded but not applied by the local engine.",
  KnownFraudsterRisk: "Risk that the caller is a fraudster on the watchlist.",
  LastAccessedAt: "When the speaker last called.",
  MaxResults: "The most items to return in one page (at most 100; at most 10 for ListDomains).",
  Message: "What went wrong.",
  "FailureDetails.Message": "Why the whole job failed.",
  "ServerSideEncryptionUpdateDetails.Message": "Why the latest change of key failed, when it did.",
  Name: "The resource's name (letters, digits, _ and -).",
  NextToken: "Opaque token from a previous page, to get the next one; present in a response when more items remain.",
  OldKmsKeyId: "The key used before the latest change of key.",
  OutputDataConfig: "Where the job writes its output file, and the KMS key for it.",
  PercentComplete: "Share of the job's requests that are done, 0-100.",
  Reasons: "Why the caller was flagged: KNOWN_FRAUDSTER, VOICE_SPOOFING.",
  RegistrationConfig: "How registration treats duplicates, and which watchlist receives the fraudsters.",
  ResourceArn: "The Amazon Resource Name of the domain.",
  RiskDetails: "The risks found.",
  RiskScore: "Risk score, 0-100.",
  RiskThreshold: "Minimum risk score (0-100) at which a voice counts as a fraudster. The local engine uses 50 when omitted.",
  S3Uri: "An S3 URI.",
  Score: "Similarity between the caller and the claimed speaker, 0-100.",
  ServerSideEncryptionConfiguration: "The KMS key that encrypts the domain's data.",
  ServerSideEncryptionUpdateDetails: "Progress of the latest change of encryption key.",
  SessionId: "Identifier of the session (id# followed by 22 letters and digits).",
  SessionName: "Name of the session.",
  SessionNameOrId: "The session's name or identifier.",
  Speaker: "The speaker.",
  SpeakerId: "The speaker: your CustomerSpeakerId, or the GeneratedSpeakerId (id# followed by 22 letters and digits).",
  SpeakerSummaries: "The speakers.",
  Status: "The speaker's state: ENROLLED, EXPIRED (no call for three years), OPTED_OUT or PENDING (known but not enrolled).",
  StatusCode: "HTTP-style status code of the failure.",
  StreamingStatus: "Whether audio of the session is still being streamed.",
  TagKeys: "Keys of the tags to remove.",
  Tags: "Tags (key/value pairs).",
  UpdateStatus: "IN_PROGRESS, COMPLETED or FAILED.",
  UpdatedAt: "When the resource last changed.",
  Value: "The tag's value.",
  VoiceSpoofingRisk: "Risk that the voice is synthetic or replayed.",
  Watchlist: "The watchlist.",
  WatchlistDetails: "Watchlist settings of the domain: which watchlist is its default.",
  WatchlistId: "Identifier of the watchlist (22 letters and digits).",
  "AssociateFraudsterRequest.WatchlistId": "The watchlist to add the fraudster to.",
  "DisassociateFraudsterRequest.WatchlistId": "The watchlist to remove the fraudster from.",
  "ListFraudstersRequest.WatchlistId": "Only list the fraudsters on this watchlist; every fraudster of the domain when omitted.",
  "FraudDetectionConfiguration.WatchlistId": "The watchlist the caller was screened against.",
  WatchlistIds: "Identifiers of the watchlists the fraudster is on.",
  "EnrollmentJobFraudDetectionConfig.WatchlistIds":
    "The one watchlist to screen speakers against; the domain's default watchlist when omitted.",
  "RegistrationConfig.WatchlistIds": "The one watchlist that receives the new fraudsters; the domain's default watchlist when omitted.",
  WatchlistSummaries: "The watchlists.",
};

/** Error shapes, in our words, for the man pages' ERRORS section. */
export const errorDescriptions: Record<string, string> = {
  AccessDeniedException: "The caller may not do this (IAM or KMS permission).",
  ConflictException: "The resource's state does not allow this now; ConflictType says why.",
  InternalServerException: "The service failed unexpectedly; retrying may help.",
  ResourceNotFoundException: "A resource named in the request does not exist; ResourceType says which kind.",
  ServiceQuotaExceededException: "A quota (domains, watchlists, fraudsters, active jobs) would be exceeded.",
  ThrottlingException: "Too many requests; slow down and retry.",
  ValidationException: "The request does not meet the API's constraints.",
};

/**
 * Further paragraphs for the DESCRIPTION section of `voice-id <operation> help` and the man pages
 * (not written into schemas/). What a newcomer needs beyond the one-line summary, and where the
 * local engine makes a choice the retired service never documented.
 */
export const operationDetails: Record<string, string[]> = {
  AssociateFraudster: [
    "A fraudster can be on several watchlists of its domain. Associating it with a watchlist it is already on succeeds and changes nothing. A watchlist holds at most 500 fraudsters.",
  ],
  CreateDomain: [
    "Every other resource lives in a domain. An account has at most three domains in a region, deleted (SUSPENDED) ones included. The domain comes with a default watchlist, whose id is in WatchlistDetails.DefaultWatchlistId.",
    "The local engine records the KMS key id but encrypts nothing; any non-empty id is accepted.",
  ],
  CreateWatchlist: [
    "A domain has at most three watchlists, its default watchlist included. Fraud screening (in sessions and in enrollment jobs) checks callers against one watchlist at a time.",
  ],
  DeleteDomain: [
    "The domain stays visible as SUSPENDED and keeps counting toward the quota until it is purged. Writes to a suspended domain fail with a ConflictException (DOMAIN_NOT_ACTIVE).",
  ],
  DeleteFraudster: ["The fraudster's voiceprint is deleted with it."],
  DeleteSpeaker: [
    "Deleting is also the way to enroll an opted-out speaker again: delete it first, then enroll it as new.",
  ],
  DeleteWatchlist: ["Remove (disassociate) its fraudsters first; a watchlist that still holds fraudsters cannot be deleted."],
  DescribeDomain: [],
  DescribeFraudster: [],
  DescribeFraudsterRegistrationJob: [
    "Poll it, or run `voice-id wait fraudster-registration-job-completed`, until Job.JobStatus is COMPLETED, COMPLETED_WITH_ERRORS or FAILED; then read the output file under OutputDataConfig.S3Uri/JobId/.",
  ],
  DescribeSpeaker: [
    "SpeakerId accepts either the id you chose (CustomerSpeakerId) or the one the service generated (id#...).",
  ],
  DescribeSpeakerEnrollmentJob: [
    "Poll it, or run `voice-id wait speaker-enrollment-job-completed`, until Job.JobStatus is COMPLETED, COMPLETED_WITH_ERRORS or FAILED; then read the output file under OutputDataConfig.S3Uri/JobId/.",
  ],
  DescribeWatchlist: [],
  DisassociateFraudster: [
    "A fraudster must stay on at least one watchlist: removing it from its last one fails with a ConflictException; delete the fraudster instead.",
  ],
  EvaluateSession: [
    "In the retired service a session was a live call streamed by Amazon Connect. The local engine has no calls: start a session from a recording with the `voice-id local` session commands, then evaluate it here.",
    "A result is missing when its feature is turned off for the session. Without enough speech the decision is NOT_ENOUGH_SPEECH and no score is given.",
  ],
  ListDomains: [],
  ListFraudsterRegistrationJobs: ["Newest jobs come first."],
  ListFraudsters: [],
  ListSpeakerEnrollmentJobs: ["Newest jobs come first."],
  ListSpeakers: [],
  ListTagsForResource: ["Only domains carry tags; ResourceArn is the domain's Arn as DescribeDomain shows it."],
  ListWatchlists: [],
  OptOutSpeaker: [
    "An unknown CustomerSpeakerId creates an opted-out speaker, so that a caller who refused consent is never enrolled later. Opting out twice succeeds.",
  ],
  StartFraudsterRegistrationJob: [
    "The manifest is a JSON file: {\"Version\": \"1.0\", \"FraudsterRegistrationRequests\": [{\"RequestId\": ..., \"AudioSpecifications\": [{\"S3Uri\": ..., \"ChannelId\": 0}]}]}, at most 500 requests. Each request's recordings (8 kHz, 16-bit PCM WAV) must hold at least 30 seconds of speech between them.",
    "The job starts as SUBMITTED and runs in the background; each voice that matches an existing fraudster of the domain closely enough is skipped unless DuplicateRegistrationAction is REGISTER_AS_NEW. Results go to <OutputDataConfig.S3Uri>/<JobId>/<manifest file name>.out.",
    "Locally, s3://bucket/key is the file $VOICE_ID_HOME/s3/bucket/key (or $VOICE_ID_S3_ROOT/bucket/key); put files there with `voice-id local cp`. The role ARN must look like an IAM role ARN but is not checked further.",
  ],
  StartSpeakerEnrollmentJob: [
    "The manifest is a JSON file: {\"Version\": \"1.0\", \"SpeakerEnrollmentRequests\": [{\"RequestId\": ..., \"SpeakerId\": <your CustomerSpeakerId>, \"AudioSpecifications\": [{\"S3Uri\": ..., \"ChannelId\": 0}]}]}, at most 10,000 requests. Each request's recordings (8 kHz, 16-bit PCM WAV, at most 10 files of 20 MB) must hold at least 30 seconds of speech between them.",
    "The job starts as SUBMITTED and runs in the background. A request that fails (too little speech, unreadable audio, failed fraud screening, opted-out speaker) does not stop the others: the job ends COMPLETED_WITH_ERRORS and the output file lists the failures. Results go to <OutputDataConfig.S3Uri>/<JobId>/<manifest file name>.out.",
    "Locally, s3://bucket/key is the file $VOICE_ID_HOME/s3/bucket/key (or $VOICE_ID_S3_ROOT/bucket/key); put files there with `voice-id local cp`. The role ARN must look like an IAM role ARN but is not checked further.",
  ],
  TagResource: ["A domain holds at most 200 tags; keys starting with aws: are reserved."],
  UntagResource: ["Keys the domain does not have are ignored."],
  UpdateDomain: [
    "Name and ServerSideEncryptionConfiguration must always be given; an omitted Description is cleared. Changing the key starts a re-encryption whose progress shows in ServerSideEncryptionUpdateDetails; no other key change is accepted until it ends.",
  ],
  UpdateWatchlist: ["Only the values you give change. The default watchlist cannot be updated."],
};

/** Worked examples for the EXAMPLES section: a sentence, then the command (values are made up). */
export const operationExamples: Record<string, { text: string; command: string }[]> = {
  CreateDomain: [
    {
      text: "Create a domain; the key id is recorded by the local engine and used by the AWS engine.",
      command: "voice-id create-domain --name contact-center --server-side-encryption-configuration KmsKeyId=alias/voice-id",
    },
  ],
  CreateWatchlist: [
    {
      text: "Add a second watchlist to a domain.",
      command: "voice-id create-watchlist --domain-id $DOMAIN --name known-scams --description 'Callers from the May incident'",
    },
  ],
  DescribeSpeaker: [
    {
      text: "Show a speaker by the id your application uses for the customer.",
      command: "voice-id describe-speaker --domain-id $DOMAIN --speaker-id customer-42",
    },
  ],
  EvaluateSession: [
    {
      text: "Ask for the results of a session, printing only the two decisions.",
      command:
        "voice-id evaluate-session --domain-id $DOMAIN --session-name-or-id call-0001 --query '[AuthenticationResult.Decision, FraudDetectionResult.Decision]' --output text",
    },
  ],
  ListSpeakers: [
    {
      text: "List every speaker of a domain as a table (all pages are fetched).",
      command: "voice-id list-speakers --domain-id $DOMAIN --output table",
    },
  ],
  StartFraudsterRegistrationJob: [
    {
      text: "Register the voices listed in a manifest as fraudsters on the default watchlist.",
      command:
        "voice-id start-fraudster-registration-job --domain-id $DOMAIN --data-access-role-arn arn:aws:iam::000000000000:role/voice-id --input-data-config S3Uri=s3://calls/fraud.json --output-data-config S3Uri=s3://calls/out",
    },
  ],
  StartSpeakerEnrollmentJob: [
    {
      text: "Enroll the speakers of a manifest, overwriting earlier enrollments, then wait for the job.",
      command:
        "JOB=$(voice-id start-speaker-enrollment-job --domain-id $DOMAIN --data-access-role-arn arn:aws:iam::000000000000:role/voice-id --input-data-config S3Uri=s3://calls/enroll.json --output-data-config S3Uri=s3://calls/out --enrollment-config ExistingEnrollmentAction=OVERWRITE --query Job.JobId --output text)\nvoice-id wait speaker-enrollment-job-completed --domain-id $DOMAIN --job-id $JOB",
    },
  ],
  TagResource: [
    {
      text: "Tag a domain (the ARN is in describe-domain's output).",
      command: "voice-id tag-resource --resource-arn $ARN --tags Key=team,Value=fraud Key=env,Value=test",
    },
  ],
};
