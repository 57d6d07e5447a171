/** Runs a script's `main`, turning its result into the exit code and any crash into a message and exit code 1. */
export function runMain(main: () => Promise<number>): void {
  // Piped into `head` and the like: a reader that stops early is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  main().then(
    (code) => (process.exitCode = code),
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
