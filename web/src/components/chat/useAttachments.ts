import { useCallback, useEffect, useRef, useState } from 'react';
import { createAttachment, uploadToStorage } from '../../api/conversations';
import { attachmentProblem } from '../../lib/messages';

export interface PendingAttachment {
  readonly key: string;
  readonly file: File;
  readonly previewUrl: string | null;
  readonly state: 'uploading' | 'ready' | 'failed';
  readonly attachmentId?: string;
  readonly error?: string;
}

let counter = 0;

/**
 * Files picked for the next message: checked against the API's size/type rules first, then
 * uploaded straight to storage with the presigned POST while the person types.
 */
export function useAttachments(conversationId: string) {
  const [pending, setPending] = useState<PendingAttachment[]>([]);
  const [problem, setProblem] = useState('');
  const urls = useRef(new Set<string>());

  useEffect(
    () => () => {
      for (const url of urls.current) URL.revokeObjectURL(url);
    },
    [],
  );

  const add = useCallback(
    (files: readonly File[]) => {
      const update = (key: string, change: Partial<PendingAttachment>) =>
        setPending((all) => all.map((p) => (p.key === key ? { ...p, ...change } : p)));
      const problems: string[] = [];
      for (const file of files) {
        const issue = attachmentProblem(file);
        if (issue) {
          problems.push(issue);
          continue;
        }
        counter += 1;
        const key = `att-${counter}`;
        const previewUrl = file.type.startsWith('image/') ? URL.createObjectURL(file) : null;
        if (previewUrl) urls.current.add(previewUrl);
        setPending((all) => [...all, { key, file, previewUrl, state: 'uploading' }]);
        (async () => {
          try {
            const created = await createAttachment(conversationId, {
              fileName: file.name,
              contentType: file.type,
              size: file.size,
            });
            await uploadToStorage(created.upload, file);
            update(key, { state: 'ready', attachmentId: created.attachmentId });
          } catch (err) {
            update(key, { state: 'failed', error: err instanceof Error ? err.message : 'Upload failed.' });
          }
        })();
      }
      setProblem(problems.join(' '));
    },
    [conversationId],
  );

  const remove = useCallback((key: string) => {
    setPending((all) => all.filter((p) => p.key !== key));
  }, []);

  /** Hands the ready attachments to a message and empties the tray (previews stay alive for the draft). */
  const take = useCallback(() => {
    const ready = pending.filter((p) => p.state === 'ready');
    setPending([]);
    setProblem('');
    return ready;
  }, [pending]);

  return {
    pending,
    problem,
    uploading: pending.some((p) => p.state === 'uploading'),
    add,
    remove,
    take,
  };
}
