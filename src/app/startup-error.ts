/**
 * A start-up failure the operator can fix: the message names the file or
 * setting and what to do, and is printed without a stack trace.
 */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}
