// Which form field an API refusal names, so its message can stand next to that field: the
// envelope's `details.field` ("person.idNumber", "division"), or the field at the start of each
// schema-validation message ("body.person.name is required").
import { ApiError } from '../api/errors';

export interface FieldError {
  /** The field's path, as antd's Form names it: ['person', 'idNumber']. */
  name: string[];
  message: string;
}

function fieldOfMessage(message: string): string | undefined {
  const match = /^(?:body\.|querystring\.|params\.)?([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)*)(?=[\s:])/.exec(message);
  return match?.[1];
}

/** The refusals of `error` that name one of `known` fields (dotted paths); empty when none does. */
export function fieldErrorsOf(error: unknown, known: readonly string[]): FieldError[] {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return [];
  const out: FieldError[] = [];
  const add = (field: string | undefined, message: string) => {
    if (field && known.includes(field)) out.push({ name: field.split('.'), message });
  };
  if (error.field) add(error.field, error.message);
  else {
    const issues = Array.isArray(error.details?.issues) ? (error.details.issues as unknown[]) : [error.message];
    for (const issue of issues) if (typeof issue === 'string') add(fieldOfMessage(issue), issue);
  }
  return out;
}

/** The errors as antd's `form.setFields` takes them (the names come from the API, not the form's type). */
export function asFormFields(errors: FieldError[]): Array<{ name: never; errors: string[] }> {
  return errors.map((e) => ({ name: e.name as never, errors: [e.message] }));
}
