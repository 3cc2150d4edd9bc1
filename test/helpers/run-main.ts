import { constants } from 'node:os';

/**
 * Runs the main function of a drill or benchmark script. Its result becomes the exit code;
 * `cleanUp` (stop the servers, remove or keep the temporary files) runs exactly once, whether
 * main succeeds, throws, is interrupted (exit 128 + signal) or outlives `timeoutMs` (exit 1).
 * `cleanUp` is told whether the run failed, so it can keep the files for a look.
 */
export async function runMain(
  main: () => Promise<number>,
  cleanUp: (failed: boolean) => Promise<void>,
  options: { timeoutMs?: number } = {},
): Promise<void> {
  let cleaning: Promise<void> | undefined;
  const once = (failed: boolean) => (cleaning ??= cleanUp(failed));

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping the servers…`);
      void once(false).finally(() => process.exit(128 + constants.signals[signal]));
    });
  }
  if (options.timeoutMs !== undefined) {
    const minutes = options.timeoutMs / 60_000;
    setTimeout(() => {
      console.error(`The run did not finish within ${minutes} minutes.`);
      void once(true).finally(() => process.exit(1));
    }, options.timeoutMs).unref();
  }

  try {
    process.exitCode = await main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  } finally {
    await once(process.exitCode !== 0);
  }
}
