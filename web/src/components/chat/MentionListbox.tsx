import type { Participant } from '../../api/conversations';

interface Props {
  readonly id: string;
  readonly options: readonly Participant[];
  readonly active: number;
  readonly onPick: (username: string) => void;
}

export const mentionOptionId = (listId: string, index: number) => `${listId}-opt-${index}`;

/** The `@` autocomplete popup; the textarea keeps focus and drives it with aria-activedescendant. */
export function MentionListbox({ id, options, active, onPick }: Props) {
  return (
    <div id={id} role="listbox" aria-label="Mention suggestions" className="mentions-popup">
      {options.map((option, index) => (
        <div
          key={option.userId ?? option.username}
          id={mentionOptionId(id, index)}
          role="option"
          tabIndex={-1}
          aria-selected={index === active}
          className={index === active ? 'active' : undefined}
          // mousedown, not click: keeps focus (and the caret) in the textarea
          onMouseDown={(event) => {
            event.preventDefault();
            onPick(option.username ?? '');
          }}
        >
          @{option.username}
        </div>
      ))}
    </div>
  );
}
