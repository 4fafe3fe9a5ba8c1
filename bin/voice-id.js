#!/usr/bin/env node
// Entry point: the exit code is whatever main() decides. Runs the bundled CLI (scripts/build/bundle.mjs):
// a handful of files instead of dozens of modules, for start-up time.
import { main, systemDeps } from "../dist/bundle/voice-id.js";

process.exitCode = await main(process.argv.slice(2), systemDeps());
