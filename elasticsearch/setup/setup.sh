#!/usr/bin/env bash
# One-shot: passwords for Kibana's system user, and a least-privilege user for Logstash's writes.
set -euo pipefail
es=http://elasticsearch:9200
auth=(-u "elastic:${ELASTIC_PASSWORD}")

call() {
  local method=$1 path=$2 body=$3
  curl -fsS "${auth[@]}" -X "$method" "$es$path" -H 'Content-Type: application/json' -d "$body" >/dev/null
  echo "ok: $method $path"
}

call POST /_security/user/kibana_system/_password "{\"password\":\"${KIBANA_SYSTEM_PASSWORD}\"}"
call PUT /_security/role/twitter_api_logs_writer \
  '{"cluster":["monitor","manage_index_templates"],"indices":[{"names":["twitter-api-logs-*"],"privileges":["create_index","create_doc","write","view_index_metadata"]}]}'
call PUT /_security/user/logstash_writer \
  "{\"password\":\"${LOGSTASH_WRITER_PASSWORD}\",\"roles\":[\"twitter_api_logs_writer\"],\"full_name\":\"Logstash writer for twitter-api logs\"}"
