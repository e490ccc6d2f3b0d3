import { createHash } from 'node:crypto';
import type { VerificationItem } from './entities/verification';
import type { VerificationStatus } from './state';

/** Partitions of the expiry work list (gsi2 `vexp#<shard>`); fixed, since items carry their shard. */
export const EXPIRY_SHARDS = 4;

/** The expiry shard of a verification: stable, derived from its id. */
export function expiryShardOf(verificationId: string): string {
  const digest = createHash('sha256').update(verificationId).digest();
  return String(digest.readUInt32BE(0) % EXPIRY_SHARDS);
}

export interface CodeView {
  /** What a person would type (digits/letters only), or null when the SMS held no recognisable code. */
  readonly code: string | null;
  readonly sms: string;
  readonly from: string;
  readonly receivedAt: string;
}

/** An SMS that held no code (v1.1): shown, but it leaves the request pending. */
export interface MessageView {
  readonly sms: string;
  readonly from: string;
  readonly receivedAt: string;
}

/** The API shape of a verification (../shared/API.md "Verifications"). */
export interface VerificationView {
  readonly id: string;
  readonly service: string;
  readonly country: string;
  readonly phoneNumber: string;
  readonly status: VerificationStatus;
  readonly priceCents: number;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly codes: readonly CodeView[];
  /** SMS without a code (noise, ads, a stranger's text), oldest first, at most MAX_MESSAGES. */
  readonly messages: readonly MessageView[];
  readonly finalCode: string | null;
  readonly completedAt: string | null;
  readonly cancelledAt: string | null;
  readonly expiredAt: string | null;
  /** True once the price went back to the balance (expired or cancelled). */
  readonly refunded: boolean;
  /** True once the owner reported the number (POST /report): cancelled, refunded, burnt for the service. */
  readonly reported: boolean;
  readonly reportReason: 'number_used' | 'no_code' | 'other' | null;
  /** The completed request this one rents the number of again (POST /reuse), or null. */
  readonly reuseOf: string | null;
}

export function toView(item: VerificationItem): VerificationView {
  return {
    id: item.verificationId,
    service: item.service,
    country: item.country,
    phoneNumber: item.phoneNumber,
    status: item.status,
    priceCents: item.priceCents,
    createdAt: item.createdAt,
    expiresAt: item.expiresAt,
    codes: (item.codes ?? []).map((c) => ({
      code: c.code ?? null,
      sms: c.sms,
      from: c.from,
      receivedAt: c.receivedAt,
    })),
    messages: (item.messages ?? []).map((m) => ({ sms: m.sms, from: m.from, receivedAt: m.receivedAt })),
    finalCode: item.finalCode ?? null,
    completedAt: item.completedAt ?? null,
    cancelledAt: item.cancelledAt ?? null,
    expiredAt: item.expiredAt ?? null,
    refunded: item.refundedAt !== undefined,
    reported: item.reportedAt !== undefined,
    reportReason: item.reportReason ?? null,
    reuseOf: item.reuseOf ?? null,
  };
}

/** The last code a person could type (messages without a code are skipped). */
export function lastCode(item: Pick<VerificationItem, 'codes'>): string | undefined {
  const codes = item.codes ?? [];
  for (let i = codes.length - 1; i >= 0; i--) {
    const code = codes[i]?.code;
    if (code) return code;
  }
  return undefined;
}
