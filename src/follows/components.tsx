import { CsrfField, type PageContext } from '../web/page.js';

/** The Follow / Unfollow button of a chapter page; a visitor is asked to sign in first. */
export function FollowForm({
  ctx,
  chapter,
  following,
}: {
  ctx: PageContext;
  chapter: { slug: string; name: string };
  following: boolean;
}) {
  const { t } = ctx;
  if (!ctx.user) {
    return (
      <p>
        <a href={`/login?next=${encodeURIComponent(`/chapters/${chapter.slug}`)}`}>
          {t('members.follow.signIn', { chapter: chapter.name })}
        </a>
      </p>
    );
  }
  return (
    <form
      method="post"
      action={`/chapters/${chapter.slug}/${following ? 'unfollow' : 'follow'}`}
      class="inline"
      novalidate
    >
      <CsrfField ctx={ctx} />
      <button type="submit">
        {following
          ? t('members.follow.stop', { chapter: chapter.name })
          : t('members.follow.start', { chapter: chapter.name })}
      </button>
      {following ? <span class="muted"> {t('members.follow.following')}</span> : null}
    </form>
  );
}
