// A figure in a statistics table: the link to the cases it counts, named for screen readers by
// what it counts ("新城区 · 审核: 2"); a zero is plain text.
import { Link } from 'react-router';
import { type CaseListFilter, caseListHref } from '../api/summary';

export function CountLink({ n, filter, label }: { n: number; filter: CaseListFilter; label: string }) {
  if (n === 0) return <>0</>;
  return (
    <Link to={caseListHref(filter)} aria-label={`${label}: ${n}`}>
      {n}
    </Link>
  );
}
