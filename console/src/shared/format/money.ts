// Money arrives in integer fen and is shown in yuan: ¥80,000.00, or 80,000.00 元 in zh-CN tables.
// Integer arithmetic only: a float never touches an amount.

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 8000000 → "80,000.00" (no currency). */
export function fenToYuanText(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an amount in fen: ${fen}`);
  const negative = fen < 0;
  const abs = Math.abs(fen);
  const yuan = Math.trunc(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${negative ? '-' : ''}${groupThousands(String(yuan))}.${cents}`;
}

/** 8000000 → "¥80,000.00". */
export function formatFen(fen: number): string {
  const text = fenToYuanText(fen);
  return text.startsWith('-') ? `-¥${text.slice(1)}` : `¥${text}`;
}

/** In a table: "80,000.00 元" in Chinese, "¥80,000.00" otherwise. */
export function formatFenInTable(fen: number, language: string): string {
  return language === 'zh-CN' ? `${fenToYuanText(fen)} 元` : formatFen(fen);
}
