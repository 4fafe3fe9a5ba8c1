// Parameter validation messages: the AWS CLI's exact lines for its own checks, every problem at once,
// full parameter paths; the model's maxima and enums in the same style.
import { describe, expect, it } from "vitest";
import { inputProblems, validationMessage } from "../../../src/validate/params.js";

const check = (op: string, params: unknown) => inputProblems(op, `${op}Request`, params);

describe("inputProblems", () => {
  it.each([
    ["DescribeDomain", {}, ['Missing required parameter in input: "DomainId"']],
    ["TagResource", { ResourceArn: "arn:aws:voiceid:us-east-1:123456789012:domain/abcdefghijklmnopqrstuv", Tags: [{ Key: "umber" }] }, ['Missing required parameter in Tags[0]: "Value"']],
    ["CreateWatchlist", { DomainId: "abcdefghijklmnopqrstuv", Name: "n", Tags: [] }, ['Unknown parameter in input: "Tags", must be one of: ClientToken, Description, DomainId, Name']],
    ["CreateDomain", { Name: "n", ServerSideEncryptionConfiguration: { KmsKeyId: 12345 } }, ["Invalid type for parameter ServerSideEncryptionConfiguration.KmsKeyId, value: 12345, type: <class 'int'>, valid types: <class 'str'>"]],
    ["CreateDomain", { Name: "n", ServerSideEncryptionConfiguration: { KmsKeyId: "k", Algorithm: "AES" } }, ['Unknown parameter in ServerSideEncryptionConfiguration: "Algorithm", must be one of: KmsKeyId']],
    ["CreateDomain", { Name: "n", ServerSideEncryptionConfiguration: { KmsKeyId: "k" }, ClientToken: "" }, ["Invalid length for parameter ClientToken, value: 0, valid min length: 1"]],
    ["ListDomains", { MaxResults: 0 }, ["Invalid value for parameter MaxResults, value: 0, valid min value: 1"]],
    ["UntagResource", { ResourceArn: "arn:aws:voiceid:us-east-1:123456789012:domain/abcdefghijklmnopqrstuv", TagKeys: ["willow", 7] }, ["Invalid type for parameter TagKeys[1], value: 7, type: <class 'int'>, valid types: <class 'str'>"]],
    ["UpdateWatchlist", { DomainId: "abcdefghijklmnopqrstuv", WatchlistId: "abcdefghijklmnopqrstuv", Description: Buffer.from("Kelp") }, ["Invalid type for parameter Description, value: b'Kelp', type: <class 'bytes'>, valid types: <class 'str'>"]],
    ["StartSpeakerEnrollmentJob", {
      DomainId: "abcdefghijklmnopqrstuv", DataAccessRoleArn: "arn:aws:iam::123456789012:role/r", InputDataConfig: { S3Uri: "s3://b/k" }, OutputDataConfig: { S3Uri: "s3://b/o" },
      EnrollmentConfig: { FraudDetectionConfig: { RiskThreshold: "40" } },
    }, ["Invalid type for parameter EnrollmentConfig.FraudDetectionConfig.RiskThreshold, value: 40, type: <class 'str'>, valid types: <class 'int'>"]],
    ["DescribeDomain", { DomainId: null }, ["Invalid type for parameter DomainId, value: None, type: <class 'NoneType'>, valid types: <class 'str'>"]],
    ["CreateDomain", { Name: "n", ServerSideEncryptionConfiguration: "KmsKeyId" }, ["Invalid type for parameter ServerSideEncryptionConfiguration, value: KmsKeyId, type: <class 'str'>, valid types: <class 'dict'>"]],
    ["TagResource", { ResourceArn: "arn:aws:voiceid:us-east-1:123456789012:domain/abcdefghijklmnopqrstuv", Tags: { Key: "a", Value: "b" } }, ["Invalid type for parameter Tags, value: {'Key': 'a', 'Value': 'b'}, type: <class 'dict'>, valid types: <class 'list'>, <class 'tuple'>"]],
  ])("%s %j", (op, params, expected) => {
    expect(check(op, params)).toEqual(expected);
  });

  it("reports every problem, nested paths included, in the order the parameters were given", () => {
    const problems = check("StartFraudsterRegistrationJob", {
      DomainId: "abcdefghijklmnopqrstuv",
      InputDataConfig: {},
      OutputDataConfig: { S3Uri: "s3://b/o", Extra: 1 },
      RegistrationConfig: { WatchlistIds: [], FraudsterSimilarityThreshold: -1 },
    });
    expect(problems).toEqual([
      'Missing required parameter in input: "DataAccessRoleArn"',
      'Missing required parameter in InputDataConfig: "S3Uri"',
      'Unknown parameter in OutputDataConfig: "Extra", must be one of: KmsKeyId, S3Uri',
      "Invalid length for parameter RegistrationConfig.WatchlistIds, value: 0, valid min length: 1",
      "Invalid value for parameter RegistrationConfig.FraudsterSimilarityThreshold, value: -1, valid min value: 0",
    ]);
  });

  it("spells values parsed from JSON as the AWS CLI's OrderedDicts", async () => {
    const { parsePyJson } = await import("../../../src/input/pyjson.js");
    const config = parsePyJson('{"KmsKeyId": {"a": [1, true, null]}}');
    expect(check("CreateDomain", { Name: "n", ServerSideEncryptionConfiguration: config })).toEqual([
      "Invalid type for parameter ServerSideEncryptionConfiguration.KmsKeyId, value: OrderedDict([('a', [1, True, None])]), type: <class 'collections.OrderedDict'>, valid types: <class 'str'>",
    ]);
  });

  it("lets true through for an integer, as the AWS CLI does", () => {
    expect(check("ListDomains", { MaxResults: true })).toEqual([]);
  });

  it("checks maxima and enums that the AWS CLI leaves to the service, in the same style", () => {
    expect(check("ListSpeakers", { DomainId: "abcdefghijklmnopqrstuv", MaxResults: 101 })).toEqual([
      "Invalid value for parameter MaxResults, value: 101, valid max value: 100",
    ]);
    expect(check("ListSpeakerEnrollmentJobs", { DomainId: "abcdefghijklmnopqrstuv", JobStatus: "completed" })).toEqual([
      "Invalid value for parameter JobStatus, value: completed, valid values: SUBMITTED, IN_PROGRESS, COMPLETED, COMPLETED_WITH_ERRORS, FAILED",
    ]);
    expect(check("DescribeDomain", { DomainId: "a".repeat(25) })).toEqual(["Invalid length for parameter DomainId, value: 25, valid max length: 22"]);
  });

  it("leaves patterns to the service (the AWS CLI sends such values)", () => {
    expect(check("TagResource", { ResourceArn: "arn:aws:voiceid:us-east-1:123456789012:domain/abcdefghijklmnopqrstuv", Tags: [{ Key: "a,b", Value: "x\\ y" }] })).toEqual([]);
  });

  it("words the whole message like the AWS CLI", () => {
    expect(validationMessage(["a", "b"])).toBe("Parameter validation failed:\na\nb");
  });
});
