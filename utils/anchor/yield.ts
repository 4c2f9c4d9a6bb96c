interface SchedulerWithYield {
  yield?: () => Promise<void>;
}

/**
 * Gives the main thread back to the page so input and rendering run. scheduler.yield() (Chromium
 * 129+) resumes us ahead of other queued tasks; elsewhere a zero-delay timer.
 */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: SchedulerWithYield }).scheduler;
  if (scheduler && typeof scheduler.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
