/**
 * The floor: the least a Slack endpoint can do on Workers. It reads the raw body, checks the
 * `v0` HMAC with crypto.subtle (the same primitive Firebreak uses) and answers a tiny JSON.
 * No routing, no parsing, no storage: Firebreak's cost above this is its own.
 */
const encoder = new TextEncoder();
let key;

function hexToBytes(hex) {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export default {
  async fetch(request, env) {
    const timestamp = request.headers.get("x-slack-request-timestamp") ?? "";
    const signature = request.headers.get("x-slack-signature") ?? "";
    const body = new Uint8Array(await request.arrayBuffer());
    key ??= crypto.subtle.importKey(
      "raw",
      encoder.encode(env.SLACK_SIGNING_SECRET),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["verify"],
    );
    const prefix = encoder.encode(`v0:${timestamp}:`);
    const base = new Uint8Array(prefix.length + body.length);
    base.set(prefix);
    base.set(body, prefix.length);
    const ok =
      signature.startsWith("v0=") &&
      (await crypto.subtle.verify("HMAC", await key, hexToBytes(signature.slice(3)), base));
    return Response.json({ ok }, { status: ok ? 200 : 401 });
  },
};
