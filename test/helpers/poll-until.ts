// Waits for a real process (tor) by polling with a deadline, for tests that cannot run on a
// ManualClock. Not for FakeTor tests: those settle and move the clock instead of sleeping.

/** Polls check() every 25 ms until it holds; fails naming what after timeoutMs. */
export async function pollUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
