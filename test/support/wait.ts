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

/**
 * `promise`, or a failure naming `step` if it has not settled within `ms`: a test whose steps each have a
 * bound says which one hung instead of timing out as a whole.
 */
export async function within<T>(ms: number, step: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${step}: not done within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
