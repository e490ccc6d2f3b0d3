/**
 * The S3 object tag that tells an unbound upload from a kept attachment: uploads carry
 * `attachment=pending` (set by the presigned POST), binding to a message re-tags the object
 * `attachment=bound`, and the bucket's lifecycle rule `expire-unbound-attachments` (lib/) deletes
 * objects still pending after a day.
 */
export const ATTACHMENT_TAG = { key: 'attachment', pending: 'pending', bound: 'bound' } as const;

/** The `tagging` field of a POST upload: S3's XML form of the tag set `attachment=pending`. */
export const PENDING_TAGGING_XML = `<Tagging><TagSet><Tag><Key>${ATTACHMENT_TAG.key}</Key><Value>${ATTACHMENT_TAG.pending}</Value></Tag></TagSet></Tagging>`;
