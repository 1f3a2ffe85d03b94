// The two lists that export (the API's format=csv|xlsx), with the filters of the page asking.
import { api } from '../../api/client';
import type { paths } from '../../api/schema';
import { type ExportFormat, type ExportedFile, attachmentName } from './download';

type Query<P extends '/v1/cases' | '/v1/tasks'> = Omit<
  NonNullable<paths[P]['get']['parameters']['query']>,
  'format' | 'limit' | 'cursor'
>;

/** Every case the filters match (not only the pages shown), as the file the API writes. */
export async function exportCases(filters: Query<'/v1/cases'>, format: ExportFormat): Promise<ExportedFile> {
  const { data, response } = await api.GET('/v1/cases', {
    params: { query: { ...filters, format } },
    parseAs: 'blob',
  });
  return { blob: data!, fileName: attachmentName(response, `cases.${format}`) };
}

/** Every task of the inbox the filters match, as the file the API writes. */
export async function exportTasks(filters: Query<'/v1/tasks'>, format: ExportFormat): Promise<ExportedFile> {
  const { data, response } = await api.GET('/v1/tasks', {
    params: { query: { ...filters, format } },
    parseAs: 'blob',
  });
  return { blob: data!, fileName: attachmentName(response, `tasks.${format}`) };
}
