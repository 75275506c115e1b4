{{- define "apay.labels" -}}
app.kubernetes.io/part-of: apay
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end -}}

{{- define "apay.secretName" -}}
{{- if .Values.external.existingSecret -}}{{ .Values.external.existingSecret }}{{- else -}}{{ .Release.Name }}-credentials{{- end -}}
{{- end -}}

{{- define "apay.imageTag" -}}
{{- default .Chart.AppVersion .Values.image.tag -}}
{{- end -}}
