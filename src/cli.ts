// The command line's entry. scripts/build/bundle.mjs bundles the CLI from here into dist/bundle/voice-id.js,
// which bin/voice-id.js runs.
export { main } from "./main.js";
export { systemDeps } from "./deps.js";
