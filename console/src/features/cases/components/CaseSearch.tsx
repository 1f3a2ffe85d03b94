// 查找个案: a name (or part of one) or a full ID number. The term stays in this page's memory and
// travels in the body of POST /v1/cases/search, never in the URL or the browser's history; the
// filters beside it stay in the URL. A partial ID number is refused by the API (400): said so here.
import { Alert, Button, Card, Form, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/errors';

export function CaseSearch({ term, onSearch }: { term: string | null; onSearch: (q: string | null) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ q: string }>();
  return (
    <Card className="filter-card">
      <Form
        form={form}
        layout="inline"
        onFinish={({ q }) => onSearch(q.trim())}
        // The browser keeps no list of what was typed (autocomplete off on the form and its field).
        autoComplete="off"
      >
        <Form.Item
          label={t('cases.search.label')}
          name="q"
          rules={[
            { required: true, whitespace: true, message: t('cases.search.required') },
            { min: 2, message: t('cases.search.tooShort') },
          ]}
        >
          <Input className="case-search__input" maxLength={100} autoComplete="off" allowClear />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              {t('cases.search.submit')}
            </Button>
            {term !== null ? (
              <Button
                onClick={() => {
                  form.resetFields();
                  onSearch(null);
                }}
              >
                {t('cases.search.clear')}
              </Button>
            ) : null}
          </Space>
        </Form.Item>
      </Form>
    </Card>
  );
}

/** The API refused the search term itself (400): a partial ID number, or a name too short. */
export function isSearchRefusal(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'VALIDATION_FAILED';
}

/** That refusal in the person's words. */
export function SearchRefused({ term }: { term: string }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      title={/\d/.test(term) ? t('cases.search.partialIdNumber') : t('cases.search.refused')}
    />
  );
}
