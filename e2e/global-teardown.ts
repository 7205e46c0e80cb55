import fs from "node:fs";

/** Remove the run's temporary directory (the apps' SQLite files) unless E2E_KEEP_DB is set. */
export default function globalTeardown() {
  const dir = process.env.E2E_RUN_DIR;
  if (!dir || process.env.E2E_KEEP_DB) return;
  fs.rmSync(dir, { recursive: true, force: true });
}
