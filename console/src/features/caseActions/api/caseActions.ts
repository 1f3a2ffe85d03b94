// The case and what the institution (and civil affairs) do to it: the assessment, the proposal,
// corrections (a bank account among them) and the withdrawal. Each answers with the case as it now
// stands, which replaces the cached one.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { $api, api } from '../../../api/client';
import { queryKeys } from '../../../api/queryKeys';
import type { paths } from '../../../api/schema';

export type CaseView = paths['/v1/cases/{caseId}']['get']['responses'][200]['content']['application/json'];
export type AssessmentBody =
  paths['/v1/cases/{caseId}/assessment']['post']['requestBody']['content']['application/json'];
export type ProposalBody = paths['/v1/cases/{caseId}/proposal']['post']['requestBody']['content']['application/json'];
export type CorrectionBody = paths['/v1/cases/{caseId}']['patch']['requestBody']['content']['application/json'];
export type WithdrawBody = paths['/v1/cases/{caseId}/withdraw']['post']['requestBody']['content']['application/json'];
export type Pathway = ProposalBody['pathway'];

/** The rules' recommendation as the case carries it: pathway, reasons (and their codes), policy version. */
export type Recommendation = NonNullable<CaseView['recommendation']>;

export function recommendationOf(c: CaseView): Recommendation | null {
  return c.recommendation ?? null;
}

export function useCase(caseId: string) {
  return $api.useQuery('get', '/v1/cases/{caseId}', { params: { path: { caseId } } });
}

function useCaseMutation<B>(caseId: string, send: (body: B) => Promise<CaseView | undefined>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: B) => (await send(body))!,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.path('/v1/cases/{caseId}') });
      await queryClient.invalidateQueries({ queryKey: queryKeys.path('/v1/cases') });
      await queryClient.invalidateQueries({ queryKey: queryKeys.path('/v1/tasks') });
    },
  });
}

const path = (caseId: string) => ({ params: { path: { caseId } } });

export function useSubmitAssessment(caseId: string) {
  return useCaseMutation(caseId, async (body: AssessmentBody) => {
    const { data } = await api.POST('/v1/cases/{caseId}/assessment', { ...path(caseId), body });
    return data;
  });
}

export function useSubmitProposal(caseId: string) {
  return useCaseMutation(caseId, async (body: ProposalBody) => {
    const { data } = await api.POST('/v1/cases/{caseId}/proposal', { ...path(caseId), body });
    return data;
  });
}

export function useCorrectCase(caseId: string) {
  return useCaseMutation(caseId, async (body: CorrectionBody) => {
    const { data } = await api.PATCH('/v1/cases/{caseId}', { ...path(caseId), body });
    return data;
  });
}

export function useWithdrawCase(caseId: string) {
  return useCaseMutation(caseId, async (body: WithdrawBody) => {
    const { data } = await api.POST('/v1/cases/{caseId}/withdraw', { ...path(caseId), body });
    return data;
  });
}
