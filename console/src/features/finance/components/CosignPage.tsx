// 待会签: standards civil affairs proposed, which take effect only once finance co-signs.
import { Button, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { formatDate, formatFenInTable } from '../../../shared/format';
import { newIdempotencyKey } from '../../../shared/idempotency';
import { type Standard, useCosign, useProposedStandards } from '../api/finance';

export function CosignPage() {
  const { t, i18n } = useTranslation();
  const standards = useProposedStandards();
  const cosign = useCosign();
  const [keys] = useState(() => new Map<string, string>());
  const keyOf = (id: string) => {
    if (!keys.has(id)) keys.set(id, newIdempotencyKey());
    return keys.get(id)!;
  };
  const columns: ColumnsType<Standard> = [
    { title: t('finance.columns.division'), dataIndex: 'division', key: 'division' },
    {
      title: t('finance.columns.amount'),
      key: 'amount',
      align: 'right',
      render: (_, s) => formatFenInTable(s.amountFen, i18n.language),
    },
    { title: t('glossary.subsidy.effectiveFrom'), key: 'from', render: (_, s) => formatDate(s.effectiveFrom) },
    { title: t('finance.columns.basis'), dataIndex: 'basis', key: 'basis' },
    { title: t('finance.columns.proposedBy'), key: 'by', render: (_, s) => s.proposedBy.division },
    {
      title: t('finance.columns.actions'),
      key: 'actions',
      render: (_, s) => (
        <Button
          size="small"
          type="primary"
          loading={cosign.isPending && cosign.variables?.id === s.id}
          onClick={() => cosign.mutate({ id: s.id, idempotencyKey: keyOf(s.id) })}
        >
          {t('glossary.subsidy.cosign')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <Typography.Title level={1}>{t('finance.cosignTitle')}</Typography.Title>
      <ErrorAlert error={standards.error ?? cosign.error} />
      <Table<Standard>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={standards.data?.items ?? []}
        loading={standards.isLoading}
        pagination={false}
        locale={{ emptyText: <span className="table-empty">{t('finance.emptyCosign')}</span> }}
      />
    </>
  );
}
