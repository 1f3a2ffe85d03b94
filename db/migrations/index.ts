// Migrations are listed here rather than read from the directory, so the same list works from
// TypeScript sources and from the compiled build. Names sort in the order they must run.
import type { Migration } from 'kysely/migration';
import * as foundation from './20261129T1100_foundation.js';
import * as referenceData from './20261129T1110_reference_data.js';
import * as auditAppendOnly from './20261129T1200_audit_append_only.js';
import * as caseListOrder from './20261129T1400_case_list_order.js';
import * as inboxOrder from './20261129T1500_inbox_order_indexes.js';
import * as auditSingleStatement from './20261129T1600_audit_single_statement_append.js';
import * as casesInProgressIndex from './20261201T1000_cases_in_progress_index.js';
import * as accounts from './20261201T1200_accounts.js';
import * as notificationInbox from './20261202T0100_notification_inbox.js';
import * as personSearch from './20261202T0130_person_search.js';
import * as webhooks from './20261202T0200_webhooks.js';
import * as emailDigests from './20261202T0400_email_digests.js';

export const migrations: Record<string, Migration> = {
  '20261129T1100_foundation': foundation,
  '20261129T1110_reference_data': referenceData,
  '20261129T1200_audit_append_only': auditAppendOnly,
  '20261129T1400_case_list_order': caseListOrder,
  '20261129T1500_inbox_order_indexes': inboxOrder,
  '20261129T1600_audit_single_statement_append': auditSingleStatement,
  '20261201T1000_cases_in_progress_index': casesInProgressIndex,
  '20261201T1200_accounts': accounts,
  '20261202T0100_notification_inbox': notificationInbox,
  '20261202T0130_person_search': personSearch,
  '20261202T0200_webhooks': webhooks,
  '20261202T0400_email_digests': emailDigests,
};
