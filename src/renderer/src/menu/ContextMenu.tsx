/**
 * A small generic context menu: fixed at a client point, kept inside the viewport, nested submenus,
 * inline text inputs ("New speaker…"), full keyboard use (arrows, Enter, Escape, ←/→ for submenus).
 * Closes on an outside press, Escape, window blur or resize; gives focus back to where it was.
 */
import { useEffect, useLayoutEffect, useRef, useState, type JSX, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { placeMenu, stepFocus, type MenuItem } from './menu-items';
import './menu.css';

export interface ContextMenuProps {
  /** Client coordinates of the menu's top-left corner (it flips to stay on screen). */
  x: number;
  y: number;
  items: MenuItem[];
  onClose(): void;
  testId?: string;
}

export function ContextMenu({ x, y, items, onClose, testId }: ContextMenuProps): JSX.Element {
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const close = (): void => closeRef.current();
    const down = (e: PointerEvent): void => {
      if (!(e.target instanceof Element) || !e.target.closest('.duosub-menu')) close();
    };
    window.addEventListener('pointerdown', down, true);
    window.addEventListener('blur', close);
    window.addEventListener('resize', close);
    return () => {
      window.removeEventListener('pointerdown', down, true);
      window.removeEventListener('blur', close);
      window.removeEventListener('resize', close);
      if (document.activeElement === document.body || document.activeElement?.closest('.duosub-menu')) previous?.focus();
    };
  }, []);
  return createPortal(<MenuList items={items} x={x} y={y} onClose={onClose} onBack={null} testId={testId} />, document.body);
}

interface MenuListProps {
  items: MenuItem[];
  x: number;
  y: number;
  onClose(): void;
  /** Closes just this submenu (← or Escape); null on the root menu. */
  onBack: (() => void) | null;
  /** Where the menu ends when it has to open leftwards (a submenu: its parent's left edge). */
  flipX?: number;
  testId?: string;
}

function MenuList({ items, x, y, onClose, onBack, flipX, testId }: MenuListProps): JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState({ left: x, top: y });
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState<{ index: number; x: number; y: number; flipX: number } | null>(null);
  const [editing, setEditing] = useState(-1);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    setPos(placeMenu(x, y, { width: r.width, height: r.height }, { width: window.innerWidth, height: window.innerHeight }, flipX));
    el.focus();
  }, [x, y, flipX]);

  const openSub = (i: number): void => {
    const row = ref.current?.children[i]?.getBoundingClientRect();
    if (row) setOpen({ index: i, x: row.right - 2, y: row.top - 5, flipX: row.left + 2 });
  };
  const activate = (i: number): void => {
    const item = items[i];
    if (!item || item.kind === 'separator' || ('disabled' in item && item.disabled)) return;
    if (item.kind === 'action') {
      onClose();
      item.run();
    } else if (item.kind === 'submenu') openSub(i);
    else setEditing(i);
  };
  const onKeyDown = (e: KeyboardEvent): void => {
    const item = items[active];
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') setActive(stepFocus(items, active, e.key === 'ArrowDown' ? 1 : -1));
    else if (e.key === 'Enter' || e.key === ' ') activate(active);
    else if (e.key === 'ArrowRight' && item?.kind === 'submenu') openSub(active);
    else if (e.key === 'ArrowLeft' && onBack) onBack();
    else if (e.key === 'Escape') (onBack ?? onClose)();
    else if (e.key !== 'Tab') return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div
      ref={ref}
      className="duosub-menu popup-surface"
      role="menu"
      tabIndex={-1}
      style={{ left: pos.left, top: pos.top }}
      onKeyDown={onKeyDown}
      onContextMenu={(e) => e.preventDefault()}
      data-testid={testId}
    >
      {items.map((item, i) => {
        if (item.kind === 'separator') return <div key={i} className="duosub-menu-sep" role="separator" />;
        if (item.kind === 'input' && editing === i) {
          return (
            <MenuInput
              key={i}
              placeholder={item.placeholder ?? item.label}
              onSubmit={(text) => {
                onClose();
                item.submit(text);
              }}
              onCancel={() => {
                setEditing(-1);
                ref.current?.focus();
              }}
            />
          );
        }
        const disabled = 'disabled' in item && item.disabled === true;
        return (
          <div
            key={i}
            role="menuitem"
            aria-disabled={disabled}
            aria-haspopup={item.kind === 'submenu' || undefined}
            className={`duosub-menu-item${i === active ? ' active' : ''}`}
            onMouseEnter={() => {
              setActive(i);
              if (item.kind === 'submenu' && !disabled) openSub(i);
              else setOpen(null);
            }}
            onClick={() => activate(i)}
          >
            <span className="duosub-menu-check">{item.kind === 'action' && item.checked ? '✓' : ''}</span>
            <span className="duosub-menu-label">
              {item.kind === 'action' && item.color && <span className="duosub-menu-swatch" style={{ background: item.color }} />}
              {item.label}
            </span>
            {item.kind === 'submenu' && <span className="duosub-menu-hint">▸</span>}
            {item.kind === 'action' && item.hint && <span className="duosub-menu-hint">{item.hint}</span>}
          </div>
        );
      })}
      {open && items[open.index]?.kind === 'submenu' && (
        <MenuList
          items={(items[open.index] as Extract<MenuItem, { kind: 'submenu' }>).items}
          x={open.x}
          y={open.y}
          flipX={open.flipX}
          onClose={onClose}
          onBack={() => {
            setOpen(null);
            ref.current?.focus();
          }}
        />
      )}
    </div>
  );
}

function MenuInput(props: { placeholder: string; onSubmit(text: string): void; onCancel(): void }): JSX.Element {
  const [value, setValue] = useState('');
  return (
    <input
      className="duosub-menu-input"
      autoFocus
      value={value}
      placeholder={props.placeholder}
      onChange={(e) => setValue(e.currentTarget.value)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter' && value.trim()) props.onSubmit(value.trim());
        else if (e.key === 'Escape') props.onCancel();
      }}
    />
  );
}
