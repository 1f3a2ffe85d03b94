// The 11 departments that work resettlement tasks, by the code a `department` principal carries as
// its org. The same codes are the `departments` table's reference data (migration
// 20261129T1110_reference_data, which may import nothing of the application, hence this copy;
// test/domain/departments.test.ts holds the two equal).
export const DEPARTMENT_CODES = [
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
export type DepartmentCode = (typeof DEPARTMENT_CODES)[number];

export function isDepartmentCode(code: string): code is DepartmentCode {
  return (DEPARTMENT_CODES as readonly string[]).includes(code);
}
