/**
 * The bench database: the committed drizzle/ migrations, applied the way wrangler applies them
 * (each file split on drizzle's breakpoint marker), then rows written by Firebreak's own code.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Miniflare } from "miniflare";
import { exampleSecrets, projectPath } from "./project";
import { fromSrc } from "./src-modules";

export type D1 = Awaited<ReturnType<Miniflare["getD1Database"]>>;

export async function applyMigrations(db: D1): Promise<number> {
  const dir = projectPath("drizzle");
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort();
  for (const file of files) {
    const statements = readFileSync(join(dir, file), "utf8")
      .split("--> statement-breakpoint")
      .map((s) => s.trim())
      .filter(Boolean);
    // One batch per file: a file applies entirely or not at all, as with wrangler.
    await db.batch(statements.map((s) => db.prepare(s)));
  }
  return files.length;
}

/** The src/ functions that write an installation (see src-modules.ts for why not imported). */
async function installationWriter() {
  const [client, save, crypto] = await Promise.all([
    fromSrc<{ database(d1: D1): unknown }>("db/client.ts"),
    fromSrc<{
      saveInstallation(db: unknown, cipher: unknown, record: Record<string, unknown>): Promise<{ id: number }>;
    }>("installations/save-installation.ts"),
    fromSrc<{
      tokenCipher(env: { TOKEN_ENCRYPTION_KEY: string; TOKEN_ENCRYPTION_PREVIOUS_KEYS?: string }): Promise<unknown>;
    }>("installations/token-crypto.ts"),
  ]);
  return { database: client.database, saveInstallation: save.saveInstallation, tokenCipher: crypto.tokenCipher };
}

/**
 * A real, enabled installation for `teamId`, its bot token sealed with the example
 * TOKEN_ENCRYPTION_KEY by saveInstallation itself, so the request path decrypts it exactly as
 * in production. Node 20's WebCrypto runs the same AES-GCM as workerd's.
 */
export async function seedInstallation(db: D1, teamId: string) {
  const { database, saveInstallation, tokenCipher } = await installationWriter();
  const secrets = exampleSecrets();
  const cipher = await tokenCipher({
    TOKEN_ENCRYPTION_KEY: secrets.TOKEN_ENCRYPTION_KEY ?? "",
    TOKEN_ENCRYPTION_PREVIOUS_KEYS: secrets.TOKEN_ENCRYPTION_PREVIOUS_KEYS ?? "",
  });
  return saveInstallation(database(db), cipher, {
    teamId,
    teamName: "Bench workspace",
    isEnterpriseInstall: false,
    appId: "ABENCH",
    botId: "BBENCH",
    botUserId: "UBENCHBOT",
    botToken: "xoxb-bench-not-a-real-token",
    botScopes: ["commands", "chat:write"],
    installerUserId: "UBENCHADMIN",
    userScopes: [],
  });
}
