'use client';
/**
 * Accessible tabs (WAI-ARIA tabs pattern): one tab stop, arrow keys / Home / End move between tabs,
 * only the selected panel is rendered.
 */
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface TabItem {
  id: string;
  label: ReactNode;
  content: () => ReactNode;
}

export function Tabs({ label, items, size = 'md' }: { label: string; items: TabItem[]; size?: 'md' | 'sm' }) {
  const baseId = useId();
  const [selected, setSelected] = useState<string | null>(null);
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const current = items.find((i) => i.id === selected) ?? items[0];
  if (!current) return null;

  const move = (event: KeyboardEvent, index: number) => {
    const last = items.length - 1;
    const next =
      event.key === 'ArrowRight' ? (index === last ? 0 : index + 1)
      : event.key === 'ArrowLeft' ? (index === 0 ? last : index - 1)
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : null;
    if (next === null) return;
    event.preventDefault();
    setSelected(items[next].id);
    refs.current[items[next].id]?.focus();
  };

  const tabClass = size === 'sm' ? 'px-2 py-1 text-xs' : 'px-3 py-1.5 text-sm';
  return (
    <div>
      <div role="tablist" aria-label={label} className="flex gap-1 overflow-x-auto border-b border-neutral-200 dark:border-neutral-800">
        {items.map((item, index) => {
          const isSelected = item.id === current.id;
          return (
            <button
              key={item.id}
              ref={(el) => {
                refs.current[item.id] = el;
              }}
              type="button"
              role="tab"
              id={`${baseId}-tab-${index}`}
              aria-selected={isSelected}
              aria-controls={`${baseId}-panel`}
              tabIndex={isSelected ? 0 : -1}
              onClick={() => setSelected(item.id)}
              onKeyDown={(e) => move(e, index)}
              className={`${tabClass} -mb-px shrink-0 rounded-t border-b-2 font-medium focus-visible:outline-2 focus-visible:outline-blue-600 ${
                isSelected
                  ? 'border-blue-600 text-blue-700 dark:text-blue-300'
                  : 'border-transparent text-neutral-600 hover:text-neutral-900 dark:text-neutral-400 dark:hover:text-neutral-100'
              }`}
            >
              {item.label}
            </button>
          );
        })}
      </div>
      <div
        role="tabpanel"
        id={`${baseId}-panel`}
        aria-labelledby={`${baseId}-tab-${items.indexOf(current)}`}
        tabIndex={0}
        className="pt-3 focus-visible:outline-2 focus-visible:outline-blue-600"
      >
        {current.content()}
      </div>
    </div>
  );
}
