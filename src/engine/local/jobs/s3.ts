// Where a job's files live: s3:// URIs → local paths (the engine's s3-path rules), and the output file's URI.
import type { LocalSettings } from "../context.js";
import { s3UriToPath } from "../s3-path.js";

/** Local path of s3://bucket/key; throws S3PathError (with a message naming the problem) for URIs outside the store. */
export function s3Path(settings: LocalSettings, uri: string): string {
  return s3UriToPath(settings, uri);
}

/** Output file location (spec §1.1, §9 #13): <folder>/<JobId>/<manifest file name>.out, exactly one '/' between parts. */
export function outputUri(outputFolder: string, jobId: string, inputUri: string): string {
  const name = inputUri.replace(/\/+$/, "").split("/").pop() ?? "manifest";
  return `${outputFolder.replace(/\/+$/, "")}/${jobId}/${name}.out`;
}
