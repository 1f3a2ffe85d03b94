// The daily e-mail digest's text, from data only: for each task its case id, its kind in the
// glossary's Chinese words and its due date (Asia/Shanghai). Never a name, an ID number or free
// text a person typed, like every notification (domain/notificationMessages.ts).
import { TASK_KIND_WORDS } from './glossary.js';
import { shanghaiDateOf } from './shanghaiDates.js';

export interface DigestTask {
  caseId: string;
  taskId: string;
  kind: string;
  /** ISO instant. */
  dueAt: string;
}

export interface DigestSections {
  /** Opened in the 24 hours before the digest. */
  newTasks: DigestTask[];
  /** Open, due within 2 working days (the console's amber 即将到期), not yet overdue. */
  dueSoon: DigestTask[];
  /** Open or blocked, past due (the console's red 已超期). */
  overdue: DigestTask[];
}

export interface DigestMail {
  subject: string;
  text: string;
  html: string;
}

/** Lines listed per section; the counts are always whole. */
export const DIGEST_LIST_LIMIT = 50;

const SECTIONS = [
  ['newTasks', '新任务'],
  ['dueSoon', '即将到期'],
  ['overdue', '已超期'],
] as const;

export const kindWord = (kind: string): string => TASK_KIND_WORDS[kind] ?? kind;

export function isEmptyDigest(s: DigestSections): boolean {
  return s.newTasks.length + s.dueSoon.length + s.overdue.length === 0;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The mail of `day` (YYYY-MM-DD, Shanghai): the three counts, then each section's tasks as
 * `case id · task kind · due date`. `consoleUrl` (no trailing slash needed) links to the inbox and
 * each case; without it the mail has no links.
 */
export function digestMail(day: string, s: DigestSections, consoleUrl: string | null): DigestMail {
  const base = consoleUrl?.replace(/\/$/, '') ?? null;
  const counts = SECTIONS.map(([key, word]) => `${word} ${s[key].length}`).join(' · ');
  const subject = `待办摘要 ${day}：${counts}`;
  const text: string[] = [`${day} 待办摘要`, counts, ''];
  const html: string[] = [`<h1>${day} 待办摘要</h1>`, `<p>${escapeHtml(counts)}</p>`];
  for (const [key, word] of SECTIONS) {
    const tasks = s[key];
    if (tasks.length === 0) continue;
    text.push(`${word}（${tasks.length}）`);
    html.push(`<h2>${word}（${tasks.length}）</h2>`, '<ul>');
    for (const t of tasks.slice(0, DIGEST_LIST_LIMIT)) {
      const line = `${t.caseId} · ${kindWord(t.kind)} · ${shanghaiDateOf(new Date(t.dueAt))} 到期`;
      text.push(`- ${line}${base ? `  ${base}/cases/${t.caseId}` : ''}`);
      const label = escapeHtml(line);
      html.push(
        base ? `<li><a href="${escapeHtml(`${base}/cases/${t.caseId}`)}">${label}</a></li>` : `<li>${label}</li>`,
      );
    }
    if (tasks.length > DIGEST_LIST_LIMIT) {
      const more = `另有 ${tasks.length - DIGEST_LIST_LIMIT} 项，请在工作台查看`;
      text.push(`- ${more}`);
      html.push(`<li>${more}</li>`);
    }
    html.push('</ul>');
    text.push('');
  }
  if (base) {
    text.push(`待办事项：${base}/inbox`);
    html.push(`<p><a href="${escapeHtml(`${base}/inbox`)}">打开待办事项</a></p>`);
  }
  text.push('', '本邮件由系统每日发送；在“个人设置”中可关闭邮件摘要。');
  html.push('<p>本邮件由系统每日发送；在“个人设置”中可关闭邮件摘要。</p>');
  return { subject, text: text.join('\n'), html: html.join('\n') };
}
