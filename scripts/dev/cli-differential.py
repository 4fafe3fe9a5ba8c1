#!/usr/bin/env python3
"""Differential run of tricky command lines through the real AWS CLI v2 (Debian's awscli, fed the
Voice ID model from ../shared/reference) and through bin/voice-id.js, both against the conformance
recorder; prints every difference in exit code, requests, stdout and stderr (program names aside).
Dev tool: needs /usr/bin/aws (AWS CLI v2) and ../shared. Run from the repo root."""
import json, sys, os, re, shutil, tempfile
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "..", "shared", "conformance"))
import check
from concurrent.futures import ThreadPoolExecutor
D = "abcdefghijklmnopqrstuv"
ARN = "arn:aws:voiceid:us-east-1:123456789012:domain/" + D
J = ["start-speaker-enrollment-job", "--domain-id", D, "--data-access-role-arn", "arn:aws:iam::123456789012:role/r", "--input-data-config", "S3Uri=s3://b/k", "--output-data-config", "S3Uri=s3://b/o"]
cases = [
  (["describe-domain", "--domain", D], {}),
  (["describe-domain", "--d", D], {}),
  (["describe-domain", "--domain-id=" + D, "--region=eu-west-1"], {}),
  (["describe-domain", "--domain-id", D, "extra"], {}),
  (["describe-domain", "extra", "--domain-id", D], {}),
  (["describe-domain", "--domain-id", D, "help"], {}),
  (["describe-domain", "--domain-id", D, "--", "x"], {}),
  (["describe-domain", "--domain-id", "-5"], {}),
  (["describe-domain", "--domain-id", "-x y"], {}),
  (["describe-domain", "--domain-id", D, "--reg", "eu-west-1"], {}),
  (["describe-domain", "--domain-id", D, "--no"], {}),
  (["describe-domain", "--domain-id", D, "--debug=yes"], {}),
  (["describe-domain", "--domain-id", D, "--output", "yaml-stream"], {}),
  (["describe-domain", "--domain-id", D, "--color", "blue"], {}),
  (["describe-domain", "--domain-id", D, "--cli-read-timeout", "x"], {}),
  (["describe-domain", "--domain-id", D, "--generate-cli-skeleton", "xml"], {}),
  (["describe-domain", "--generate-cli-skeleton=input"], {}),
  (["describe-domain", "--cli-input-json", '{"DomainId": null}'], {}),
  (["describe-domain", "--cli-input-json", '"x"'], {}),
  (["describe-domain", "--cli-input-json", '{"DomainId": "' + D + '", "DomainId2": 1}'], {}),
  (["describe-domain", "--cli-input-yaml", "DomainId: " + D], {}),
  (["describe-domain", "--cli-input-yaml", "DomainId: [1"], {}),
  (["describe-domain", "--cli-input-yaml", "- a"], {}),
  (["describe-domain", "--cli-input-json=" + '{"DomainId": "' + D + '"}'], {}),
  (["describe-domain", "--domain-id", "file://dir"], {"dir/x": "1"}),
  (["describe-domain", "--domain-id", "file://bad.txt"], {}),
  (["describe-domain", "--domain-id", "fileb://id.txt"], {"id.txt": D}),
  (["describe-domain", "--domain-id", ""], {}),
  (["describe-domain"], {}),
  (["list-domains", "--max-results", "5.0"], {}),
  (["list-domains", "--max-results", " 7 "], {}),
  (["list-domains", "--max-results", "1_0"], {}),
  (["list-domains", "--max-results", "fileb://n.txt"], {"n.txt": "12"}),
  (["list-domains", "--max-results", "-3"], {}),
  (["list-domains", "--page-size", "x"], {}),
  (["list-domains", "--max-items", "2", "--starting-token", "abc", "--no-paginate"], {}),
  (["list-domains", "--max-results", "3", "--page-size", "2"], {}),
  (["list-domains", "--next-token", "t", "--starting-token", "x", "--max-items", "1"], {}),
  (["list-domains", "--cli-input-json", '{"MaxResults": "3"}'], {}),
  (["list-domains", "--cli-input-json", '{"MaxResults": 3.5}'], {}),
  (["list-domains", "--cli-input-json", '{"MaxResults": 3}', "--max-items", "1"], {}),
  (["list-domains", "--generate-cli-skeleton", "yaml-input"], {}),
  (["list-domains", "--generate-cli-skeleton", "output", "--output", "table"], {}),
  (["list-domains", "--generate-cli-skeleton", "output", "--query", "DomainSummaries[0].Name"], {}),
  (["tag-resource", "--resource-arn", ARN, "--tags", '{"Key": "a", "Value": "b"}', '{"Key": "c", "Value": "d"}'], {}),
  (["tag-resource", "--resource-arn", ARN, "--tags", '{"Key": "a", "Value": "b"}', "Key=c,Value=d"], {}),
  (["tag-resource", "--resource-arn", ARN, "--tags", "Key=a,Value=b", '{"Key": "c", "Value": "d"}'], {}),
  (["tag-resource", "--resource-arn", ARN, "--tags"], {}),
  (["tag-resource", "--resource-arn", ARN, "--tags", "file://t.txt"], {"t.txt": "Key=a,Value=b"}),
  (["tag-resource", "--resource-arn", ARN, "--tags", "Key=a,Value=b,Key=c"], {}),
  (["tag-resource", "--resource-arn", ARN, "--tags", "Key=a,Value=[b,c]"], {}),
  (["tag-resource", "--resource-arn", ARN, "--tags", "Key=a,Value={b=c}"], {}),
  (["tag-resource", "--resource-arn", ARN, "--tags", "Key=a,Value=b", "--tags", "Key=c,Value=d"], {}),
  (["tag-resource", "--resource-arn", ARN, "--tags", " Key=a"], {}),
  (["tag-resource", "--resource-arn", ARN, "--tags", "[]"], {}),
  (["tag-resource", "--resource-arn", ARN, "--tags", "[{}]"], {}),
  (["untag-resource", "--resource-arn", ARN, "--tag-keys", "file://k.txt"], {"k.txt": "abc"}),
  (["untag-resource", "--resource-arn", ARN, "--tag-keys", "a", "--tag-keys", "b", "c"], {}),
  (["untag-resource", "--resource-arn", ARN, "--tag-keys", '{"a": 1}'], {}),
  (["untag-resource", "--resource-arn", ARN, "--tag-keys=x"], {}),
  (["create-domain", "--name", "n", "--server-side-encryption-configuration", "KmsKeyId=k", "--client-token", "t", "--tags", "Key=a"], {}),
  (["create-domain", "--name", "n", "--server-side-encryption-configuration", "KmsKeyId=k,KmsKeyId=j"], {}),
  (["create-domain", "--name", "n", "--server-side-encryption-configuration", "fileb://s.json"], {"s.json": '{"KmsKeyId": "k"}'}),
  (["create-domain", "--name", "n", "--server-side-encryption-configuration", "file://s.json"], {"s.json": 'KmsKeyId=k'}),
  (["create-domain", "--name", "n", "--server-side-encryption-configuration", "{}"], {}),
  (["create-domain", "--name", "n", "--server-side-encryption-configuration", "KmsKeyId="], {}),
  (["create-domain", "--name", "n", "--server-side-encryption-configuration", '{"KmsKeyId": "k"} x'], {}),
  (["create-domain", "--name", "n", "--server-side-encryption-configuration", "{'KmsKeyId': 'k'}"], {}),
  (["create-domain", "--name", "n", "--server-side-encryption-configuration", '{"KmsKeyId": "\\q"}'], {}),
  (["create-domain", "--cli-input-json", '{"Name": "n", "ServerSideEncryptionConfiguration": {"KmsKeyId": "k"}, "Tags": {"Key": "a"}}'], {}),
  (["create-domain", "--cli-input-json", '{"Name": 1, "ServerSideEncryptionConfiguration": {"KmsKeyId": [1]}, "Tags": [{"Key": "", "Value": 2}, 3]}'], {}),
  (J + ["--enrollment-config", "FraudDetectionConfig={RiskThreshold=5.5}"], {}),
  (J + ["--enrollment-config", "FraudDetectionConfig={RiskThreshold=[1,2]}"], {}),
  (J + ["--enrollment-config", "FraudDetectionConfig={WatchlistIds=w}"], {}),
  (J + ["--enrollment-config", "FraudDetectionConfig=abc"], {}),
  (J + ["--enrollment-config", "ExistingEnrollmentAction=[SKIP]"], {}),
  (J + ["--enrollment-config", "FraudDetectionConfig={RiskThreshold= 07 }"], {}),
  (J + ["--generate-cli-skeleton", "output", "--output", "text"], {}),
  (J + ["--generate-cli-skeleton", "output", "--output", "yaml"], {}),
  (["evaluate-session", "--domain-id", D, "--session-name-or-id", "s", "--generate-cli-skeleton", "output", "--output", "table"], {}),
  (["list-speakers", "--domain-id", D, "--max-items", "0"], {}),
  (["describe-speakerr", "--domain-id", D], {}),
  (["--domain-id", D, "describe-domain"], {}),
  # values, JSON and YAML details, pagination switches, files
  (["describe-domain", "--domain-id", '{"a": 1}'], {}),
  (["create-domain", "--name", "n", "--server-side-encryption-configuration", '{"KmsKeyId": NaN}'], {}),
  (["create-domain", "--name", "n", "--server-side-encryption-configuration", '{"KmsKeyId": 1e400}'], {}),
  (["create-domain", "--name", "n", "--server-side-encryption-configuration", '{"KmsKeyId": 12345678901234567890}'], {}),
  (["create-domain", "--name", "n", "--server-side-encryption-configuration", '{"KmsKeyId": 1.5}'], {}),
  (["create-domain", "--name", "n", "--server-side-encryption-configuration", '{"KmsKeyId": ["a"]}'], {}),
  (["create-domain", "--name", "n", "--server-side-encryption-configuration", '{"KmsKeyId": {"a": [1, true, null]}}'], {}),
  (["create-domain", "--name", "n", "--server-side-encryption-configuration", '{"KmsKeyId": "\u00e9\n"}'], {}),
  (["create-domain", "--name", "n", "--server-side-encryption-configuration", '{"KmsKeyId": "k",}'], {}),
  (["create-domain", "--name", "n", "--server-side-encryption-configuration", '{"KmsKeyId" "k"}'], {}),
  (["create-domain", "--name", "n", "--server-side-encryption-configuration", '{"KmsKeyId": "k\\x"}'], {}),
  (["create-domain", "--name", "n", "--server-side-encryption-configuration", '{"KmsKeyId": "k'], {}),
  (["create-domain", "--name", "n", "--server-side-encryption-configuration", '{\n"KmsKeyId": tru}'], {}),
  (["create-domain", "--name", "n", "--server-side-encryption-configuration", "KmsKeyId=k", "--tags", "[", "]"], {}),
  (["create-domain", "--name", "n", "--server-side-encryption-configuration", "KmsKeyId=k", "--tags", "Key=a,Value=b", "Key=é,Value='x y'"], {}),
  (["create-domain", "--name", "", "--server-side-encryption-configuration", "KmsKeyId=", "--description", "", "--client-token", ""], {}),
  (["create-domain", "--cli-input-json", '{"Name": "n", "ServerSideEncryptionConfiguration": {}, "Extra": 1, "Tags": [{"Key": "a"}]}', "--name", "m"], {}),
  (["create-domain", "--cli-input-yaml", "Name: n\nServerSideEncryptionConfiguration:\n  KmsKeyId: k\nTags:\n- Key: a\n  Value: 2021-01-01\n"], {}),
  (["create-domain", "--cli-input-yaml", "Name: yes\nServerSideEncryptionConfiguration:\n  KmsKeyId: 0x10\n"], {}),
  (["create-domain", "--cli-input-yaml", ""], {}),
  (["create-domain", "--cli-input-json", ""], {}),
  (["create-domain", "--cli-input-json", "file://in.json", "--cli-input-yaml", "Name: y"], {"in.json": '{"Name": "x", "ServerSideEncryptionConfiguration": {"KmsKeyId": "k"}}'}),
  (["create-domain", "--cli-input-json", "fileb://in.json"], {"in.json": '{"Name": "x", "ServerSideEncryptionConfiguration": {"KmsKeyId": "k"}}'}),
  (["start-fraudster-registration-job", "--cli-input-json", '{"DomainId": "' + D + '", "RegistrationConfig": {"WatchlistIds": "w", "FraudsterSimilarityThreshold": "5"}}'], {}),
  (["start-fraudster-registration-job", "--domain-id", D, "--data-access-role-arn", "a", "--input-data-config", "S3Uri=x", "--output-data-config", "S3Uri=y", "--registration-config", "WatchlistIds=[],FraudsterSimilarityThreshold=-1,DuplicateRegistrationAction=nope"], {}),
  (["start-fraudster-registration-job", "--domain-id", D, "--data-access-role-arn", "a", "--input-data-config", "S3Uri=x", "--output-data-config", "S3Uri=y", "--registration-config", "WatchlistIds=a,b"], {}),
  (["start-fraudster-registration-job", "--domain-id", D, "--data-access-role-arn", "a", "--input-data-config", "S3Uri=x", "--output-data-config", "S3Uri=y", "--registration-config", "WatchlistIds=a,b,FraudsterSimilarityThreshold=1"], {}),
  (["list-speakers", "--domain-id", D, "--max-results", "0"], {}),
  (["list-speakers", "--domain-id", D, "--max-results", ""], {}),
  (["list-speakers", "--domain-id", D, "--next-token", ""], {}),
  (["list-speakers", "--domain-id", D, "--starting-token", "eyJOZXh0VG9rZW4iOiAiYWJjIn0="], {}),
  (["list-speakers", "--domain-id", D, "--starting-token", "not-base64!"], {}),
  (["list-speakers", "--domain-id", D, "--page-size", "0", "--max-items", "2"], {}),
  (["list-fraudsters", "--domain-id", D, "--watchlist-id", "w", "--no-paginate", "--starting-token", "x"], {}),
  (["list-fraudsters", "--domain-id", D, "--no-paginate", "--max-items", "0"], {}),
  (["list-watchlists", "--domain-id", D, "--cli-input-json", '{"NextToken": "t"}', "--page-size", "3"], {}),
  (["list-speaker-enrollment-jobs", "--domain-id", D, "--job-status", "completed"], {}),
  (["update-watchlist", "--domain-id", D, "--watchlist-id", "w", "--description", "fileb://d.bin"], {"d.bin": "\u00ff\u0000x'\""}),
  (["update-watchlist", "--domain-id", D, "--watchlist-id", "w", "--description", "file://d.txt"], {"d.txt": "caf\u00e9\r\nline"}),
  (["update-watchlist", "--domain-id", D, "--watchlist-id", "w", "--name", "~/x"], {}),
  (["update-watchlist", "--domain-id", D, "--watchlist-id", "w", "--name", "file://~/nope"], {}),
  (["evaluate-session", "--domain-id", D, "--session-name-or-id", "s", "--query", "[[["], {}),
  (["evaluate-session", "--domain-id", D, "--session-name-or-id", "s", "--output", "text", "--query", "DomainId"], {}),
  (["opt-out-speaker", "--domain-id", D, "--speaker-id", "s", "--profile", "nobody"], {}),
  (["opt-out-speaker", "--domain-id", D, "--speaker-id", "s", "--region", ""], {}),
  # global options, config file ("cfg" becomes AWS_CONFIG_FILE), skeleton ordering
  (["describe-domain", "--domain-id", D, "--region"], {}),
  (["describe-domain", "--domain-id", D, "--query"], {}),
  (["describe-domain", "--domain-id", D, "--output", "text", "--output", "json"], {}),
  (["describe-domain", "--domain-id", D, "--profile", "p1"], {"cfg": "[profile p1]\nregion = eu-west-1\noutput = text\n"}),
  (["describe-domain", "--domain-id", D, "--profile", "p1", "--output", "json"], {"cfg": "[profile p1]\nregion = eu-west-1\noutput = text\n"}),
  (["list-domains", "--max-items", "1", "--page-size", "1"], {}),
  (["list-domains", "--max-items", "-1"], {}),
  (["list-domains", "--page-size", "-1"], {}),
  (["list-domains", "--max-items", " 2 "], {}),
  (["tag-resource", "--resource-arn", ARN, "--tags", "Key=a,Value=b", "x=y"], {}),
  (["tag-resource", "--resource-arn", ARN, "--tags", "Key=a,Value=b", "--tags"], {}),
  (["untag-resource", "--resource-arn", ARN, "--tag-keys", "-a"], {}),
  (["untag-resource", "--resource-arn", ARN, "--tag-keys", "a", "-1", "b"], {}),
  (["describe-domain", "--domain-id", D, "--generate-cli-skeleton", "--cli-input-json", "x"], {}),
  (["describe-domain", "--generate-cli-skeleton", "output"], {}),
  (["describe-domain", "--cli-input-json", "{}", "--generate-cli-skeleton", "output"], {}),
]
bin = ["node", os.environ.get("VOICE_ID_BIN", os.path.join(ROOT, "bin", "voice-id.js"))]
aws = ["/usr/bin/aws", "voice-id"]
data = tempfile.mkdtemp(prefix="voice-id-awsdata-")
os.makedirs(os.path.join(data, "voice-id", "2021-09-27"))
for name in ("service-2.json", "paginators-1.json", "endpoint-rule-set-1.json"):
    shutil.copy(os.path.join(ROOT, "..", "shared", "reference", "voice-id", name), os.path.join(data, "voice-id", "2021-09-27", name))
extra = {"AWS_DATA_PATH": data}
def norm(t):
    t = t.replace("usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\nTo see help text, you can run:\n\n  aws help\n  aws <command> help\n  aws <command> <subcommand> help\n", "<USAGE>").replace("aws: error:", "<PROG>: error:")
    t = t.replace("usage: voice-id [options] <command> [parameters]\nTo see help text, you can run:\n\n  voice-id help\n  voice-id <command> help\n", "<USAGE>").replace("voice-id: error:", "<PROG>: error:")
    return t
def one(item):
    argv, files = item
    case = {"argv": argv, "files": files}
    env = dict(extra)
    if "cfg" in files:
        env["AWS_CONFIG_FILE"] = "cfg"
    a = check.run_case(aws, case, {}, env)
    b = check.run_case(bin, case, {}, env)
    diffs = []
    if a["exit_code"] != b["exit_code"]: diffs.append("exit %s vs ours %s" % (a["exit_code"], b["exit_code"]))
    if a["requests"] != b["requests"]: diffs.append("requests %s vs ours %s" % (json.dumps(a["requests"])[:300], json.dumps(b["requests"])[:300]))
    if a["stdout"] != b["stdout"]: diffs.append("stdout %r vs ours %r" % (a["stdout"][:400], b["stdout"][:400]))
    if norm(a["stderr"]) != norm(b["stderr"]): diffs.append("stderr %r\n      ours %r" % (norm(a["stderr"])[:500], norm(b["stderr"])[:500]))
    return argv, diffs
with ThreadPoolExecutor(4) as ex:
    results = list(ex.map(one, cases))
n = 0
for argv, diffs in results:
    if diffs:
        n += 1
        print("==", json.dumps(argv)[:200])
        for d in diffs: print("   ", d)
print(n, "differ of", len(cases))
