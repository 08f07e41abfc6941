#!/usr/bin/env sh
# After `next build`: completes .next/standalone into a server that runs on its own (`node server.js`), the
# very steps the Dockerfile runs and CI tests (tests/e2e/standalone-server.test.ts). Next leaves the static
# assets and public/ out of the standalone output on purpose: they are copied in here.
set -eu
cd "$(dirname "$0")/.."
[ -f .next/standalone/server.js ] || { echo "No .next/standalone/server.js: run next build first (output: 'standalone')." >&2; exit 1; }
rm -rf .next/standalone/.next/static .next/standalone/public
mkdir -p .next/standalone/.next
cp -R .next/static .next/standalone/.next/static
if [ -d public ]; then cp -R public .next/standalone/public; fi
echo "Standalone server assembled in .next/standalone (start: node .next/standalone/server.js)."
