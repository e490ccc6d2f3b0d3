import type { Profile } from '../../api/account';
import type { Attachment, Message } from '../../api/conversations';
import { formatDateTime, formatTime } from '../../lib/format';
import { Icon } from '../Icon';
import { mentionParts, participantName, STATUS_ICON, STATUS_LABEL } from '../../lib/messages';

interface Props {
  readonly message: Message;
  readonly mine: boolean;
  readonly showAuthor: boolean;
  readonly me: Profile | null;
  readonly onRetry: (clientMessageId: string) => void;
}

export function MessageItem({ message, mine, showAuthor, me, onRetry }: Props) {
  const parts = mentionParts(message.body, message.mentions);
  return (
    <li className={`msg${mine ? ' mine' : ''}`} data-message-id={message.id}>
      <div className="bubble">
        {showAuthor && !mine ? <span className="author">{participantName(message.sender)}</span> : null}
        <p className="body">
          {parts.map((part, i) =>
            part.mention ? (
              <mark
                // biome-ignore lint/suspicious/noArrayIndexKey: parts of one immutable string
                key={i}
                className={`mention${me && part.text.slice(1).toLowerCase() === me.username.toLowerCase() ? ' me' : ''}`}
              >
                {part.text}
              </mark>
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: parts of one immutable string
              <span key={i}>{part.text}</span>
            ),
          )}
        </p>
        {message.attachments.length > 0 ? (
          <ul className="attachments">
            {message.attachments.map((a, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: attachments of one message never reorder
              <AttachmentView key={i} attachment={a} />
            ))}
          </ul>
        ) : null}
        <p className="meta">
          <time dateTime={message.createdAt} title={formatDateTime(message.createdAt)}>
            {formatTime(message.createdAt)}
          </time>
          {mine ? (
            <span
              className={`status status-${message.status}`}
              data-status={message.status}
              title={
                message.errorCode
                  ? `${STATUS_LABEL[message.status]}: ${message.errorCode}`
                  : STATUS_LABEL[message.status]
              }
            >
              <span aria-hidden="true" className="status-icon">
                {STATUS_ICON[message.status]}
              </span>{' '}
              <span className="status-label">{STATUS_LABEL[message.status]}</span>
              {message.errorCode && (message.status === 'failed' || message.status === 'undelivered') ? (
                <span className="status-error"> ({message.errorCode})</span>
              ) : null}
            </span>
          ) : null}
          {message.segments && message.priceCents !== undefined && mine ? (
            <span className="sms-cost">
              {message.segments} seg · ${(message.priceCents / 100).toFixed(2)}
            </span>
          ) : null}
          {mine && message.status === 'failed' && message.clientMessageId ? (
            <button type="button" className="link" onClick={() => onRetry(message.clientMessageId ?? '')}>
              Retry
            </button>
          ) : null}
        </p>
      </div>
    </li>
  );
}

function AttachmentView({ attachment }: { readonly attachment: Attachment }) {
  const { fileName: name, contentType: type, downloadUrl: url } = attachment;
  if (type.startsWith('image/') && url) {
    return (
      <li>
        <a href={url} target="_blank" rel="noreferrer">
          <img src={url} alt={name} className="attachment-image" />
        </a>
      </li>
    );
  }
  return (
    <li>
      {url ? (
        <a href={url} target="_blank" rel="noreferrer" download={name} className="file-link">
          <Icon name="file" /> {name}
        </a>
      ) : (
        <span className="file-link">
          <Icon name="file" /> {name}
        </span>
      )}
    </li>
  );
}
