// Used only by the Prisma CLI (`prisma generate`, and `prisma migrate deploy` on hosts that can
// download Prisma's schema engine). Flint itself applies prisma/migrations at startup.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/flint' },
});
