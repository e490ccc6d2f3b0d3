/** Which way a ledger entry moved money (the entity and the API schemas share it; no ElectroDB here). */
export const LEDGER_TYPES = ['topup', 'charge', 'refund'] as const;
export type LedgerType = (typeof LEDGER_TYPES)[number];
