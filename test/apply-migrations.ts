import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

// The same drizzle/ SQL that wrangler applies in dev and production.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
