/** ElectroDB entity names whose stream records the outbox router acts on (also the Lambda event filter). */
export const ROUTED_ENTITIES = ['message', 'verification', 'ownedNumber', 'queuedNotification'] as const;
