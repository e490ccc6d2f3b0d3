// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ElectroDB key templates are plain strings with ${attribute} placeholders.
import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../platform/db/model-entity';
import { SERVICE_NAME } from '../../platform/db/schema';

/** The deletion job's steps, in order (shared/accounts/deletion.ts). */
export const DELETION_STEPS = ['numbers', 'verifications', 'conversations', 'own-data', 'profile'] as const;
export type DeletionStep = (typeof DELETION_STEPS)[number];

/**
 * An account deletion in progress (GDPR article 17): written when `DELETE /v1/me` is accepted,
 * worked off by the `delete-accounts` job step by step. `doneSteps` are per-step markers, so a
 * run that dies halfway is resumed by the next one from the first unfinished step. Kept (without
 * personal data beyond the user id) as the record that the erasure happened.
 * Indexes:
 * - `primary` (pk `deletion#<userId>`): one per user; a second request finds the first.
 * - `byPending` (gsi3: pk `deletionq`, sk `queuedAt`): the job's queue, sparse (pending and
 *   running only), so an idle job reads nothing.
 */
export const AccountDeletion = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'accountDeletion', version: '1' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    /** Needed until the Cognito user and the uniqueness claims are gone; removed with the profile. */
    email: { type: 'string' },
    username: { type: 'string' },
    status: { type: ['pending', 'running', 'done'] as const, required: true },
    doneSteps: { type: 'set', items: 'string' },
    /** A running deletion whose worker died is taken over after this (epoch ms). */
    claimedUntil: { type: 'number' },
    attempts: { type: 'number', required: true, default: 0 },
    requestedAt: { type: 'string', required: true, readOnly: true },
    /** Queue position; written again with every status change so ElectroDB re-evaluates the sparse index. */
    queuedAt: { type: 'string', required: true },
    finishedAt: { type: 'string' },
  },
  indexes: {
    primary: {
      pk: { field: 'pk', composite: ['userId'], template: 'deletion#${userId}', casing: 'none' },
      sk: { field: 'sk', composite: [], template: 'deletion', casing: 'none' },
    },
    byPending: {
      index: 'gsi3',
      condition: (attr) => attr.status === 'pending' || attr.status === 'running',
      pk: { field: 'gsi3pk', composite: [], template: 'deletionq', casing: 'none' },
      sk: { field: 'gsi3sk', composite: ['queuedAt'], template: '${queuedAt}', casing: 'none' },
    },
  },
});
export type AccountDeletionItem = EntityItem<typeof AccountDeletion>;
