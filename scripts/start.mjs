#!/usr/bin/env node
/* global process */
/**
 * `npm start`: `next start` on 127.0.0.1 unless HOSTNAME says otherwise (plain `next start` binds every
 * interface), with the app handling SIGTERM / SIGINT itself (DESIGN.md §7), so that a stop drains live runs
 * instead of Next exiting at once or waiting on every open stream. Next reads NEXT_MANUAL_SIG_HANDLE before it
 * installs its own handlers; the operator sets nothing. HOSTNAME and PORT are Next's own variables; extra
 * arguments (`npm start -- -p 4000`) pass through and win. Runs Next in this process, so signals reach it directly.
 */
import { createRequire } from 'node:module';

process.env.NEXT_MANUAL_SIG_HANDLE ??= 'true';
const require = createRequire(import.meta.url);
const nextBin = require.resolve('next/dist/bin/next');
const hostname = process.env.HOSTNAME?.trim() || '127.0.0.1';

process.argv = [process.argv[0], nextBin, 'start', '-H', hostname, ...process.argv.slice(2)];
require(nextBin);
