import { logger } from '../shared/platform/observability/logger';

/** The few log calls the local runtime makes: explicit fields only, never a payload or a header. */
export interface LocalLogger {
  info(message: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void;
  error(message: string, fields?: Readonly<Record<string, unknown>>): void;
}

/**
 * A child of the platform's structured logger (same JSON lines as the handlers), tagged with
 * the runtime component so gateway lines are easy to tell from handler lines.
 */
export function createLocalLogger(component: string): LocalLogger {
  const child = logger.createChild({ persistentKeys: { component } });
  return {
    info: (message, fields = {}) => child.info(message, { ...fields }),
    warn: (message, fields = {}) => child.warn(message, { ...fields }),
    error: (message, fields = {}) => child.error(message, { ...fields }),
  };
}

/** For tests and quiet embedding. */
export const silentLogger: LocalLogger = { info: () => {}, warn: () => {}, error: () => {} };
