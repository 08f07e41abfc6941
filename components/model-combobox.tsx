'use client';
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ModelInfo } from '@/lib/client/models';
import { formatPrice } from './format-price';

/**
 * A searchable model picker (the ARIA 1.2 combobox pattern: a text input that filters a listbox). Type to filter,
 * ↑/↓ to move, Enter to choose, Escape to close. With `multiple`, choosing toggles a model and the input stays
 * open for the next; the chosen models are listed as removable chips.
 */
export function ModelCombobox({
  label,
  models,
  selected,
  onChange,
  multiple = false,
  testId,
}: {
  label: string;
  models: ModelInfo[];
  selected: string[];
  onChange: (ids: string[]) => void;
  multiple?: boolean;
  testId: string;
}) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q ? models.filter((m) => `${m.id} ${m.label} ${m.provider}`.toLowerCase().includes(q)) : models;
  }, [models, query]);
  const listId = `${id}-list`;
  const optionId = (index: number) => `${id}-opt-${index}`;

  const choose = (model: ModelInfo) => {
    if (multiple) {
      onChange(selected.includes(model.id) ? selected.filter((s) => s !== model.id) : [...selected, model.id]);
    } else {
      onChange([model.id]);
      setOpen(false);
      setQuery('');
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) return setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (matches.length === 0 ? 0 : (i + step + matches.length) % matches.length));
    } else if (event.key === 'Enter') {
      if (!open || !matches[active]) return;
      event.preventDefault();
      choose(matches[active]);
    } else if (event.key === 'Escape') {
      if (open) event.preventDefault();
      setOpen(false);
    } else if (event.key === 'Backspace' && query === '' && multiple && selected.length > 0) {
      onChange(selected.slice(0, -1));
    }
  };

  return (
    <div className="relative space-y-1" data-testid={testId}>
      <label htmlFor={`${id}-input`} className="block text-xs font-medium text-neutral-700 dark:text-neutral-300">
        {label}
      </label>
      {multiple && selected.length > 0 && (
        <ul aria-label={`${label}: chosen`} className="flex flex-wrap gap-1">
          {selected.map((modelId) => (
            <li key={modelId} data-testid="chosen-model" className="inline-flex items-center gap-1 rounded-full bg-blue-100 py-0.5 pr-1 pl-2 text-xs text-blue-900 dark:bg-blue-950 dark:text-blue-100">
              {modelId}
              <button
                type="button"
                onClick={() => onChange(selected.filter((s) => s !== modelId))}
                aria-label={`Remove ${modelId}`}
                className="min-h-6 min-w-6 rounded-full hover:bg-blue-200 focus-visible:outline-2 focus-visible:outline-blue-600 dark:hover:bg-blue-900"
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        ref={inputRef}
        id={`${id}-input`}
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && matches[active] ? optionId(active) : undefined}
        autoComplete="off"
        value={query}
        placeholder={multiple ? 'Search models to add…' : selected[0] ?? 'Search models…'}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        className="min-h-11 w-full rounded-lg border border-neutral-300 bg-white px-3 py-2 text-base sm:text-sm focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-neutral-700 dark:bg-neutral-900"
      />
      {!multiple && selected[0] && (
        <p className="text-xs text-neutral-600 dark:text-neutral-400" data-testid={`${testId}-value`}>
          Chosen: {selected[0]}
        </p>
      )}
      <ul
        id={listId}
        role="listbox"
        aria-label={label}
        aria-multiselectable={multiple || undefined}
        hidden={!open}
        className="absolute z-20 mt-1 max-h-64 w-full overflow-y-auto rounded-lg border border-neutral-300 bg-white shadow-lg dark:border-neutral-700 dark:bg-neutral-900"
      >
        {matches.length === 0 && <li className="px-3 py-2 text-sm text-neutral-600 dark:text-neutral-400">No model matches “{query}”.</li>}
        {matches.map((model, index) => (
          <li
            key={model.id}
            id={optionId(index)}
            role="option"
            aria-selected={selected.includes(model.id)}
            data-model={model.id}
            // mousedown, not click: the input must not blur (and close the list) before the choice lands.
            onMouseDown={(e) => {
              e.preventDefault();
              choose(model);
            }}
            onMouseEnter={() => setActive(index)}
            className={`flex min-h-11 cursor-pointer items-center justify-between gap-2 px-3 py-1 text-sm ${
              index === active ? 'bg-blue-100 dark:bg-blue-950' : ''
            }`}
          >
            <span>
              <span aria-hidden="true" className="inline-block w-4">{selected.includes(model.id) ? '✓' : ''}</span>
              {model.label}
              <span className="text-neutral-600 dark:text-neutral-400"> · {model.provider}</span>
            </span>
            <span className="text-xs text-neutral-600 tabular-nums dark:text-neutral-400">{formatPrice(model)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
