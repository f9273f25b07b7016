/**
 * One call at a time per key, in order, so a 429 is heard before the next call to that method
 * is sent (not after a dozen concurrent calls are already on their way). Keyed by workspace
 * and Slack method. A call that is merely slow holds the lane for at most `patienceMs` after
 * it started: Slack's 429s come back fast, so waiting longer would queue everyone behind one
 * slow answer.
 */
interface Slot {
  started: Promise<void>;
  settled: Promise<void>;
}

const lanes = new Map<string, Slot>();

export async function inLane<T>(key: string, run: () => Promise<T>, patienceMs = 400): Promise<T> {
  const before = lanes.get(key);
  let start!: () => void;
  let settle!: () => void;
  const slot: Slot = {
    started: new Promise<void>((resolve) => {
      start = resolve;
    }),
    settled: new Promise<void>((resolve) => {
      settle = resolve;
    }),
  };
  lanes.set(key, slot);
  try {
    if (before) {
      await before.started;
      await Promise.race([before.settled, new Promise((resolve) => setTimeout(resolve, patienceMs))]);
    }
    start();
    return await run();
  } finally {
    start();
    settle();
    if (lanes.get(key) === slot) lanes.delete(key);
  }
}
