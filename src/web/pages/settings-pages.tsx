/** /settings and /settings/messaging: where an admin finds the Slack integration. */
import type { InstallationRow } from "../../installations/find-installation";
import { Layout, type LayoutProps } from "../layout";

export function connectionBadge(installation: InstallationRow | undefined) {
  if (!installation) return <span class="badge">Not connected</span>;
  if (!installation.botTokenEnc || installation.tokenStatus === "refresh_failed") {
    return <span class="badge err">Needs reinstall</span>;
  }
  if (!installation.enabled) return <span class="badge warn">Turned off</span>;
  return <span class="badge ok">Connected</span>;
}

function SlackCard({ installation }: { installation: InstallationRow | undefined }) {
  return (
    <div class="card card-row">
      <div>
        <h3 style="margin-top:0">Slack {connectionBadge(installation)}</h3>
        <p class="muted">
          {installation
            ? `Declare and run incidents from Slack in ${installation.teamName ?? "your workspace"}.`
            : "Run incidents from Slack: declare, coordinate, resolve, all with one slash command."}
        </p>
      </div>
      <a class="button primary" href="/settings/messaging/slack" aria-label="Manage Slack">
        Manage
      </a>
    </div>
  );
}

export function SettingsPage({ user, installation }: { user: LayoutProps["user"]; installation?: InstallationRow }) {
  return (
    <Layout title="Settings" user={user}>
      <h1>Settings</h1>
      <p class="lede">How Firebreak works with your tools.</p>
      <section aria-labelledby="messaging">
        <h2 id="messaging">
          <a href="/settings/messaging">Messaging</a>
        </h2>
        <SlackCard installation={installation} />
      </section>
    </Layout>
  );
}

export function MessagingPage({ user, installation }: { user: LayoutProps["user"]; installation?: InstallationRow }) {
  return (
    <Layout title="Messaging" user={user}>
      <nav class="breadcrumbs" aria-label="Breadcrumb">
        <a href="/settings">Settings</a> › Messaging
      </nav>
      <h1>Messaging</h1>
      <p class="lede">Where incidents are run and announced.</p>
      <SlackCard installation={installation} />
    </Layout>
  );
}
