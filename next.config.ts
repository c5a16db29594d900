import type { NextConfig } from 'next';

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tsc) before building; no need to do it twice.
  typescript: { ignoreBuildErrors: true },
  // Loaded from node_modules at runtime: PGlite reads its WebAssembly and data files from disk.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', 'pg', '@prisma/adapter-pg'],
  async headers() {
    const everywhere = [
      { key: 'X-Content-Type-Options', value: 'nosniff' },
      { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
      { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
      { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
    ];
    // Artifact documents (/api/artifacts/…) are the one thing Flint frames: they set their own
    // sandbox policy and may be framed by Flint itself (lib/artifacts/sandbox-policy.ts).
    return [
      { source: '/:path*', headers: everywhere },
      { source: '/:path((?!api/artifacts/).*)', headers: [{ key: 'X-Frame-Options', value: 'DENY' }] },
      // API responses are data, never documents to run or frame.
      { source: '/api/:path((?!artifacts/).*)', headers: [{ key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
};

export default config;
