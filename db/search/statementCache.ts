import type Database from 'better-sqlite3';
import type { Db } from '../openDatabase.js';

const caches = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * The prepared statement for `sql` on this connection, prepared once. Only for the fixed statements of db/search
 * (the query itself is always a bound parameter), so the map stays a handful of entries.
 */
export function cachedStatement(db: Db, sql: string): Database.Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.prepare(sql)));
  return statement;
}
