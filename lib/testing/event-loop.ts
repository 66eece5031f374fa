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
    return { result, elapsed: performance.now() - started, longest };
  } finally {
    clearInterval(ticker);
  }
}
