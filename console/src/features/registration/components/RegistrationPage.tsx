// 登记: an institution registers a youth (POST /v1/cases). The ID number is checked as it is
// typed; the API's refusal of a field stands next to that field; an ID number that already has an
// open case leads to that case.
import { Alert, Button, Card, Checkbox, Form, Input, Radio, Result, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../../api/errors';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { type FieldError, asFormFields, fieldErrorsOf } from '../../../shared/fieldErrors';
import { useGlossary } from '../../../shared/glossary';
import { normaliseIdNumber } from '../../../shared/idNumber';
import { useUser } from '../../../shared/session';
import { type RegisterBody, type RegisteredCase, useRegisterCase } from '../api/register';
import { IdNumberField } from './IdNumberField';

const HUKOU = ['urban', 'rural', 'pastoral'] as const;
const DISABILITY = ['visual', 'hearing', 'speech', 'physical', 'intellectual', 'mental', 'multiple'] as const;
const GRADES = [1, 2, 3, 4] as const;
const ID_FIELD = 'person.idNumber';
const FIELDS = [
  'person.name',
  ID_FIELD,
  'person.hukouType',
  'person.disability',
  'person.disability.category',
  'person.disability.grade',
  'person.seriousIllness',
  'person.inFullTimeEducationUntil',
  'person.bankAccount',
  'person.bankAccount.bank',
  'person.bankAccount.accountNo',
  'person.bankAccount.holder',
  'division',
] as const;

interface Values {
  person: {
    name: string;
    idNumber: string;
    hukouType: (typeof HUKOU)[number];
    hasDisability: boolean;
    disability?: { category: (typeof DISABILITY)[number]; grade: number };
    seriousIllness: boolean;
    inFullTimeEducationUntil?: string;
    bankAccount?: { bank?: string; accountNo?: string; holder?: string };
  };
  division: string;
}

function bodyOf(values: Values): RegisterBody {
  const p = values.person;
  const bank = p.bankAccount;
  const hasBank = Boolean(bank?.bank?.trim() || bank?.accountNo?.trim() || bank?.holder?.trim());
  return {
    person: {
      name: p.name.trim(),
      idNumber: normaliseIdNumber(p.idNumber),
      hukouType: p.hukouType,
      ...(p.hasDisability && p.disability ? { disability: p.disability } : {}),
      ...(p.seriousIllness ? { seriousIllness: true } : {}),
      ...(p.inFullTimeEducationUntil ? { inFullTimeEducationUntil: p.inFullTimeEducationUntil } : {}),
      ...(hasBank
        ? {
            bankAccount: {
              bank: bank?.bank?.trim() ?? '',
              accountNo: bank?.accountNo?.trim() ?? '',
              holder: bank?.holder?.trim() ?? '',
            },
          }
        : {}),
    },
    division: values.division.trim(),
  };
}

export function RegistrationPage() {
  const { t } = useTranslation();
  const word = useGlossary();
  const user = useUser();
  const [form] = Form.useForm<Values>();
  const register = useRegisterCase();
  const [submitted, setSubmitted] = useState(false);
  const [idError, setIdError] = useState<string | undefined>();
  const [unplaced, setUnplaced] = useState<unknown>(null);
  const [created, setCreated] = useState<RegisteredCase | null>(null);
  const hasDisability = Form.useWatch(['person', 'hasDisability'], form);
  const conflictCase =
    register.error instanceof ApiError &&
    register.error.code === 'CONFLICT' &&
    typeof register.error.details?.caseId === 'string'
      ? register.error.details.caseId
      : null;

  const showServerErrors = (error: unknown) => {
    const errors: FieldError[] = fieldErrorsOf(error, FIELDS);
    const id = errors.find((e) => e.name.join('.') === ID_FIELD);
    setIdError(id?.message);
    form.setFields(asFormFields(errors.filter((e) => e !== id)));
    setUnplaced(errors.length === 0 ? error : null);
  };

  if (created) {
    return (
      <Result
        status="success"
        title={<h1>{t('registration.created')}</h1>}
        subTitle={t('registration.createdDetail', { caseId: created.caseId })}
        extra={[
          <Link key="case" to={`/cases/${created.caseId}`}>
            <Button type="primary">{t('registration.openCase')}</Button>
          </Link>,
          <Button
            key="again"
            onClick={() => {
              form.resetFields();
              register.reset();
              setSubmitted(false);
              setCreated(null);
            }}
          >
            {t('registration.another')}
          </Button>,
        ]}
      />
    );
  }

  return (
    <>
      <Typography.Title level={1}>{t('registration.title')}</Typography.Title>
      <Form<Values>
        form={form}
        layout="vertical"
        className="form-page"
        initialValues={{ person: { hasDisability: false, seriousIllness: false }, division: user.division }}
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.person?.idNumber !== undefined) setIdError(undefined);
        }}
        onFinishFailed={() => setSubmitted(true)}
        onFinish={(values) => {
          setSubmitted(true);
          setUnplaced(null);
          register.mutate(bodyOf(values), { onSuccess: setCreated, onError: showServerErrors });
        }}
      >
        {conflictCase ? (
          <Alert
            type="warning"
            showIcon
            role="alert"
            className="form-page__alert"
            title={t('registration.duplicate')}
            description={<Link to={`/cases/${conflictCase}`}>{t('registration.openExisting')}</Link>}
          />
        ) : unplaced ? (
          <div className="form-page__alert">
            <ErrorAlert error={unplaced} />
          </div>
        ) : null}
        <Card title={<Typography.Title level={2}>{t('registration.sections.person')}</Typography.Title>}>
          <Form.Item
            label={t('registration.fields.name')}
            name={['person', 'name']}
            rules={[{ required: true, whitespace: true, message: t('registration.required.name') }]}
          >
            <Input maxLength={100} autoComplete="off" />
          </Form.Item>
          <IdNumberField name={['person', 'idNumber']} submitted={submitted} serverError={idError} />
          <Form.Item
            label={t('registration.fields.hukouType')}
            name={['person', 'hukouType']}
            rules={[{ required: true, message: t('registration.required.hukouType') }]}
          >
            <Radio.Group options={HUKOU.map((h) => ({ value: h, label: word('hukou', h) }))} />
          </Form.Item>
          <Form.Item
            label={t('registration.fields.division')}
            name="division"
            extra={t('registration.divisionHint')}
            rules={[
              { required: true, message: t('registration.required.division') },
              { pattern: /^\d{6}$/, message: t('registration.divisionRule') },
            ]}
          >
            <Input maxLength={6} inputMode="numeric" autoComplete="off" />
          </Form.Item>
        </Card>
        <Card title={<Typography.Title level={2}>{t('registration.sections.health')}</Typography.Title>}>
          <Form.Item name={['person', 'hasDisability']} valuePropName="checked">
            <Checkbox>{t('registration.fields.hasDisability')}</Checkbox>
          </Form.Item>
          {hasDisability ? (
            <Space size="large" wrap>
              <Form.Item
                label={t('registration.fields.disabilityCategory')}
                name={['person', 'disability', 'category']}
                rules={[{ required: true, message: t('registration.required.disabilityCategory') }]}
              >
                <Select
                  className="form-page__select"
                  options={DISABILITY.map((d) => ({ value: d, label: word('disability', d) }))}
                />
              </Form.Item>
              <Form.Item
                label={t('registration.fields.disabilityGrade')}
                name={['person', 'disability', 'grade']}
                rules={[{ required: true, message: t('registration.required.disabilityGrade') }]}
              >
                <Select
                  className="form-page__select"
                  options={GRADES.map((g) => ({ value: g, label: word('disabilityGrade', g) }))}
                />
              </Form.Item>
            </Space>
          ) : null}
          <Form.Item name={['person', 'seriousIllness']} valuePropName="checked">
            <Checkbox>{t('registration.fields.seriousIllness')}</Checkbox>
          </Form.Item>
          <Form.Item
            label={t('registration.fields.inFullTimeEducationUntil')}
            name={['person', 'inFullTimeEducationUntil']}
            extra={t('registration.educationHint')}
          >
            <Input type="date" className="form-page__date" />
          </Form.Item>
        </Card>
        <Card title={<Typography.Title level={2}>{t('registration.sections.bank')}</Typography.Title>}>
          <Typography.Paragraph type="secondary">{t('registration.bankHint')}</Typography.Paragraph>
          <Form.Item
            label={t('registration.fields.bank')}
            name={['person', 'bankAccount', 'bank']}
            dependencies={[
              ['person', 'bankAccount', 'accountNo'],
              ['person', 'bankAccount', 'holder'],
            ]}
            rules={[bankRule(t('registration.required.bankAll'))]}
          >
            <Input maxLength={100} autoComplete="off" />
          </Form.Item>
          <Form.Item
            label={t('registration.fields.accountNo')}
            name={['person', 'bankAccount', 'accountNo']}
            dependencies={[
              ['person', 'bankAccount', 'bank'],
              ['person', 'bankAccount', 'holder'],
            ]}
            rules={[
              bankRule(t('registration.required.bankAll')),
              { pattern: /^\d{8,30}$/, message: t('registration.accountNoRule') },
            ]}
          >
            <Input maxLength={30} inputMode="numeric" autoComplete="off" />
          </Form.Item>
          <Form.Item
            label={t('registration.fields.holder')}
            name={['person', 'bankAccount', 'holder']}
            dependencies={[
              ['person', 'bankAccount', 'bank'],
              ['person', 'bankAccount', 'accountNo'],
            ]}
            rules={[bankRule(t('registration.required.bankAll'))]}
          >
            <Input maxLength={100} autoComplete="off" />
          </Form.Item>
        </Card>
        <Button type="primary" htmlType="submit" loading={register.isPending} className="form-page__submit">
          {t('registration.submit')}
        </Button>
      </Form>
    </>
  );
}

/** Bank, account number and holder: all three or none. */
function bankRule(message: string) {
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  return ({ getFieldValue }: { getFieldValue: (name: string[]) => unknown }) => ({
    validator: async (_rule: unknown, value: unknown) => {
      const filled = ['bank', 'accountNo', 'holder'].map((f) => text(getFieldValue(['person', 'bankAccount', f])));
      if (filled.some(Boolean) && !text(value)) throw new Error(message);
    },
  });
}
