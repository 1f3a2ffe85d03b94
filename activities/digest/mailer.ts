// Mail over SMTP with nodemailer: one connection per message (a digest run sends a few hundred at
// most, once a day), configured by SMTP_URL (smtp://user:pass@host:port, smtps:// for TLS).
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** With the angle brackets: `<...@...>`. */
  messageId: string;
}

export interface Mailer {
  /** Resolves with the server's answer to the message (e.g. `250 2.0.0 Ok: queued as ...`). */
  send(mail: OutgoingMail): Promise<string>;
  close(): void;
}

export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl, { from });
  return {
    async send(mail) {
      const info = (await transport.sendMail({ ...mail, from })) as { response?: string };
      return info.response ?? '';
    },
    close: () => transport.close(),
  };
}

/**
 * The digest's Message-ID, from the user and the day only: a digest sent again after a crash
 * carries the same one, so a receiving system that drops duplicates keeps one. The user id is
 * hashed: headers travel through mail systems outside ours.
 */
export function digestMessageId(userId: string, day: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'resettlement.invalid';
  const hash = createHash('sha256').update(`digest\n${userId}\n${day}`).digest('hex').slice(0, 32);
  return `<digest-${day}-${hash}@${domain}>`;
}
