{{/* Names and labels shared by every resource of the chart. */}}
{{- define "resettlement.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "resettlement.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "resettlement.selector" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "resettlement.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{- define "resettlement.secret" -}}
{{- required "secrets.existingSecret: name the Secret with DATABASE_URL, JWT_SECRET, AUDIT_ANCHOR_KEY and SEARCH_HASH_KEY" .Values.secrets.existingSecret -}}
{{- end -}}

{{/* The environment of the API and the worker: configuration from the ConfigMap, secrets by key. */}}
{{- define "resettlement.env" -}}
envFrom:
  - configMapRef:
      name: {{ include "resettlement.fullname" . }}
env:
  - name: DATABASE_URL
    valueFrom:
      secretKeyRef: { name: {{ include "resettlement.secret" . }}, key: DATABASE_URL }
  - name: JWT_SECRET
    valueFrom:
      secretKeyRef: { name: {{ include "resettlement.secret" . }}, key: JWT_SECRET }
  - name: AUDIT_ANCHOR_KEY
    valueFrom:
      secretKeyRef: { name: {{ include "resettlement.secret" . }}, key: AUDIT_ANCHOR_KEY }
  - name: SEARCH_HASH_KEY
    valueFrom:
      secretKeyRef: { name: {{ include "resettlement.secret" . }}, key: SEARCH_HASH_KEY }
  {{- if .Values.temporal.apiKey }}
  - name: TEMPORAL_API_KEY
    valueFrom:
      secretKeyRef: { name: {{ include "resettlement.secret" . }}, key: TEMPORAL_API_KEY }
  {{- end }}
{{- end -}}

{{/*
Secrets only the API reads, each optional in the Secret: INITIAL_ADMIN_PASSWORD (the first
administrator, read only while there are no users) and OIDC_CLIENT_SECRET (the identity provider).
Items of the env list above: include after "resettlement.env".
*/}}
{{- define "resettlement.apiSecrets" -}}
- name: INITIAL_ADMIN_PASSWORD
  valueFrom:
    secretKeyRef: { name: {{ include "resettlement.secret" . }}, key: INITIAL_ADMIN_PASSWORD, optional: true }
- name: OIDC_CLIENT_SECRET
  valueFrom:
    secretKeyRef: { name: {{ include "resettlement.secret" . }}, key: OIDC_CLIENT_SECRET, optional: true }
{{- end -}}

{{/*
Secrets only the worker reads, optional in the Secret: SMTP_URL (the e-mail digest's server, with
its password; no digest without it). Items of the env list above: include after "resettlement.env".
*/}}
{{- define "resettlement.workerSecrets" -}}
- name: SMTP_URL
  valueFrom:
    secretKeyRef: { name: {{ include "resettlement.secret" . }}, key: SMTP_URL, optional: true }
{{- end -}}

{{- define "resettlement.podSecurity" -}}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{- define "resettlement.anchorsClaim" -}}
{{- .Values.auditAnchors.existingClaim | default (printf "%s-audit-anchors" (include "resettlement.fullname" .)) -}}
{{- end -}}
