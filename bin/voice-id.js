#!/usr/bin/env node
// Entry point: the exit code is whatever main() decides.
import { main } from "../dist/main.js";
import { systemDeps } from "../dist/deps.js";

process.exitCode = await main(process.argv.slice(2), systemDeps());
