import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one structured logger. Event payloads are never logged (they may carry passwords,
 * tokens or API keys); log explicit, non-secret fields only.
 */
export const logger = new Logger({
  serviceName: 'smsproj',
  logLevel: (process.env.LOG_LEVEL as 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT' | undefined) ?? 'INFO',
});
