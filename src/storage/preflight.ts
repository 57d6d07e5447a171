import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StartupError } from '../app/startup-error';

/**
 * Before any store opens its file: each SQLite file under DATA_DIR that exists
 * must be a database this process can write. A corrupt or read-only file would
 * otherwise end start-up with a bare SqliteError stack from whichever store
 * touched it first; this names the file and says what to do.
 */

export const DATA_FILES = ['conversations.sqlite', 'records.sqlite', 'directline.sqlite', 'teams.sqlite'] as const;

/**
 * `integrity`: 'full' (server start) also reads every page (`quick_check`),
 * which takes time in proportion to the data; 'header' (the leads command,
 * run often beside a live server) only checks each file is a database this
 * process can write, so it starts in the same time at any size. A damaged
 * page it misses is still reported by the query that meets it, and by the
 * next server start.
 */
export function checkDataFiles(dataDir: string, files: readonly string[] = DATA_FILES, integrity: 'full' | 'header' = 'full'): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.accessSync(dataDir, fs.constants.W_OK);
  } catch (error) {
    throw new StartupError(`The data folder ${dataDir} cannot be written to (${(error as NodeJS.ErrnoException).code ?? 'error'}). Set DATA_DIR to a folder this user can write, or fix its permissions.`);
  }
  for (const name of files) {
    const file = path.join(dataDir, name);
    if (!fs.existsSync(file)) continue;
    const problem = probe(file, integrity);
    if (problem) throw new StartupError(problem);
  }
}

function probe(file: string, integrity: 'full' | 'header'): string | null {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true, timeout: 1000 });
    db.pragma('schema_version');
    db.exec('BEGIN IMMEDIATE; ROLLBACK;');
    if (integrity === 'header') return null;
    const check = db.pragma('quick_check(1)', { simple: true });
    if (check !== 'ok') return corrupt(file, String(check));
    return null;
  } catch (error) {
    const code = String((error as { code?: unknown }).code ?? '');
    if (/^SQLITE_(READONLY|CANTOPEN|PERM|AUTH)/.test(code) || (error as NodeJS.ErrnoException).code === 'EACCES') {
      return `The database file ${file} cannot be written to (${code || (error as Error).message}). Give the server's user write access to it and to its folder (it also writes ${path.basename(file)}-wal and -shm beside it), then start again.`;
    }
    if (/^SQLITE_(NOTADB|CORRUPT)/.test(code)) return corrupt(file, (error as Error).message);
    // Another process of this server is writing: the file is fine (several processes may share DATA_DIR).
    if (/^SQLITE_(BUSY|LOCKED)/.test(code)) return null;
    return `The database file ${file} could not be opened: ${(error as Error).message}.`;
  } finally {
    db?.close();
  }
}

const corrupt = (file: string, detail: string) =>
  `The database file ${file} is damaged or not a SQLite database (${detail}). Move it aside (keep it for recovery) and start again to begin with an empty one, or restore it from a backup.`;
