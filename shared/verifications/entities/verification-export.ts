// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ElectroDB key templates are plain strings with ${attribute} placeholders.
import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../platform/db/model-entity';
import { SERVICE_NAME } from '../../platform/db/schema';

export const EXPORT_STATUSES = ['queued', 'running', 'ready', 'failed'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];
export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** What an export holds: the verification history, or the whole account (GDPR access, shared/accounts/data-export.ts). */
export const EXPORT_KINDS = ['verifications', 'account'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/**
 * A background export to S3: a user's verification history (results too large to stream), or
 * (`kind: 'account'`) the user's whole account as one JSON document.
 * Indexes:
 * - `primary` (pk `vexport#<id>`): the poll endpoint (owner checked after the read).
 * - `byPending` (gsi3: pk `vexportq`, sk `queuedAt`): the export worker's queue. Sparse: only queued
 *   and running exports are in it, so the scheduled worker reads nothing when idle.
 * Kept a week (TTL); the S3 object has its own lifecycle.
 */
export const VerificationExport = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'verificationExport', version: '1' },
  attributes: {
    exportId: { type: 'string', required: true, readOnly: true },
    userId: { type: 'string', required: true, readOnly: true },
    kind: { type: EXPORT_KINDS, required: true, readOnly: true, default: 'verifications' },
    format: { type: EXPORT_FORMATS, required: true, readOnly: true },
    /** The history filters, as validated: service, status, from and to (ISO instants). */
    filters: {
      type: 'map',
      required: true,
      readOnly: true,
      properties: {
        service: { type: 'string' },
        status: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
      },
    },
    status: { type: EXPORT_STATUSES, required: true },
    /** A running export whose worker died is taken over after this (epoch ms). */
    claimedUntil: { type: 'number' },
    attempts: { type: 'number', required: true, default: 0 },
    objectKey: { type: 'string' },
    rowCount: { type: 'number' },
    error: { type: 'string' },
    createdAt: { type: 'string', required: true, readOnly: true },
    /** Queue position; written again with every status change so ElectroDB re-evaluates the sparse index. */
    queuedAt: { type: 'string', required: true },
    finishedAt: { type: 'string' },
    ttl: { type: 'number', required: true },
  },
  indexes: {
    primary: {
      pk: { field: 'pk', composite: ['exportId'], template: 'vexport#${exportId}', casing: 'none' },
      sk: { field: 'sk', composite: [], template: 'export', casing: 'none' },
    },
    byPending: {
      index: 'gsi3',
      condition: (attr) => attr.status === 'queued' || attr.status === 'running',
      pk: { field: 'gsi3pk', composite: [], template: 'vexportq', casing: 'none' },
      sk: { field: 'gsi3sk', composite: ['queuedAt'], template: '${queuedAt}', casing: 'none' },
    },
  },
});
export type VerificationExportItem = EntityItem<typeof VerificationExport>;
