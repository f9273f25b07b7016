/**
 * Settings → Messaging → Slack. Everyone signed in sees their own workspace's settings (the
 * workspace comes from the session, never from the URL); only its admins, owners or
 * installer may change them, and every form carries the session's CSRF token.
 */
import { type Context, Hono } from "hono";
import { database } from "../db/client";
import { AppError } from "../errors";
import { findInstallation, type InstallationRow } from "../installations/find-installation";
import { D1InstallationStore } from "../installations/installation-store";
import { revokeInstallation } from "../installations/revoke-at-slack";
import { namesFor } from "../jobs/user-names";
import { openWorkspace, type Workspace } from "../jobs/workspace";
import { logUnexpected } from "../lib/log";
import { slackCommand } from "../slack/slack-env";
import { announcementChannelOptions } from "../web/channel-options";
import { MessagingPage, SettingsPage } from "../web/pages/settings-pages";
import { formFromInstallation, SlackSettingsPage, type SlackSettingsProps } from "../web/pages/slack-settings-page";
import { canManage, managersSentence } from "../web/permissions";
import { readSettingsForm, saveSettings } from "../web/slack-settings";
import { layoutUser, requireCsrf, requireSession, type WebEnv } from "../web/web-auth";

const PAGE = "/settings/messaging/slack";

interface Loaded {
  installation?: InstallationRow;
  ws?: Workspace;
}

async function load(c: Context<WebEnv>): Promise<Loaded> {
  const db = database(c.env.DB);
  const session = c.get("session");
  const installation = await findInstallation(db, session);
  if (!installation?.botTokenEnc) return { installation };
  try {
    return { installation, ws: await openWorkspace(c.env, db, session) };
  } catch (err) {
    logUnexpected("settings-workspace", err);
    return { installation };
  }
}

async function pageProps(
  c: Context<WebEnv>,
  loaded: Loaded,
  extra: Partial<SlackSettingsProps> = {},
): Promise<SlackSettingsProps> {
  const db = database(c.env.DB);
  const session = c.get("session");
  const { installation, ws } = loaded;
  const installer = installation?.installerUserId;
  const bot = installation?.botUserId;
  const people = [installer, bot].filter((id): id is string => !!id);
  const names = ws && people.length ? await namesFor(db, ws, people).catch(() => undefined) : undefined;
  return {
    user: layoutUser(c),
    tz: session.tz,
    installation,
    canManage: await canManage(db, ws, installation, session),
    channels: ws ? await announcementChannelOptions(ws) : undefined,
    installerName: installer ? names?.get(installer)?.name : undefined,
    botName: bot ? names?.get(bot)?.name : undefined,
    form: formFromInstallation(installation),
    command: slackCommand(c.env),
    ...extra,
  };
}

async function requireManager(c: Context<WebEnv>, loaded: Loaded) {
  if (!(await canManage(database(c.env.DB), loaded.ws, loaded.installation, c.get("session")))) {
    const orgWide = loaded.installation?.isEnterpriseInstall === true;
    throw new AppError("forbidden", `${managersSentence(orgWide)} can change its settings.`);
  }
}

function bannerFor(c: Context<WebEnv>, installation: InstallationRow | undefined): SlackSettingsProps["banner"] {
  if (c.req.query("saved")) return { tone: "ok", text: "Saved. New incidents use these settings." };
  if (c.req.query("disconnected"))
    return { tone: "info", text: "Disconnected. Firebreak's tokens are revoked; the incident history is kept." };
  if (c.req.query("installed")) {
    return installation?.botTokenEnc
      ? {
          tone: "ok",
          text: `Connected to ${installation.teamName ?? "your workspace"}. Add Firebreak to a channel and type /incident.`,
        }
      : {
          tone: "info",
          text: "Firebreak was installed in another workspace than the one you are signed in to. Sign in to that workspace to manage it.",
        };
  }
  return undefined;
}

export const settings = new Hono<WebEnv>()
  .use("/settings", requireSession)
  .use("/settings/*", requireSession, requireCsrf)
  .get("/settings", async (c) => {
    const installation = await findInstallation(database(c.env.DB), c.get("session"));
    return c.html(<SettingsPage user={layoutUser(c)} installation={installation} />);
  })
  .get("/settings/messaging", async (c) => {
    const installation = await findInstallation(database(c.env.DB), c.get("session"));
    return c.html(<MessagingPage user={layoutUser(c)} installation={installation} />);
  })
  .get(PAGE, async (c) => {
    const loaded = await load(c);
    return c.html(
      <SlackSettingsPage {...(await pageProps(c, loaded, { banner: bannerFor(c, loaded.installation) }))} />,
    );
  })
  .post(`${PAGE}/connect`, async (c) => {
    const loaded = await load(c);
    if (loaded.installation?.botTokenEnc) await requireManager(c, loaded);
    const body = await c.req.parseBody();
    if (body.enabled !== "on") {
      const props = await pageProps(c, loaded, {
        errors: { enabled: "Switch on Enable Slack first, then authorize." },
      });
      return c.html(<SlackSettingsPage {...props} />, 400);
    }
    return c.redirect("/slack/install", 302);
  })
  .post(PAGE, async (c) => {
    const loaded = await load(c);
    if (!loaded.installation?.botTokenEnc)
      throw new AppError("conflict", "Connect Slack before changing its settings.");
    await requireManager(c, loaded);
    const channels = loaded.ws ? await announcementChannelOptions(loaded.ws) : undefined;
    const { form, errors } = readSettingsForm(await c.req.parseBody(), channels);
    if (Object.keys(errors).length) {
      const props = await pageProps(c, loaded, {
        form,
        errors,
        banner: { tone: "err", text: "Nothing was saved: fix the fields below." },
      });
      return c.html(<SlackSettingsPage {...props} />, 400);
    }
    await saveSettings(database(c.env.DB), loaded.installation, form);
    return c.redirect(`${PAGE}?saved=1`, 303);
  })
  .post(`${PAGE}/disconnect`, async (c) => {
    const loaded = await load(c);
    if (!loaded.installation) return c.redirect(PAGE, 303);
    await requireManager(c, loaded);
    // Revoke on Slack's side too (bot and user token); if Slack is unreachable they still go from D1.
    await revokeInstallation(c.env, loaded.installation);
    await new D1InstallationStore(c.env).deleteAll(c.get("session"));
    return c.redirect(`${PAGE}?disconnected=1`, 303);
  });
