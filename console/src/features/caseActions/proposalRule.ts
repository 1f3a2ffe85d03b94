// The proposal's one rule, as the workflow applies it: a pathway other than the rules'
// recommendation needs the institution's reason.
export function reasonRequired(pathway: string | undefined, recommended: string | undefined): boolean {
  return pathway !== undefined && recommended !== undefined && pathway !== recommended;
}
