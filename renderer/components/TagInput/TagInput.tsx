import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Icon } from '../Icon/Icon';

export interface TagInputProps {
  id: string;
  value: string[];
  onChange: (tags: string[]) => void;
  /** Every tag in the vault, for the autocomplete. */
  knownTags: string[];
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

const MAX_SUGGESTIONS = 8;

type Option = { kind: 'existing'; tag: string } | { kind: 'create'; tag: string };

/** Splits pasted or typed text on commas (a tag cannot hold one) and drops empties. */
function parseTags(text: string): string[] {
  return text
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
}

/**
 * Tags as removable chips plus an ARIA combobox: type to filter existing tags, ArrowUp/Down to move,
 * Enter or comma to add (creating a tag when it does not exist yet), Backspace on an empty field to
 * remove the last chip, Escape to close the suggestions without closing the dialog.
 */
export function TagInput({ id, value, onChange, knownTags, ...aria }: TagInputProps) {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [highlight, setHighlight] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();

  const options = useMemo<Option[]>(() => {
    const needle = text.trim().toLowerCase();
    const chosen = new Set(value.map((tag) => tag.toLowerCase()));
    const matches = knownTags
      .filter((tag) => !chosen.has(tag.toLowerCase()) && tag.toLowerCase().includes(needle))
      .sort((a, b) => Number(!a.toLowerCase().startsWith(needle)) - Number(!b.toLowerCase().startsWith(needle)) || a.localeCompare(b))
      .slice(0, MAX_SUGGESTIONS)
      .map((tag): Option => ({ kind: 'existing', tag }));
    const exists = knownTags.some((tag) => tag.toLowerCase() === needle) || chosen.has(needle);
    if (needle && !exists && !needle.includes(',')) matches.push({ kind: 'create', tag: text.trim() });
    return matches;
  }, [text, value, knownTags]);

  const listVisible = open && options.length > 0;
  const active = listVisible ? options[Math.min(highlight, options.length - 1)] : undefined;

  const add = (tags: string[]) => {
    const next = [...value];
    for (const tag of tags) {
      // Reuse an existing tag's spelling, so "Prod" does not become a second "prod".
      const canonical = knownTags.find((known) => known.toLowerCase() === tag.toLowerCase()) ?? tag;
      if (!next.some((t) => t.toLowerCase() === canonical.toLowerCase())) next.push(canonical);
    }
    onChange(next);
    setText('');
    setHighlight(0);
  };
  const remove = (tag: string) => {
    onChange(value.filter((t) => t !== tag));
    inputRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open) setOpen(true);
        else setHighlight((h) => (options.length ? (h + 1) % options.length : 0));
        break;
      case 'ArrowUp':
        event.preventDefault();
        setOpen(true);
        setHighlight((h) => (options.length ? (h - 1 + options.length) % options.length : 0));
        break;
      case 'Enter':
        if (active) {
          event.preventDefault();
          add([active.tag]);
        } else if (text.trim()) {
          event.preventDefault();
          add(parseTags(text));
        }
        break;
      case ',':
        event.preventDefault();
        if (text.trim()) add(parseTags(text));
        break;
      case 'Backspace': {
        const last = value[value.length - 1];
        if (text === '' && last !== undefined) {
          event.preventDefault();
          onChange(value.slice(0, -1));
        }
        break;
      }
      case 'Escape':
        if (listVisible) {
          event.preventDefault();
          event.stopPropagation();
          setOpen(false);
        }
        break;
    }
  };

  return (
    <div className="tag-input">
      <div className="tag-input__box" onClick={() => inputRef.current?.focus()}>
        {value.map((tag) => (
          <span key={tag} className="chip chip--removable">
            {tag}
            <button
              type="button"
              className="chip__remove"
              aria-label={`Remove tag ${tag}`}
              onClick={(event) => {
                event.stopPropagation();
                remove(tag);
              }}
            >
              <Icon name="close" size={12} />
            </button>
          </span>
        ))}
        <input
          ref={inputRef}
          id={id}
          className="tag-input__field"
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={listVisible}
          aria-controls={listId}
          aria-activedescendant={active ? `${listId}-${options.indexOf(active)}` : undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder={value.length === 0 ? 'Add tags, e.g. prod' : ''}
          value={text}
          onChange={(event) => {
            const next = event.target.value;
            // A pasted "a, b, c" becomes three chips at once.
            if (next.includes(',')) {
              add(parseTags(next));
              return;
            }
            setText(next);
            setOpen(true);
            setHighlight(0);
          }}
          onKeyDown={onKeyDown}
          onClick={() => setOpen(true)}
          onBlur={() => {
            setOpen(false);
            if (text.trim()) add(parseTags(text));
          }}
          {...aria}
        />
      </div>
      <ul id={listId} role="listbox" aria-label="Tag suggestions" className="tag-input__list" hidden={!listVisible}>
        {listVisible &&
          options.map((option, index) => (
            <li
              key={`${option.kind}:${option.tag}`}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={option === active}
              className={option === active ? 'tag-input__option tag-input__option--active' : 'tag-input__option'}
              onMouseDown={(event) => event.preventDefault()}
              onMouseEnter={() => setHighlight(index)}
              onClick={() => add([option.tag])}
            >
              {option.kind === 'create' ? (
                <>
                  <Icon name="plus" size={14} /> Create tag “{option.tag}”
                </>
              ) : (
                <>
                  <Icon name="tag" size={14} /> {option.tag}
                </>
              )}
            </li>
          ))}
      </ul>
    </div>
  );
}
