import { describe, expect, it } from "vitest";
import { tokenCipher } from "../../src/installations/token-crypto";

const key = (fill: number) => btoa(String.fromCharCode(...new Uint8Array(32).fill(fill)));

describe("token encryption", () => {
  it("round-trips and never leaves the token readable", async () => {
    const cipher = await tokenCipher({ TOKEN_ENCRYPTION_KEY: key(1) });
    const sealed = await cipher.encrypt("xoxb-1234-secret");
    expect(sealed).toMatch(/^v1\.[0-9a-f]{8}\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain("xoxb");
    expect(await cipher.decrypt(sealed)).toBe("xoxb-1234-secret");
    expect(await cipher.encrypt("xoxb-1234-secret")).not.toBe(sealed);
  });

  it("decrypts with a retired key after rotation, and refuses an unknown one", async () => {
    const old = await tokenCipher({ TOKEN_ENCRYPTION_KEY: key(2) });
    const sealed = await old.encrypt("xoxb-old");
    const rotated = await tokenCipher({ TOKEN_ENCRYPTION_KEY: key(3), TOKEN_ENCRYPTION_PREVIOUS_KEYS: key(2) });
    expect(await rotated.decrypt(sealed)).toBe("xoxb-old");
    expect((await rotated.encrypt("x")).split(".")[1]).not.toBe(sealed.split(".")[1]);
    const stranger = await tokenCipher({ TOKEN_ENCRYPTION_KEY: key(4) });
    await expect(stranger.decrypt(sealed)).rejects.toThrow(/unknown key/);
  });

  it("refuses a tampered ciphertext and a key of the wrong size", async () => {
    const cipher = await tokenCipher({ TOKEN_ENCRYPTION_KEY: key(5) });
    const sealed = await cipher.encrypt("xoxb-x");
    const parts = sealed.split(".");
    const body = parts[3] ?? "";
    parts[3] = `${body.slice(0, -2)}${body.endsWith("AA") ? "BB" : "AA"}`;
    await expect(cipher.decrypt(parts.join("."))).rejects.toThrow();
    await expect(tokenCipher({ TOKEN_ENCRYPTION_KEY: btoa("short") })).rejects.toThrow(/32 bytes/);
  });
});
