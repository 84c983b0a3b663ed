import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { User } from '../accounts/service.js';
import { listChapters } from '../chapters/service.js';
import type { Db } from '../db/connection.js';
import { ErrorSummary, Field, Select, validate, type FormErrors, type FormValues } from '../web/forms.js';
import { localeNames, locales } from '../web/i18n.js';
import { CsrfField, Layout, pageContext, sendPage, type PageContext } from '../web/page.js';
import { authorize } from '../web/policy.js';
import { followedChapters } from '../follows/service.js';
import { profileFormValues } from './present.js';
import { findProfile, mailLocale } from './service.js';
import { knownTowns, regionCodes, regionName, regionOfCity } from '../web/regions.js';
import { ProfileUpdateSchema } from './schemas.js';
import { suggestSkills } from '../directory/service.js';
import { updateMyProfile } from './me.js';

type ChapterChoice = { id: string; slug: string; name: string };
interface State {
  values: FormValues;
  errors?: FormErrors;
  followed: Set<string>;
}

const regionOptions = (ctx: PageContext, empty: string) => [
  { value: '', label: empty },
  ...regionCodes.filter((c) => c !== 'other').map((c) => ({ value: c, label: regionName(c, ctx.locale) })),
  { value: 'other', label: ctx.t('members.profile.regionOther') },
];

function Check({ name, label, values, help }: { name: string; label: string; values: FormValues; help?: string }) {
  return (
    <div>
      <input
        type="checkbox"
        id={`f-${name}`}
        name={name}
        value="on"
        checked={values[name] === 'on'}
        aria-describedby={help ? `f-${name}-help` : undefined}
      />{' '}
      <label htmlFor={`f-${name}`}>{label}</label>
      {help ? (
        <p class="help" id={`f-${name}-help`}>
          {help}
        </p>
      ) : null}
    </div>
  );
}

function profilePage(
  req: FastifyRequest,
  reply: FastifyReply,
  state: State,
  chapters: ChapterChoice[],
  skills: string[],
  status = 200,
) {
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  const { values, errors } = state;
  const welcome = (req.query as Record<string, unknown>).welcome === '1';
  return sendPage(
    reply,
    <Layout ctx={ctx} title={t('members.profile.title')}>
      <h1>{t('members.profile.title')}</h1>
      {welcome ? (
        <p class="notice" role="status">
          {t('members.verify.done')}
        </p>
      ) : null}
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action="/me/profile" class="stack" novalidate>
        <CsrfField ctx={ctx} />
        <Field name="name" label={t('field.name')} values={values} errors={errors} autocomplete="name" required />
        <Field
          name="city"
          label={t('members.profile.city')}
          values={values}
          errors={errors}
          suggestions={knownTowns()}
          help={t('members.profile.cityHelp')}
        />
        <Select
          name="residenceRegion"
          label={t('members.profile.residence')}
          values={values}
          errors={errors}
          options={regionOptions(ctx, t('members.profile.regionFromCity'))}
        />
        <Select
          name="originRegion"
          label={t('members.profile.origin')}
          values={values}
          errors={errors}
          options={regionOptions(ctx, t('members.profile.regionNone'))}
        />
        <Field
          name="originDetail"
          label={t('members.profile.originDetail')}
          help={t('members.profile.originDetailHelp')}
          values={values}
          errors={errors}
        />
        <Select
          name="kind"
          label={t('members.profile.kind')}
          values={values}
          errors={errors}
          options={[
            { value: '', label: t('members.profile.kindNone') },
            ...(['tech', 'generalist', 'other'] as const).map((k) => ({ value: k, label: t(`members.kind.${k}`) })),
          ]}
        />
        <Field
          name="skills"
          label={t('members.profile.skills')}
          values={values}
          errors={errors}
          suggestions={skills}
          help={t('members.profile.skillsHelp')}
        />
        <Field name="bio" label={t('members.profile.bio')} values={values} errors={errors} multiline />
        <Field
          name="links"
          label={t('members.profile.links')}
          help={t('members.profile.linksHelp')}
          values={values}
          errors={errors}
          multiline
        />
        <Select
          name="locale"
          label={t('members.profile.locale')}
          values={values}
          errors={errors}
          options={locales.map((l) => ({ value: l, label: localeNames[l] }))}
        />
        <Check
          name="directoryVisible"
          label={t('members.profile.directoryVisible')}
          help={t('members.profile.directoryHelp')}
          values={values}
        />
        <Check
          name="invitationsOptOut"
          label={t('members.profile.optOut')}
          help={t('members.profile.optOutHelp')}
          values={values}
        />
        <Check
          name="attendanceVisible"
          label={t('members.profile.attendanceVisible')}
          help={t('members.profile.attendanceVisibleHelp')}
          values={values}
        />
        <Check
          name="contactable"
          label={t('members.profile.contactable')}
          help={t('members.profile.contactableHelp')}
          values={values}
        />
        {chapters.length ? (
          <fieldset>
            <legend>{t('members.profile.chapters')}</legend>
            {chapters.map((c) => (
              <div>
                <input
                  type="checkbox"
                  id={`f-chapter-${c.slug}`}
                  name="chapters"
                  value={c.id}
                  checked={state.followed.has(c.id)}
                />{' '}
                <label htmlFor={`f-chapter-${c.slug}`}>{c.name}</label>
              </div>
            ))}
          </fieldset>
        ) : null}
        <div>
          <button type="submit">{t('form.save')}</button>
        </div>
      </form>
      <p>
        <a href="/me">{t('members.me.title')}</a>
      </p>
    </Layout>,
    status,
  );
}

const lines = (s: string | undefined, sep: RegExp) =>
  (s ?? '')
    .split(sep)
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * The form's strings → the API's ProfileUpdate, validated by the same schema. The region of
 * residence comes from the city when the town is known; the list is for places it does not know.
 */
/** Skills to suggest: the most common among the profiles this member may see in the directory, never a hidden member's. */
const commonSkills = async (db: Db, req: FastifyRequest) =>
  (await suggestSkills(db, req.network, req.user, '', 40)).map((s) => s.skill);

export function profileInput(values: FormValues) {
  const city = (values.city ?? '').trim();
  return {
    name: values.name ?? '',
    city,
    residenceRegion: regionOfCity(city) ? undefined : values.residenceRegion ? values.residenceRegion : null,
    originRegion: values.originRegion ? values.originRegion : null,
    originDetail: values.originDetail ?? '',
    kind: values.kind ? values.kind : null,
    skills: lines(values.skills, /,/),
    bio: values.bio ?? '',
    links: lines(values.links, /\r?\n/),
    ...(values.locale ? { locale: values.locale } : {}),
    directoryVisible: values.directoryVisible === 'on',
    invitationsOptOut: values.invitationsOptOut === 'on',
    attendanceVisible: values.attendanceVisible === 'on',
    contactable: values.contactable === 'on',
  };
}

export function profilePages(app: FastifyInstance, db: Db): void {
  const csrf = { preHandler: app.csrfProtection };
  const choices = async (req: FastifyRequest) =>
    (await listChapters(db, req.network, { limit: 500 })).map((c) => ({ id: c.id, slug: c.slug, name: c.name }));

  app.get('/me/profile', async (req, reply) => {
    authorize(req.user, true, 'edit your profile');
    const user: User = req.user;
    const followed = new Set((await followedChapters(db, req.network.id, user.id)).map((c) => c.id));
    const profile = await findProfile(db, req.network.id, user.id);
    const values = profileFormValues(user, profile);
    // No profile saved yet: show the language the mails already go out in (the account's last one),
    // not the column's default, or saving the form for anything else would switch them to French.
    if (!profile) values.locale = await mailLocale(db, req.network, user.id, req.locale);
    return profilePage(req, reply, { values, followed }, await choices(req), await commonSkills(db, req));
  });

  app.post('/me/profile', csrf, async (req, reply) => {
    authorize(req.user, true, 'edit your profile');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values: FormValues = {};
    for (const [k, v] of Object.entries(body))
      if (k !== '_csrf' && k !== 'chapters' && typeof v === 'string') values[k] = v;
    const picked = ([] as unknown[]).concat(body.chapters ?? []).filter((x): x is string => typeof x === 'string');
    const chapters = await choices(req);
    const form = validate(ProfileUpdateSchema, profileInput(values), values);
    if (!form.ok) {
      // "links.2: must be a web address" belongs to the links box as a whole.
      const errors: FormErrors = {};
      for (const [k, m] of Object.entries(form.errors)) errors[k.split('.')[0]!] ??= m;
      return profilePage(
        req,
        reply,
        { values, errors, followed: new Set(picked) },
        chapters,
        await commonSkills(db, req),
        400,
      );
    }
    await updateMyProfile(db, req.network, req.user, form.data, { ids: picked, known: chapters });
    return reply.redirect('/me/profile?done=saved', 303);
  });
}
