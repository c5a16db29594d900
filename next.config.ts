import type { NextConfig } from 'next';

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tsc) before building; no need to do it twice.
  typescript: { ignoreBuildErrors: true },
  // Loaded from node_modules at runtime: PGlite reads its WebAssembly and data files from disk.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', 'pg', '@prisma/adapter-pg'],
};

export default config;
