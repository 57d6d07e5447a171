/** A serialisation queue: one piece of work at a time, in arrival order (one SQLite connection, async callers). */
export class Serial {
  private static readonly byFile = new Map<string, Serial>();
  private tail: Promise<unknown> = Promise.resolve();

  /**
   * One queue per database file in a process: two connections to one file
   * taking turns inside async transactions would otherwise deadlock (one
   * waits synchronously for a lock the other cannot release until it runs).
   */
  static forFile(file: string): Serial {
    let serial = Serial.byFile.get(file);
    if (!serial) Serial.byFile.set(file, (serial = new Serial()));
    return serial;
  }

  run<T>(work: () => Promise<T> | T): Promise<T> {
    const next = this.tail.then(() => work());
    this.tail = next.catch(() => undefined);
    return next;
  }
}
