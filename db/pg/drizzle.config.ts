import { defineConfig } from "drizzle-kit";

/** `npm run db:generate:pg`: a new PostgreSQL migration after changing db/pg/schema.ts (offline: no database). */
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/pg/schema.ts",
  out: "./db/pg/migrations",
});
