// A list exported as a file (GET /v1/cases, GET /v1/tasks with format=csv|xlsx): fetched through
// the generated client as a blob, then handed to the browser as a download from an object URL, so
// no name or ID number is ever put in a URL. The file name is the one the API gives.
export type ExportFormat = 'xlsx' | 'csv';

export interface ExportedFile {
  blob: Blob;
  fileName: string;
}

/** The file name of `Content-Disposition: attachment; filename="cases-20261202.csv"`. */
export function attachmentName(response: Response, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
  return match?.[1] ?? fallback;
}

/** Saves the file as the browser's download. */
export function saveFile({ blob, fileName }: ExportedFile): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the blob by the time the click returns; a minute's grace all the same.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
