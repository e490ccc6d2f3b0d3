/** Where warnings and 429s send a user who needs more: the plans (../shared/API.md). */
export const UPGRADE_HREF = '/v1/plans';
