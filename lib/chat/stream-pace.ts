/**
 * When a streamed update may re-render the page. Updates come at most once per `throttleMs`, and no sooner
 * than twice what the last one cost the page (its render, style, layout and paint, measured from the update
 * to the first frame shown after it): on a fast machine that is the throttle, ten a second; where a frame
 * of a long answer takes 100 ms (a slow laptop), updates space out so that the page stays idle half the
 * time — input is answered, and the render keeps up with the stream instead of trailing it, so the last
 * token shows as soon as it arrives. Capped, so that text still moves on a very slow machine.
 */
export const MAX_UPDATE_INTERVAL_MS = 600;

export function updateInterval(throttleMs: number, lastUpdateCostMs: number): number {
  return Math.min(MAX_UPDATE_INTERVAL_MS, Math.max(throttleMs, 2 * lastUpdateCostMs));
}

/**
 * How long to wait before publishing an update that arrived at `now`: 0 to publish at once. Waits end on
 * a clock shared by the page (multiples of `throttleMs`), so that comparison columns streaming at once
 * re-render together, once per tick, instead of one after another (each would interrupt the others'
 * deferred render).
 */
export function publishDelay(now: number, publishedAt: number, interval: number, throttleMs: number): number {
  if (now - publishedAt >= interval) return 0;
  const wait = Math.round((publishedAt + interval) / throttleMs) * throttleMs - now;
  return Math.max(0, wait);
}
