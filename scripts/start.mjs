#!/usr/bin/env node
/**
 * `npm start`: `next start` with the app handling SIGTERM / SIGINT itself (DESIGN.md §7), so that a stop
 * drains live runs instead of Next exiting at once or waiting on every open stream. Next reads
 * NEXT_MANUAL_SIG_HANDLE before it installs its own handlers; the operator sets nothing. Arguments pass
 * through (`npm start -- -p 4000`).
 */
import { createRequire } from 'node:module';
import process from 'node:process';

process.env.NEXT_MANUAL_SIG_HANDLE ??= 'true';
const require = createRequire(import.meta.url);
const nextBin = require.resolve('next/dist/bin/next');
process.argv = [process.argv[0], nextBin, 'start', ...process.argv.slice(2)];
require(nextBin);
