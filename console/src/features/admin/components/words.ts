// Codes the administrator's pages offer as choices, each shown with its glossary word.
export const DEPARTMENTS = [
  'civil_affairs',
  'education',
  'public_security',
  'justice',
  'finance',
  'hrss',
  'housing',
  'agriculture',
  'veterans',
  'medical_insurance',
  'disabled_federation',
] as const;
