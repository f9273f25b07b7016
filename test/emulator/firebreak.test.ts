/** The "done when": install through Firebreak's own OAuth routes, run /incident, read what the person saw. */
import { env, exports } from "cloudflare:workers";
import { expect, it } from "vitest";
import { SlackDriver } from "../slack-emulator/driver";
import { installViaOAuth } from "../slack-emulator/install-flow";
import { emulator, slackUrl } from "./support";

const firebreak = (req: Request) => exports.default.fetch(req);

it("installs Firebreak like a browser would, then answers /incident with the options menu", async () => {
  const ws = await emulator.seedWorkspace({ name: "Firebreak E2E" });
  const { finalResponse, steps } = await installViaOAuth({
    firebreak,
    appUrl: "https://firebreak.test",
    slackUrl,
    team: ws.team.id,
    user: "alice",
    channel: "#general",
  });
  expect(finalResponse.status, JSON.stringify(steps)).toBeLessThan(400);
  const issued = await emulator.installation(ws);
  expect(issued?.installerUserId).toBe(ws.users.alice.id);

  const driver = new SlackDriver({ slackUrl, signingSecret: env.SLACK_SIGNING_SECRET, deliver: firebreak });
  const reply = await driver.command({ team: ws, user: "alice", channel: "general", text: "help" });
  expect(reply.status).toBe(200);
  const [menu] = (await emulator.seen(ws, ws.users.alice.id)).filter((s) => s.kind === "reply");
  expect(menu?.blocks).toContainEqual(
    expect.objectContaining({ type: "header", text: expect.objectContaining({ text: "Incident options" }) }),
  );
});
