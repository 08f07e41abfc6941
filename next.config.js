/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // A self-contained server in .next/standalone for the Docker image (DESIGN.md §7); `next start` still works.
  output: 'standalone',
  // Native and server-only packages stay out of the bundle and load from node_modules at run time.
  serverExternalPackages: ['better-sqlite3', 'pg'],
};

module.exports = nextConfig;
