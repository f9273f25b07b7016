/** The page shell every web page shares: title, top bar, main column. */
import { raw } from "hono/html";
import type { Child } from "hono/jsx";

export interface LayoutProps {
  title: string;
  /** The signed-in person, shown in the top bar with a sign-out button. */
  user?: { name: string; team: string; csrf: string };
  children: Child;
}

export function Layout({ title, user, children }: LayoutProps) {
  return (
    <>
      {/* Hono's JSX writes no doctype; without it browsers render in quirks mode. */}
      {raw("<!DOCTYPE html>")}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${title} · Firebreak`}</title>
          <link rel="stylesheet" href="/assets/app.css" />
          <link rel="icon" href="data:," />
        </head>
        <body>
          <a class="skip" href="#main">
            Skip to content
          </a>
          <header class="topbar">
            <a class="brand" href="/settings">
              <span class="brand-mark" aria-hidden="true">
                ◆
              </span>
              Firebreak
            </a>
            {user && (
              <nav class="topnav" aria-label="Main">
                <a href="/settings">Settings</a>
                <a href="/incidents">Incidents</a>
                <span class="who">
                  {user.name} · {user.team}
                </span>
                <form method="post" action="/logout">
                  <input type="hidden" name="csrf" value={user.csrf} />
                  <button type="submit" class="link-button">
                    Sign out
                  </button>
                </form>
              </nav>
            )}
          </header>
          <main id="main">{children}</main>
        </body>
      </html>
    </>
  );
}

export interface NoticeProps {
  title: string;
  tone: "success" | "error" | "info";
  message: Child;
  actions?: { href: string; label: string }[];
  user?: LayoutProps["user"];
}

/** A one-message page: install results, errors, "you cancelled". */
export function NoticePage({ title, tone, message, actions = [], user }: NoticeProps) {
  return (
    <Layout title={title} user={user}>
      <section class={`card notice notice-${tone}`} role={tone === "error" ? "alert" : "status"}>
        <h1>{title}</h1>
        <p>{message}</p>
        {actions.length > 0 && (
          <p class="actions">
            {actions.map((a, i) => (
              <a class={i === 0 ? "button primary" : "button"} href={a.href}>
                {a.label}
              </a>
            ))}
          </p>
        )}
      </section>
    </Layout>
  );
}
