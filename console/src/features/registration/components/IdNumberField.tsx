// 公民身份号码 with GB 11643 feedback as the person types: a wrong character, an impossible birth
// date or a wrong check digit is named at once; a complete, valid number shows the birth date and
// sex it encodes, so the clerk can compare them with the paper file.
import { Form, Input } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../shared/format';
import { useGlossary } from '../../../shared/glossary';
import { ID_NUMBER_LENGTH, type IdNumberFeedback, checkIdNumber } from '../../../shared/idNumber';

interface Props {
  /** The field's name in the form. */
  name: string[];
  /** Whether the person has tried to submit: an unfinished number is then an error. */
  submitted: boolean;
  /** The API's refusal of this field, until the number changes. */
  serverError?: string;
}

export function useIdNumberMessage(): (feedback: IdNumberFeedback, submitted: boolean) => string | undefined {
  const { t } = useTranslation();
  const word = useGlossary();
  return (feedback, submitted) => {
    switch (feedback.status) {
      case 'empty':
        return submitted ? t('registration.idNumber.required') : undefined;
      case 'incomplete':
        return submitted
          ? t('registration.idNumber.tooShort', { length: feedback.length })
          : t('registration.idNumber.typed', { length: feedback.length });
      case 'valid':
        return t('registration.idNumber.decoded', { birthDate: feedback.birthDate, sex: word('sex', feedback.sex) });
      case 'invalid':
        switch (feedback.problem) {
          case 'character':
            return t('registration.idNumber.character', { position: feedback.position });
          case 'tooLong':
            return t('registration.idNumber.tooLong', { length: feedback.length });
          case 'birthDate':
            return t('registration.idNumber.birthDate', { birthDate: feedback.birthDate });
          case 'birthDateBefore1900':
            return t('registration.idNumber.birthDateBefore1900', { birthDate: feedback.birthDate });
          case 'birthDateFuture':
            return t('registration.idNumber.birthDateFuture', { birthDate: feedback.birthDate });
          case 'checkDigit':
            return t('registration.idNumber.checkDigit', { actual: feedback.actual, expected: feedback.expected });
        }
    }
  };
}

export function IdNumberField({ name, submitted, serverError }: Props) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const value = Form.useWatch<string | undefined>(name, form);
  const today = useMemo(() => formatDate(new Date()), []);
  const feedback = checkIdNumber(value ?? '', today);
  const describe = useIdNumberMessage();
  const wrong = feedback.status === 'invalid' || (submitted && feedback.status !== 'valid');
  const status = serverError || wrong ? 'error' : feedback.status === 'valid' ? 'success' : '';
  const help = serverError ?? describe(feedback, submitted);

  return (
    <Form.Item
      label={t('registration.fields.idNumber')}
      name={name}
      required
      validateStatus={status}
      help={help}
      rules={[
        {
          validator: async (_rule, v: string | undefined) => {
            if (checkIdNumber(v ?? '', today).status !== 'valid') throw new Error(t('registration.idNumber.invalid'));
          },
        },
      ]}
    >
      <Input maxLength={ID_NUMBER_LENGTH + 2} autoComplete="off" spellCheck={false} inputMode="text" />
    </Form.Item>
  );
}
