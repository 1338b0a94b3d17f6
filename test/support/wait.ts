// Waiting for something the services do on their own time (a frame over the link, a device thread).

/** Polls `probe` every 5 ms until it gives something, for about ten seconds at the most. */
export async function until<T>(probe: () => T | undefined | false | null): Promise<T> {
  for (let i = 0; i < 2000; i++) {
    const v = probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('timed out');
}
