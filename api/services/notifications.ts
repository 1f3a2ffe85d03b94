// The caller's notifications: a signed-in user's own recipient rows; a bearer token, which names
// no account, sees what is addressed to its principal (role, org, jurisdiction) and keeps its
// read state under its subject. Preferences belong to an account (the token's subject, if any).
import { findUserById } from '../../db/repositories/users.js';
import {
  type InboxRow,
  audienceInbox,
  findPreferences,
  markAudienceRead,
  markRecipientRead,
  recipientInbox,
  updatePreferences,
} from '../../db/repositories/notifications.js';
import type { Db } from '../../db/database.js';
import type { Principal } from '../../domain/access.js';
import { notFound, validationFailed } from '../errors.js';
import type {
  MarkReadBody,
  NotificationQuery,
  NotificationView,
  Preferences,
  PreferencesChange,
} from '../schemas/notifications.js';
import { decodeCursor, encodeCursor } from './keyset.js';

/** Whose notifications: a user's rows, or (bearer without an account) the principal's audience. */
export interface Caller {
  principal: Principal;
  /** The signed-in user's id; null for a bearer token. */
  userId: string | null;
}

function view(r: InboxRow): NotificationView {
  return {
    notificationId: r.notification_id,
    kind: r.kind,
    caseId: r.case_id,
    taskId: r.task_id,
    standardId: r.standard_id,
    taskKind: r.details.taskKind ?? null,
    dueAt: r.details.dueAt ?? null,
    message: r.message,
    createdAt: new Date(r.created_at).toISOString(),
    readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
  };
}

export async function listNotifications(
  db: Db,
  caller: Caller,
  q: NotificationQuery,
): Promise<{ items: NotificationView[]; nextCursor: string | null }> {
  const query = {
    unread: q.unread === true,
    limit: q.limit + 1,
    before: q.cursor ? decodeCursor(q.cursor, 200) : null,
  };
  const rows = caller.userId
    ? await recipientInbox(db, caller.userId, query)
    : await audienceInbox(db, caller.principal, query);
  const items = rows.slice(0, q.limit);
  const last = items[items.length - 1];
  return {
    items: items.map(view),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ at: last.position, id: last.notification_id }) : null,
  };
}

export async function markRead(db: Db, caller: Caller, body: MarkReadBody): Promise<{ marked: number }> {
  if ((body.ids === undefined) === (body.all === undefined))
    throw validationFailed('give either ids (the notifications to mark read) or all: true, not both');
  const ids = body.all ? 'all' : body.ids!;
  const marked = caller.userId
    ? await markRecipientRead(db, caller.userId, ids)
    : await markAudienceRead(db, caller.principal, ids);
  return { marked };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The account the caller is: the session's user, or a bearer token whose subject is a user id. */
async function accountOf(db: Db, caller: Caller): Promise<string> {
  const id = caller.userId ?? caller.principal.sub;
  if (!UUID.test(id) || !(await findUserById(db, id)))
    throw notFound('an account for this caller (a bearer token names none)');
  return id;
}

export async function getPreferences(db: Db, caller: Caller): Promise<Preferences> {
  const prefs = await findPreferences(db, await accountOf(db, caller));
  if (!prefs) throw notFound('account');
  return prefs;
}

export async function changePreferences(db: Db, caller: Caller, change: PreferencesChange): Promise<Preferences> {
  const prefs = await updatePreferences(db, await accountOf(db, caller), change);
  if (!prefs) throw notFound('account');
  return prefs;
}
