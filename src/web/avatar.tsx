import type { CoverPicture } from './cover.js';

/** "Ada Lovelace" → "AL": what stands in for a member without a picture. */
export const initials = (name: string) =>
  name
    .split(/[\s-]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');

/**
 * A member's square picture at `size` CSS pixels (the browser picks the width from `srcset`), or
 * their initials in a circle. The initials are decorative (the name is always written beside),
 * so they are hidden from screen readers; a picture's alt text is the member's name.
 */
export function Avatar({
  picture,
  name,
  size,
}: {
  picture: CoverPicture | null | undefined;
  name: string;
  /** CSS pixels: 48 (cards) or 160 (a profile), each with its class in app.css. */
  size: 48 | 160;
}) {
  if (!picture)
    return (
      <span class={`avatar avatar-none avatar-${size}`} aria-hidden="true">
        {initials(name)}
      </span>
    );
  return (
    <img
      class={`avatar avatar-${size}`}
      src={picture.url}
      srcset={picture.srcset}
      sizes={`${size}px`}
      width={size}
      height={size}
      alt={picture.alt}
      loading="lazy"
      decoding="async"
    />
  );
}
