import {
  type ChangeEvent,
  type FormEvent,
  type KeyboardEvent,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { mentionCandidates } from '../../api/conversations';
import { smsPricing } from '../../api/numbers';
import type { Profile } from '../../api/account';
import type { Conversation, Participant } from '../../api/conversations';
import { formatBytes } from '../../lib/format';
import { Icon } from '../Icon';
import { ALLOWED_ATTACHMENT_TYPES, mentionQuery } from '../../lib/messages';
import { mentionOptionId, MentionListbox } from './MentionListbox';
import { countryOfNumber, estimateSegments } from '../../lib/sms';
import { useAttachments } from './useAttachments';
import type { Outgoing } from './useMessages';

interface Props {
  readonly conversation: Conversation;
  readonly me: Profile | null;
  readonly onSend: (out: Outgoing) => void;
  readonly onTyping: (isTyping: boolean) => void;
}

/** Below the indicator's expiry (6 s) and above the server's relay throttle (2 s): a dropped start is soon repeated. */
const TYPING_REPEAT_MS = 2500;
const TYPING_IDLE_MS = 4000;

/** The message box: Enter sends, Shift+Enter breaks the line, `@` suggests participants, files attach. */
export function Composer({ conversation, me, onSend, onTyping }: Props) {
  const [text, setText] = useState('');
  const [prices, setPrices] = useState<ReadonlyArray<{ country: string; perSegmentCents: number }>>([]);
  useEffect(() => {
    if (conversation.type !== 'sms') return;
    let live = true;
    smsPricing()
      .then((table) => {
        if (live) setPrices(table);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [conversation.type]);
  const peer = conversation.participants.find((p) => p.phoneNumber)?.phoneNumber;
  const smsEstimate = conversation.type === 'sms' ? estimateSegments(text) : undefined;
  const perSegment = peer
    ? prices.find((p) => p.country === countryOfNumber(peer))?.perSegmentCents
    : undefined;
  const [mention, setMention] = useState<{ query: string; start: number } | null>(null);
  const [options, setOptions] = useState<Participant[]>([]);
  const [active, setActive] = useState(0);
  const box = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const textareaId = useId();
  const fileId = useId();
  const attachments = useAttachments(conversation.id);
  const typing = useRef({ sentAt: 0, idle: 0 });
  const isChat = conversation.type === 'chat';

  // Fetch suggestions for the @prefix being typed.
  useEffect(() => {
    if (!mention || !isChat) {
      setOptions([]);
      return;
    }
    let cancelled = false;
    const timer = window.setTimeout(async () => {
      try {
        const found = await mentionCandidates(conversation.id, mention.query);
        if (cancelled) return;
        setOptions(found.filter((p) => p.username && p.userId !== me?.userId).slice(0, 8));
        setActive(0);
      } catch {
        if (!cancelled) setOptions([]);
      }
    }, 120);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [mention, conversation.id, isChat, me?.userId]);

  useEffect(
    () => () => {
      window.clearTimeout(typing.current.idle);
    },
    [],
  );

  const stopTyping = () => {
    window.clearTimeout(typing.current.idle);
    if (typing.current.sentAt !== 0) onTyping(false);
    typing.current.sentAt = 0;
  };

  const noteTyping = () => {
    const now = Date.now();
    if (now - typing.current.sentAt > TYPING_REPEAT_MS) {
      typing.current.sentAt = now;
      onTyping(true);
    }
    window.clearTimeout(typing.current.idle);
    typing.current.idle = window.setTimeout(stopTyping, TYPING_IDLE_MS);
  };

  const onChange = (event: ChangeEvent<HTMLTextAreaElement>) => {
    setText(event.target.value);
    setMention(isChat ? mentionQuery(event.target.value, event.target.selectionStart) : null);
    if (event.target.value) noteTyping();
    else stopTyping();
  };

  const pick = (username: string) => {
    if (!mention || !username) return;
    const caret = box.current?.selectionStart ?? text.length;
    const before = text.slice(0, mention.start);
    const after = text.slice(caret);
    const insert = `@${username} `;
    setText(before + insert + after);
    setMention(null);
    const position = before.length + insert.length;
    window.requestAnimationFrame(() => {
      box.current?.focus();
      box.current?.setSelectionRange(position, position);
    });
  };

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const ready = attachments.uploading ? [] : attachments.take();
    const body = text.trim() || ready.map((a) => a.file.name).join(', ');
    if (!body) return;
    const mentioned = new Set(
      [...body.matchAll(/@([a-z0-9_]{3,30})/gi)].map((m) => (m[1] ?? '').toLowerCase()),
    );
    onSend({
      body,
      attachmentIds: ready.map((a) => a.attachmentId ?? ''),
      localAttachments: ready.map((a) => ({
        fileName: a.file.name,
        contentType: a.file.type,
        size: a.file.size,
        ...(a.previewUrl ? { downloadUrl: a.previewUrl } : {}),
      })),
      mentions: conversation.participants
        .filter((p) => p.username && p.userId && mentioned.has(p.username.toLowerCase()))
        .map((p) => ({ userId: p.userId ?? '', username: p.username ?? '' })),
    });
    setText('');
    setMention(null);
    stopTyping();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.nativeEvent.isComposing) return;
    const open = mention !== null && options.length > 0;
    if (open && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + options.length) % options.length);
      return;
    }
    if (open && (event.key === 'Enter' || event.key === 'Tab')) {
      event.preventDefault();
      pick(options[active]?.username ?? '');
      return;
    }
    if (open && event.key === 'Escape') {
      event.preventDefault();
      setMention(null);
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      submit();
    }
  };

  const onFiles = (event: ChangeEvent<HTMLInputElement>) => {
    attachments.add(Array.from(event.target.files ?? []));
    event.target.value = '';
  };

  const open = mention !== null && options.length > 0;
  const canSend =
    !attachments.uploading &&
    (text.trim().length > 0 || attachments.pending.some((p) => p.state === 'ready'));

  return (
    <form className="composer" onSubmit={submit}>
      {attachments.problem ? (
        <p role="alert" className="alert small">
          {attachments.problem}
        </p>
      ) : null}
      {attachments.pending.length > 0 ? (
        <ul className="tray" aria-label="Attachments to send">
          {attachments.pending.map((p) => (
            <li key={p.key} className={`tray-item ${p.state}`}>
              {p.previewUrl ? (
                <img src={p.previewUrl} alt={`Preview of ${p.file.name}`} />
              ) : (
                <span className="file-icon">
                  <Icon name="file" size={28} />
                </span>
              )}
              <span className="tray-name">
                {p.file.name} <span className="muted">({formatBytes(p.file.size)})</span>
                <span className="muted">
                  {p.state === 'uploading'
                    ? ' Uploading…'
                    : p.state === 'failed'
                      ? ` ${p.error ?? 'Failed'}`
                      : ' Ready'}
                </span>
              </span>
              <button
                type="button"
                className="icon"
                aria-label={`Remove ${p.file.name}`}
                onClick={() => attachments.remove(p.key)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {open ? <MentionListbox id={listId} options={options} active={active} onPick={pick} /> : null}
      {smsEstimate ? (
        <p className="sms-meter" data-testid="sms-meter" aria-live="polite">
          {smsEstimate.segments} segment{smsEstimate.segments === 1 ? '' : 's'} · {smsEstimate.encoding}
          {perSegment !== undefined ? ` · ≈ $${((smsEstimate.segments * perSegment) / 100).toFixed(2)}` : ''}
        </p>
      ) : null}
      <div className="composer-row">
        <input
          id={fileId}
          type="file"
          className="sr-only"
          multiple
          accept={ALLOWED_ATTACHMENT_TYPES.join(',')}
          onChange={onFiles}
        />
        <label htmlFor={fileId} className="attach" title="Attach file">
          <Icon name="paperclip" />
          <span className="sr-only">Attach file</span>
        </label>
        <label htmlFor={textareaId} className="sr-only">
          Message
        </label>
        <textarea
          ref={box}
          id={textareaId}
          rows={1}
          value={text}
          placeholder={conversation.type === 'sms' ? 'Text message' : 'Write a message…'}
          onChange={onChange}
          onKeyDown={onKeyDown}
          onBlur={() => window.setTimeout(() => setMention(null), 150)}
          aria-autocomplete={isChat ? 'list' : undefined}
          aria-controls={open ? listId : undefined}
          aria-activedescendant={open ? mentionOptionId(listId, active) : undefined}
          maxLength={4000}
        />
        <button type="submit" disabled={!canSend}>
          Send
        </button>
      </div>
    </form>
  );
}
