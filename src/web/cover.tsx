/** A cover picture as pages show it (events, chapters, venues): every width, the browser picks. */
export interface CoverPicture {
  url: string;
  srcset: string;
  width: number;
  height: number;
  alt: string;
}

/**
 * The cover of a page or a card. Width and height are given so the page does not jump as the
 * picture arrives; `sizes` says how wide it is shown, so a phone fetches the 320- or 640-pixel one.
 */
export function CoverImage({
  cover,
  sizes = '(max-width: 48rem) 100vw, 48rem',
  variant = 'page',
}: {
  cover: CoverPicture | null | undefined;
  sizes?: string;
  variant?: 'page' | 'card';
}) {
  if (!cover) return null;
  return (
    <img
      class={`cover cover-${variant}`}
      src={cover.url}
      srcset={cover.srcset}
      sizes={sizes}
      width={cover.width}
      height={cover.height}
      alt={cover.alt}
      loading={variant === 'card' ? 'lazy' : undefined}
      decoding="async"
    />
  );
}
