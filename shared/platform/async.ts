/** Resolves after `ms` milliseconds (retry backoff between conditional writes and batch retries). */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
