// Values global-setup provides to tests (and to vitest.config.ts's miniflare bindings).
declare module "vitest" {
  interface ProvidedContext {
    slackUrl: string;
  }
}

export {};
