// One screen, no hidden scroll (R27): a screen's items are shown as many as fit, and the rest on further
// pages reached by large, visible, spoken buttons that the keypad reaches like any other. How many fit is
// measured, not guessed, at every screen shape and text size.
import { createContext, useContext, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { upperFirst, type Translate } from './i18n.js';

/** Changes whenever what fits may change: the text size (the window's own size is watched here). */
export const FitContext = createContext('');

const FOCUSABLE = 'button:not([disabled])';

function useViewport(): string {
  const [size, setSize] = useState(() => `${innerWidth}x${innerHeight}`);
  useEffect(() => {
    const resized = () => setSize(`${innerWidth}x${innerHeight}`);
    addEventListener('resize', resized);
    return () => removeEventListener('resize', resized);
  }, []);
  return size;
}

export interface PagedProps {
  readonly items: readonly React.ReactNode[];
  readonly className: string;
  readonly t: Translate;
  /** "Altri candidati" or "Altre schede". */
  readonly what: 'candidates' | 'ballots';
  /** The item whose page is shown first (the first item's, unless given). */
  readonly start?: number;
}

export function Paged({ items, className, t, what, start = 0 }: PagedProps) {
  const fit = `${useContext(FitContext)}/${useViewport()}/${items.length}`;
  const [layout, setLayout] = useState({ fit, perPage: items.length });
  const [first, setFirst] = useState(start);
  const box = useRef<HTMLDivElement>(null);
  const moved = useRef(false);
  const perPage = layout.fit === fit ? layout.perPage : items.length;

  // Measured after each layout: one item fewer a page until the page fits (or one item is left).
  useLayoutEffect(() => {
    if (layout.fit !== fit) return setLayout({ fit, perPage: items.length });
    const el = box.current;
    if (el && perPage > 1 && (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)) setLayout({ fit, perPage: perPage - 1 });
  });
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const page = Math.min(Math.floor(first / perPage), pages - 1);
  // After a page is turned, the focus goes to its first item: "down" then reads on from there.
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    box.current?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
  }, [page]);
  const turn = (to: number) => {
    moved.current = true;
    setFirst(to * perPage);
  };
  const of = (i: number) => t('page.of', { i: i + 1, n: pages });
  const more = what === 'candidates' ? t('page.more') : t('page.moreBallots');
  // What the voice says of the paging (speech.ts): on arriving, that there are pages and how to reach
  // them; on a page turned, which page it is.
  const said = pages > 1 ? { 'data-pages-intro': t('page.intro', { n: pages, more }), 'data-page-said': `${upperFirst(of(page))}.` } : {};
  // Both page buttons in one row beneath the page, so that the page keeps the room a row above it
  // would take; the arrows reach them after the page's last item, as the voice says.
  return (
    <div className="paged">
      <div ref={box} className={`page ${className}${pages === 1 ? ' whole' : ''}`} data-page={`${page + 1}/${pages}`} {...said}>
        {items.slice(page * perPage, (page + 1) * perPage)}
      </div>
      {pages > 1 && (
        <div className="pagers">
          <button type="button" className="pager" disabled={page === 0} onClick={() => turn(page - 1)}>
            <span aria-hidden="true">◀ </span>
            {what === 'candidates' ? t('page.previous') : t('page.previousBallots')}
          </button>
          <button type="button" className="pager" disabled={page === pages - 1} onClick={() => turn(page + 1)}>
            {more} <span className="page-of">({of(page)})</span>
            <span aria-hidden="true"> ▶</span>
          </button>
        </div>
      )}
    </div>
  );
}
