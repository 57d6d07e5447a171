import path from 'node:path';
import Database from 'better-sqlite3';
import { Serial } from '../../records/serial';
import { Statements } from '../../records/statements';
import { openDataFile } from '../../storage/files';
import type { FunnelCount, FunnelStore, Miss } from './types';

/** The funnel in `<dataDir>/funnel.sqlite`: a counter row per day, channel and metric (an upsert adds). */
export class SqliteFunnelStore implements FunnelStore {
  private readonly db: Database.Database;
  private readonly sql: Statements;
  private readonly serial: Serial;

  constructor(file: string) {
    this.serial = Serial.forFile(path.resolve(file));
    this.db = openDataFile(file);
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS funnel_counts (
        day     TEXT NOT NULL,
        channel TEXT NOT NULL,
        metric  TEXT NOT NULL,
        count   INTEGER NOT NULL,
        PRIMARY KEY (day, channel, metric)
      );
      CREATE TABLE IF NOT EXISTS funnel_misses (
        at       TEXT NOT NULL,
        channel  TEXT NOT NULL,
        question TEXT,
        text     TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS funnel_misses_by_time ON funnel_misses (at);
    `);
    this.sql = new Statements(this.db);
  }

  static fileIn(dataDir: string): string {
    return path.join(dataDir, 'funnel.sqlite');
  }

  add(increments: readonly FunnelCount[]): Promise<void> {
    return this.serial.run(() => {
      const upsert = this.sql.get(
        `INSERT INTO funnel_counts (day, channel, metric, count) VALUES (?, ?, ?, ?)
         ON CONFLICT (day, channel, metric) DO UPDATE SET count = count + excluded.count`,
      );
      this.db.transaction(() => {
        for (const row of increments) upsert.run(row.day, row.channel, row.metric, row.count);
      }).immediate();
    });
  }

  addMiss(miss: Miss): Promise<void> {
    return this.serial.run(() => {
      this.sql.get(`INSERT INTO funnel_misses (at, channel, question, text) VALUES (?, ?, ?, ?)`).run(miss.at, miss.channel, miss.question, miss.text);
    });
  }

  counts(fromDay: string): Promise<FunnelCount[]> {
    return this.serial.run(
      () => this.sql.get(`SELECT day, channel, metric, count FROM funnel_counts WHERE day >= ? ORDER BY day, channel, metric`).all(fromDay) as FunnelCount[],
    );
  }

  misses(since: string, limit: number): Promise<Miss[]> {
    return this.serial.run(
      () => this.sql.get(`SELECT at, channel, question, text FROM funnel_misses WHERE at >= ? ORDER BY at DESC, rowid DESC LIMIT ?`).all(since, limit) as Miss[],
    );
  }

  purgeMisses(cutoff: string): Promise<number> {
    return this.serial.run(() => this.sql.get(`DELETE FROM funnel_misses WHERE at < ?`).run(cutoff).changes);
  }

  async close(): Promise<void> {
    await this.serial.run(() => {
      if (this.db.open) this.db.close();
    });
  }
}
