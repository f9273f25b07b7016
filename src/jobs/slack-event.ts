/** Events from the inbox, one handler a type. */
import type { Db } from "../db/client";
import { incidentByChannel } from "../incidents/queries";
import { findInstallation } from "../installations/find-installation";
import { D1InstallationStore } from "../installations/installation-store";
import { REVOCATION_EVENTS } from "../slack/events-inbox";
import { postChannelNotice } from "./channel-notice";
import { incidentJobRef, type SlackEventJob } from "./job";
import { done, type JobOutcome, stopped } from "./outcome";
import { noteHomeViewer, publishHome } from "./publish-home";
import { addTimelineMessage } from "./timeline-message";
import { openWorkspace } from "./workspace";

export async function handleSlackEvent(env: Env, db: Db, job: SlackEventJob): Promise<JobOutcome> {
  const ref = { enterpriseId: job.enterpriseId, teamId: job.teamId };
  const event = job.event;
  if (!REVOCATION_EVENTS.includes(event.type) && (await findInstallation(db, ref))?.enabled === false) {
    // Turned off means quiet: no welcome notices, no Home, no 📌 entries (checked again here:
    // the switch may have moved since the event was taken).
    return stopped("Firebreak is turned off in this workspace");
  }
  switch (event.type) {
    case "app_uninstalled":
      // Tokens go; incidents and their history stay.
      await new D1InstallationStore(env).deleteAll(ref);
      return done;
    case "tokens_revoked": {
      const tokens = (event.tokens ?? {}) as { oauth?: string[]; bot?: string[] };
      const installation = await findInstallation(db, ref);
      if (!installation) return done;
      const store = new D1InstallationStore(env);
      if (tokens.bot?.length) await store.deleteBotInstallation(ref);
      if (installation.installerUserId && tokens.oauth?.includes(installation.installerUserId)) {
        await store.deleteUserInstallation(ref);
      }
      return done;
    }
    case "member_joined_channel": {
      const channel = typeof event.channel === "string" ? event.channel : undefined;
      const installation = await findInstallation(db, ref);
      if (!channel || !installation || event.user !== installation.botUserId) return done;
      const ws = await openWorkspace(env, db, ref);
      // The bot creates channels only for incidents, which get a summary rather than a welcome.
      const info = await ws.slack.conversations.info({ channel });
      if (info.channel?.creator === ws.botUserId) return done;
      await postChannelNotice(db, ws, channel);
      return done;
    }
    case "app_home_opened": {
      const userId = typeof event.user === "string" ? event.user : undefined;
      if (!userId || event.tab !== "home" || !job.teamId) return done;
      await noteHomeViewer(db, job.teamId, userId);
      return publishHome(env, db, { type: "home_publish", teamId: job.teamId, enterpriseId: job.enterpriseId, userId });
    }
    case "reaction_added": {
      const item = event.item as { type?: string; channel?: string; ts?: string } | undefined;
      const userId = typeof event.user === "string" ? event.user : undefined;
      if (event.reaction !== "pushpin" || item?.type !== "message" || !item.channel || !item.ts || !userId) return done;
      if (!job.teamId) return done;
      const incident = await incidentByChannel(db, job.teamId, item.channel);
      if (!incident) return done;
      return addTimelineMessage(env, db, {
        type: "timeline_message",
        ...incidentJobRef(incident, job.enterpriseId),
        channel: item.channel,
        ts: item.ts,
        actorId: userId,
      });
    }
    default:
      return stopped(`no handler for ${event.type}`);
  }
}
