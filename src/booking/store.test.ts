import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openRecords } from './store';

/** The records file: a file made before a column existed gains it on open. */

it('a records file without notes_json gains the column, and its rows read as having no notes', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'records-')), 'records.sqlite');
  const old = openRecords(file);
  old.exec('ALTER TABLE leads DROP COLUMN notes_json');
  old.close();
  const db = openRecords(file);
  const columns = (db.prepare('PRAGMA table_info(leads)').all() as { name: string }[]).map((c) => c.name);
  db.close();
  expect(columns).toContain('notes_json');
});
