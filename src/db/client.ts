import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

const clients = new WeakMap<D1Database, ReturnType<typeof build>>();

function build(d1: D1Database) {
  return drizzle(d1, { schema });
}

/** Drizzle over the D1 binding, built once per binding (building it walks the whole schema). */
export function database(d1: D1Database) {
  let db = clients.get(d1);
  if (!db) {
    db = build(d1);
    clients.set(d1, db);
  }
  return db;
}

export type Db = ReturnType<typeof build>;
