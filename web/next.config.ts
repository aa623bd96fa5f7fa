import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Self-contained server in .next/standalone (run with `node .next/standalone/server.js`).
  output: 'standalone',
  // The gateway in front of the app is the public origin; do not advertise the framework.
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
