// How long the event loop went without running a timer while `work` ran: a test's measure of whether
// work really happened on another thread (a few ms) or on this one (all of it).
export async function longestEventLoopGap<T>(
  work: () => T | Promise<T>,
): Promise<{ result: T; elapsed: number; longest: number }> {
  let last = performance.now();
  let longest = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  const started = performance.now();
  try {
    const result = await work();
    const now = performance.now();
    // The stretch since the last tick counts too: work done in one piece never lets a tick run.
    return { result, elapsed: now - started, longest: Math.max(longest, now - last) };
  } finally {
    clearInterval(ticker);
  }
}
