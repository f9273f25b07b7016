/**
 * Tokens at rest: AES-256-GCM under TOKEN_ENCRYPTION_KEY. Each ciphertext names its key
 * (`v1.<key id>.<iv>.<ciphertext>`), so a rotated-out key listed in
 * TOKEN_ENCRYPTION_PREVIOUS_KEYS still decrypts old rows while new ones use the current key.
 */
import { AppError } from "../errors";
import { fromBase64, fromBase64Url, toBase64Url } from "../lib/base64";

interface Key {
  id: string;
  key: CryptoKey;
}

/** Encrypts and decrypts tokens; built once per set of secrets. */
export interface TokenCipher {
  encrypt(plain: string): Promise<string>;
  decrypt(sealed: string): Promise<string>;
}

const ciphers = new Map<string, Promise<TokenCipher>>();

/** The cipher for these secrets (cached: key import is not free). */
export function tokenCipher(env: { TOKEN_ENCRYPTION_KEY: string; TOKEN_ENCRYPTION_PREVIOUS_KEYS?: string }) {
  const cacheKey = `${env.TOKEN_ENCRYPTION_KEY}|${env.TOKEN_ENCRYPTION_PREVIOUS_KEYS ?? ""}`;
  let cipher = ciphers.get(cacheKey);
  if (!cipher) {
    cipher = buildCipher(env.TOKEN_ENCRYPTION_KEY, (env.TOKEN_ENCRYPTION_PREVIOUS_KEYS ?? "").split(","));
    // A bad key must not stay cached as a rejected promise forever.
    cipher.catch(() => ciphers.delete(cacheKey));
    ciphers.set(cacheKey, cipher);
  }
  return cipher;
}

async function importKey(base64: string): Promise<Key> {
  const raw = fromBase64(base64.trim());
  if (raw.length !== 32) {
    throw new AppError("internal", "TOKEN_ENCRYPTION_KEY must be base64 of exactly 32 bytes.");
  }
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", raw));
  const id = [...digest.slice(0, 4)].map((b) => b.toString(16).padStart(2, "0")).join("");
  const key = await crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
  return { id, key };
}

async function buildCipher(current: string, previous: string[]): Promise<TokenCipher> {
  const primary = await importKey(current);
  const all = [primary, ...(await Promise.all(previous.filter((k) => k.trim()).map(importKey)))];
  return {
    async encrypt(plain) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, primary.key, new TextEncoder().encode(plain));
      return `v1.${primary.id}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(sealed))}`;
    },
    async decrypt(sealed) {
      const [version, id, iv, body] = sealed.split(".");
      const key = all.find((k) => k.id === id);
      if (version !== "v1" || !key || !iv || !body) {
        throw new AppError("internal", "A stored token was sealed with an unknown key.");
      }
      const plain = await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: fromBase64Url(iv) },
        key.key,
        fromBase64Url(body),
      );
      return new TextDecoder().decode(plain);
    },
  };
}
