// The daily e-mail digest's activities: who gets one today, and one user's digest, sent at most
// once per user and Shanghai day. The day's row in email_digests is locked for the whole SMTP
// transaction and marked 'sent' in the same database transaction right after the server accepts
// the message, so:
// - a crash before the server accepted the message rolls back to 'pending': the retry sends it,
//   and the server, which never got the message's end, kept nothing;
// - a second attempt while the first still runs waits on the lock and then finds 'sent';
// - the one gap left is a crash between the server's 250 and the commit (a few milliseconds):
//   the retry sends again, with the same Message-ID (README, "E-mail digest").
import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../../db/database.js';
import { loadWorkingCalendar } from '../../db/repositories/calendar.js';
import {
  claimDigest,
  countAttempt,
  digestRecipients,
  findDigestUser,
  lockDigest,
  markDigestSent,
  openInboxTasks,
} from '../../db/repositories/digests.js';
import type { Principal } from '../../domain/access.js';
import { type DigestSections, digestMail, isEmptyDigest } from '../../domain/digestContent.js';
import { shanghaiDateOf } from '../../domain/shanghaiDates.js';
import { addWorkingDays } from '../../domain/workingDays.js';
import { type Mailer, createSmtpMailer, digestMessageId } from './mailer.js';

export interface DigestConfig {
  /** SMTP_URL; no digest is sent without it. */
  smtpUrl: string | null;
  /** MAIL_FROM. */
  from: string;
  /** CONSOLE_URL, for the links in the mail. */
  consoleUrl: string | null;
}

export const DEFAULT_DIGEST_CONFIG: DigestConfig = {
  smtpUrl: null,
  from: '安置系统 <no-reply@resettlement.invalid>',
  consoleUrl: null,
};

export type DigestOutcome = 'sent' | 'already_sent' | 'nothing_to_report' | 'not_wanted';

export interface DigestActivities {
  listDigestRecipients(): Promise<string[]>;
  sendDigest(req: { userId: string; day: string; asOf: string }): Promise<DigestOutcome>;
}

/** A task is due soon within this many working days, as the console's amber light (CONSOLE.md). */
const DUE_SOON_WORKING_DAYS = 2;

export async function digestSections(db: Db, principal: Principal, asOf: Date): Promise<DigestSections> {
  const [tasks, calendar] = await Promise.all([openInboxTasks(db, principal), loadWorkingCalendar(db)]);
  const since = asOf.getTime() - 24 * 3600 * 1000;
  const soonUntil = addWorkingDays(shanghaiDateOf(asOf), DUE_SOON_WORKING_DAYS, calendar).date;
  const strip = ({ createdAt: _createdAt, ...t }: (typeof tasks)[number]) => t;
  const overdue = (t: (typeof tasks)[number]) => new Date(t.dueAt).getTime() < asOf.getTime();
  return {
    newTasks: tasks.filter((t) => t.createdAt.getTime() > since && t.createdAt.getTime() <= asOf.getTime()).map(strip),
    dueSoon: tasks.filter((t) => !overdue(t) && shanghaiDateOf(new Date(t.dueAt)) <= soonUntil).map(strip),
    overdue: tasks.filter(overdue).map(strip),
  };
}

/** A permanent refusal (5xx: no such mailbox, policy) is not retried; anything else is. */
function permanent(err: unknown): boolean {
  const code = (err as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

export function createDigestActivities(
  db: Db,
  config: DigestConfig,
  mailerOf: (c: DigestConfig) => Mailer | null = (c) => (c.smtpUrl ? createSmtpMailer(c.smtpUrl, c.from) : null),
): DigestActivities {
  let mailer: Mailer | null | undefined;
  return {
    listDigestRecipients: () => digestRecipients(db),

    async sendDigest({ userId, day, asOf }) {
      const user = await findDigestUser(db, userId);
      if (!user || user.disabled || !user.email || !user.digest_on) return 'not_wanted';
      const principal: Principal = { sub: user.user_id, role: user.role, org: user.org, division: user.division_code };
      mailer ??= mailerOf(config);
      if (!mailer) throw ApplicationFailure.nonRetryable('SMTP_URL is not set: no e-mail digest can be sent');
      const send = mailer;
      const sections = await digestSections(db, principal, new Date(asOf));
      if (isEmptyDigest(sections)) return 'nothing_to_report';
      const mail = digestMail(day, sections, config.consoleUrl);
      await claimDigest(db, userId, day, digestMessageId(userId, day, config.from));
      // Counted before the lock, on its own connection: a crash mid-send keeps the count.
      await countAttempt(db, userId, day);
      return db.transaction().execute(async (trx) => {
        const row = await lockDigest(trx, userId, day);
        if (row.state === 'sent') return 'already_sent';
        let response: string;
        try {
          response = await send.send({ to: user.email!, messageId: row.message_id, ...mail });
        } catch (err) {
          // The server's words may quote the address: it stays out of the workflow's history.
          const message = `SMTP refused the digest: ${(err as Error).message.replace(/[^\s<>]+@[^\s<>]+/g, '<address>')}`;
          if (permanent(err)) throw ApplicationFailure.nonRetryable(message, 'SmtpRefused');
          throw ApplicationFailure.retryable(message, 'SmtpUnavailable');
        }
        await markDigestSent(trx, userId, day, {
          newTasks: sections.newTasks.length,
          dueSoon: sections.dueSoon.length,
          overdue: sections.overdue.length,
          smtpResponse: response,
        });
        return 'sent';
      });
    },
  };
}
