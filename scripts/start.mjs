/* global process */
/**
 * `npm start`: `next start` on 127.0.0.1 unless HOSTNAME says otherwise (plain `next start` binds every
 * interface). HOSTNAME and PORT are Next's own variables; extra arguments (`npm start -- -p 4000`) pass
 * through and win. Runs Next in this process, so signals reach it directly.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const nextBin = require.resolve('next/dist/bin/next');
const hostname = process.env.HOSTNAME?.trim() || '127.0.0.1';

process.argv = [process.argv[0], nextBin, 'start', '-H', hostname, ...process.argv.slice(2)];
require(nextBin);
