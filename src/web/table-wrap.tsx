import type { ComponentChildren } from 'preact';

/**
 * A wide table that scrolls sideways on a phone. The scrolling box must be reachable by keyboard
 * (axe: scrollable-region-focusable), so it takes focus.
 */
export function TableWrap({ children }: { children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a box that scrolls must be focusable to be scrolled by keyboard.
    <div class="table-wrap" tabIndex={0}>
      {children}
    </div>
  );
}
