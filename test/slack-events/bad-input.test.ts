/**
 * The "Bad input" table of reliability.md, row by row: the status shown, and no D1 write and
 * no job for anything refused. Each refusal has a control case that passes the same check,
 * so a check that rejects everything cannot pass.
 */
import { describe, expect, it } from "vitest";
import { fetchRecordingJobs, rowCounts } from "../support/observe";
import { commandBody, eventBody, signedRequest } from "../support/slack-request";

const now = () => Math.floor(Date.now() / 1000);
const help = commandBody({ team_id: "TNOINSTALL", text: "help" });

async function expectRefused(request: Request, status: number) {
  const before = await rowCounts();
  const { response, jobs } = await fetchRecordingJobs(request);
  expect(response.status).toBe(status);
  expect(jobs).toEqual([]);
  expect(await rowCounts()).toEqual(before);
  return response;
}

async function expectAccepted(request: Request) {
  const { response } = await fetchRecordingJobs(request);
  expect(response.status).toBe(200);
  return response;
}

describe("signature header and timestamp", () => {
  it("refuses a missing signature header", async () => {
    await expectRefused(await signedRequest(help, { signature: null }), 401);
  });

  it("refuses a missing timestamp", async () => {
    const request = await signedRequest(help);
    request.headers.delete("x-slack-request-timestamp");
    await expectRefused(request, 401);
  });

  it.each(["12.5", "abc", "1e9", " 1700000000", "+1700000000", "0x10", ""])(
    "refuses the non-integer timestamp %j even when signed with it",
    async (timestamp) => {
      await expectRefused(await signedRequest(help, { timestamp }), 401);
    },
  );

  it("refuses a timestamp 301 s old and one 301 s in the future", async () => {
    await expectRefused(await signedRequest(help, { timestamp: now() - 301 }), 401);
    await expectRefused(await signedRequest(help, { timestamp: now() + 301 }), 401);
  });

  it("accepts a timestamp 290 s either way (the control)", async () => {
    await expectAccepted(await signedRequest(help, { timestamp: now() - 290 }));
    await expectAccepted(await signedRequest(help, { timestamp: now() + 290 }));
  });
});

describe("signature value", () => {
  it("refuses a valid signature over a body with one byte changed", async () => {
    const tampered = help.replace("text=help", "text=hElp");
    await expectRefused(await signedRequest(tampered, { signedBody: help }), 401);
  });

  it("refuses a v1= prefix, an empty signature and a right-length wrong one", async () => {
    const good = (await signedRequest(help)).headers.get("x-slack-signature") ?? "";
    const hex = good.slice(3);
    await expectRefused(await signedRequest(help, { signature: `v1=${hex}` }), 401);
    await expectRefused(await signedRequest(help, { signature: "" }), 401);
    const flipped = `v0=${hex.slice(0, -1)}${hex.endsWith("0") ? "1" : "0"}`;
    await expectRefused(await signedRequest(help, { signature: flipped }), 401);
    await expectRefused(await signedRequest(help, { signature: `v0=${hex.toUpperCase()}` }), 401);
  });
});

describe("ssl_check", () => {
  it("answers ssl_check=1 with an empty 200 and ignores a smuggled payload", async () => {
    const payload = JSON.stringify({ type: "block_actions", team: { id: "T1" }, user: { id: "U1" }, actions: [] });
    const body = new URLSearchParams({ ssl_check: "1", token: "x", payload }).toString();
    const response = await expectRefused(await signedRequest(body, { signature: null }), 200);
    expect(await response.text()).toBe("");
  });

  it.each(["0", "true", ""])("verifies ssl_check=%j like any request", async (value) => {
    const body = new URLSearchParams({ ssl_check: value, token: "x" }).toString();
    await expectRefused(await signedRequest(body, { signature: null }), 401);
  });

  it("verifies ssl_check inside JSON like any request", async () => {
    const body = JSON.stringify({ ssl_check: "1", type: "url_verification", challenge: "c" });
    await expectRefused(await signedRequest(body, { contentType: "application/json", signature: null }), 401);
  });
});

describe("url_verification", () => {
  const body = JSON.stringify({
    token: "x",
    type: "url_verification",
    challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
  });

  it("echoes the challenge when signed", async () => {
    const response = await expectAccepted(await signedRequest(body, { contentType: "application/json" }));
    expect(await response.json()).toEqual({ challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });
  });

  it("refuses it unsigned", async () => {
    await expectRefused(await signedRequest(body, { contentType: "application/json", signature: null }), 401);
  });
});

describe("malformed bodies", () => {
  it("refuses a body over the limit with 413, even signed", async () => {
    const big = `command=%2Fincident&team_id=T1&user_id=U1&text=${"x".repeat(300 * 1024)}`;
    const response = await expectRefused(await signedRequest(big), 413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
  });

  it("refuses malformed JSON with 400", async () => {
    await expectRefused(await signedRequest('{"type": "event_callback",', { contentType: "application/json" }), 400);
  });

  it("refuses a payload= that is not JSON with 400", async () => {
    await expectRefused(await signedRequest("payload=%7Bnot-json"), 400);
  });

  it("refuses an event_callback without an event_id or event type", async () => {
    const noId = JSON.stringify({ type: "event_callback", team_id: "T1", event: { type: "app_home_opened" } });
    await expectRefused(await signedRequest(noId, { contentType: "application/json" }), 400);
    const noType = JSON.stringify({ type: "event_callback", team_id: "T1", event_id: "Ev1", event: {} });
    await expectRefused(await signedRequest(noType, { contentType: "application/json" }), 400);
  });

  it("refuses a slash command with no team_id", async () => {
    await expectRefused(await signedRequest("command=%2Fincident&user_id=U1&text=help"), 400);
  });

  it("refuses a form with neither command nor payload", async () => {
    await expectRefused(await signedRequest("hello=world"), 400);
  });

  it("answers unknown payload types and unknown envelope types with an empty 200", async () => {
    const unknown = `payload=${encodeURIComponent(JSON.stringify({ type: "brand_new_thing", team: { id: "T1" } }))}`;
    await expectRefused(await signedRequest(unknown), 200);
    const envelope = JSON.stringify({ type: "app_rate_limited", team_id: "T1", minute_rate_limited: 1 });
    await expectRefused(await signedRequest(envelope, { contentType: "application/json" }), 200);
  });

  it("ignores events Firebreak does not subscribe to", async () => {
    const body = eventBody("T1", "EvUNSUBSCRIBED", { type: "message", text: "hi", channel: "C1" });
    await expectRefused(await signedRequest(body, { contentType: "application/json" }), 200);
  });
});
