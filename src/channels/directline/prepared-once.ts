import type Database from 'better-sqlite3';

/**
 * Makes `db.prepare(sql)` compile each distinct SQL text once and hand back
 * the same statement afterwards. The transcript prepares its statements where
 * it runs them, and on a website turn (the visitor's activity, then each
 * reply) compiling them again cost more than running them.
 *
 * Safe for this use: statements here run synchronously to completion, so no
 * two uses of one statement overlap. The cache holds one statement per SQL
 * text in the source, a fixed handful.
 */
export function preparedOnce(db: Database.Database): Database.Database {
  const prepare = db.prepare.bind(db);
  const statements = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = prepare(sql)));
    return statement;
  }) as Database.Database['prepare'];
  return db;
}
