#!/usr/bin/env bash
# One payment end to end on the running local mesh, then the merchant's payout of its USDT and an app user's deposit
# on the local test chain, each step shown (docs/operations.md, "The demo").
# Run it as `bin/apay demo`, which brings the mesh up first if it is not running and healthy.
#
# Everything goes through the gateway as a merchant, an app, an operator and a monitor would - except, on the first
# run only, the internal call that makes the first operator (what `bin/apay admin-bootstrap` does). Every run makes
# a new merchant, new users and a new order, so it runs again and again on the same mesh. Kept (umask 077, never in
# git): the demo operator's password, TOTP seed and session in ~/.apay/demo-operator.env, next to the rest of what
# goes with this machine's schemas (bin/apay); each run's files in .run/demo/run-<id>/ (the merchant's key, the
# callbacks received, the monitor's and the endpoint's output).
set -euo pipefail
umask 077

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
GW=${GW:-http://127.0.0.1:8080}                        # the gateway
USER_SVC=${USER_SVC:-http://127.0.0.1:8101}            # user-svc itself: only for the first operator
REDIS_PREFIX=${REDIS_PREFIX:-apay:}                    # the local mesh's Redis key prefix (the SMS dev mailbox)
SIM_JAR=${SIM_JAR:-$(ls "$ROOT"/push-svc/monitor-simulator/target/push-monitor-simulator-*-exec.jar 2>/dev/null | head -1 || true)}
DEMO="$ROOT/.run/demo"                                 # this checkout's runs: run-<id>/
STATE="${APAY_STATE:-$HOME/.apay}"                     # what goes with this machine's apay_* schemas (bin/apay)
OPERATOR_ENV="$STATE/demo-operator.env"                # the demo operator: password, TOTP seed, session
FIAT_AMOUNT=100.00                                     # CNY
PAYOUT_AMOUNT=10                                       # USDT the merchant pays out of its ~13.61 (the fee on top)
DEPOSIT_AMOUNT=25                                      # USDT the app user pays in on chain
# the local test chain (a hardhat node, localchain/) that `bin/apay up` starts, and its TestUSDT contract
CHAIN_RPC=${CHAIN_RPC:-http://127.0.0.1:8545}
LOCALCHAIN_ENV="$ROOT/.run/localchain.env"             # LOCALCHAIN_USDT=<contract>, written by `bin/apay up`
CONFIRMATIONS=3                                        # what `bin/apay up` configures for chain-bridge-svc's LOCAL network
STARTED=$SECONDS

if [ -t 1 ]; then B=$'\e[1m'; D=$'\e[2m'; N=$'\e[0m'; else B=; D=; N=; fi
STEP=0
QUIET=                                                 # set while polling: no request/answer lines
say()     { printf '%s\n' "$*"; }
heading() { STEP=$1; shift; printf '\n%s%s. %s%s\n' "$B" "$STEP" "$*" "$N"; }
request() { [ -n "$QUIET" ] || printf '  %s> %s%s\n' "$D" "$*" "$N"; }
answer()  { [ -n "$QUIET" ] || printf '  < %s\n' "$*"; }
note()    { printf '    %s\n' "$*"; }
die()     { printf '\napay demo: step %s failed: %s\n' "$STEP" "$*" >&2; exit 1; }

for tool in curl jq openssl redis-cli java base32 od; do command -v "$tool" >/dev/null || die "$tool is missing"; done
[ -n "$SIM_JAR" ] || die "no monitor simulator jar in push-svc/monitor-simulator/target: build first (bin/apay up)"
[ -f "$STATE/local-app.env" ] || die "no local app client ($STATE/local-app.env): bin/apay up makes it"
# shellcheck disable=SC1091
. "$STATE/local-app.env"                           # APP_KEY, APP_SECRET
RUN_ID=$(date -u +%y%m%d%H%M%S)$(openssl rand -hex 2)   # names this run's merchant, order and files
WORK="$DEMO/run-$RUN_ID"
mkdir -p "$WORK" "$STATE"

# ---------------------------------------------------------------- background helpers: stopped whatever happens
MONITOR_PID=
ENDPOINT_PID=
cleanup() {
  local rc=$?
  if [ -n "$MONITOR_PID" ]; then
    exec 7>&-                                         # end of the monitor's input: it closes its socket and exits
    for _ in $(seq 1 50); do kill -0 "$MONITOR_PID" 2>/dev/null || break; sleep 0.1; done
    kill "$MONITOR_PID" 2>/dev/null || true
  fi
  [ -z "$ENDPOINT_PID" ] || kill "$ENDPOINT_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  if [ "$rc" != 0 ] && [ -n "$ENDPOINT_PID" ]; then
    printf 'apay demo: the monitor'"'"'s and the merchant endpoint'"'"'s output are in %s\n' "${WORK#"$ROOT"/}" >&2
  fi
}
trap cleanup EXIT
trap 'printf "\napay demo: interrupted in step %s\n" "$STEP" >&2; exit 130' INT TERM

# ---------------------------------------------------------------- HTTP and JSON
# try_call METHOD URL [BODY [curl options...]]: sets STATUS and BODY
try_call() {
  local method=$1 url=$2 body=${3:-}
  shift $(($# < 3 ? $# : 3))
  local args=(-sS -o "$WORK/reply" -w '%{http_code}' -X "$method" "$@")
  [ -z "$body" ] || args+=(-H 'Content-Type: application/json' --data-binary "$body")
  STATUS=$(curl "${args[@]}" "$url") || die "$method ${url%%\?*}: no answer (is the mesh up? bin/apay status)"
  BODY=$(cat "$WORK/reply")
}
# call ...: the same, and dies unless the answer is HTTP 2xx with "code":0
call() {
  try_call "$@"
  case "$STATUS" in 2??) ;; *) die "$1 ${2%%\?*} answered HTTP $STATUS: $BODY" ;; esac
  [ "$(jq -r '.code' <<<"$BODY" 2>/dev/null)" = 0 ] || die "$1 ${2%%\?*} answered: $BODY"
}
data() { jq -r ".data$1" <<<"$BODY"; }                 # a field of the last answer's data
# JSON for the screen: secrets masked, long strings cut
brief() {
  jq -c 'walk(if type == "object" then with_entries(if (.key | test("^(password|secret|deviceSecret|token|activationCode)$"))
    then .value = "…" else . end) elif type == "string" and length > 72 then .[0:60] + "…" else . end)' <<<"$1"
}
sha256_hex() { openssl dgst -sha256 -hex | sed 's/^.* //'; }
# METHOD PATH: the mesh credential (X-Apay-Auth) for calling a service itself, as bin/apay does (APAY_MESH_KEY)
mesh_auth() {
  local ts hexkey
  ts=$(date +%s%3N)
  hexkey=$(printf '%s' "${APAY_MESH_KEY:?run through bin/apay demo (it loads the local mesh key)}" | base64 -d | od -An -v -tx1 | tr -d ' \n')
  printf '%s.%s' "$ts" "$(printf 'APAY-MESH-1\n%s\n%s\n%s\n' "$ts" "$1" "$2" \
    | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$hexkey" | sed 's/^.* //')"
}
new_nonce() { openssl rand -hex 16; }

urlencode() { # RFC 3986: A-Z a-z 0-9 - . _ ~ as they are, every other byte %XX
  local LC_ALL=C s=$1 c i
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    case $c in [A-Za-z0-9._~-]) printf '%s' "$c" ;; *) printf '%%%02X' "'$c" ;; esac
  done
}

# The canonical string of docs/app-signature.md and docs/merchant-api.md: the method, the path, and every query
# parameter and every top-level field of the JSON body (a string as its text, anything else as compact JSON), key and
# value RFC 3986-encoded, sorted by encoded key in byte order, joined as key=value with "&"; three lines.
# Arguments: METHOD PATH, the query's key=value pairs, then the body (or "").
canonical() {
  local method=$1 path=$2 body=${*: -1} pairs=("${@:3:$#-3}") kv
  if [ -n "$body" ]; then
    mapfile -t -O "${#pairs[@]}" pairs < <(jq -r 'to_entries[]
      | "\(.key)=\(if .value | type == "string" then .value else (.value | tojson) end)"' <<<"$body")
  fi
  printf '%s\n%s\n' "$method" "$path"
  for kv in "${pairs[@]}"; do printf '%s=%s\n' "$(urlencode "${kv%%=*}")" "$(urlencode "${kv#*=}")"; done \
    | LC_ALL=C sort -t= -k1,1 | paste -sd'&' -
}

# app METHOD PATH [BODY]: an app request, HMAC-signed with the local app client; with $APP_TOKEN when set
app() {
  local method=$1 path=$2 body=${3:-} query canon headers=()
  query="appKey=$APP_KEY&timestamp=$(date +%s%3N)&nonce=$(new_nonce)"
  [ -z "$body" ] || query+="&contentSha256=$(printf '%s' "$body" | sha256_hex)"
  canon=$(canonical "$method" "$path" ${query//&/ } "$body")
  query+="&sign=$(printf '%s' "$canon" | openssl dgst -sha256 -hmac "$APP_SECRET" -hex | sed 's/^.* //')"
  [ "$method" = GET ] || headers+=(-H "Idempotency-Key: $(new_nonce)")
  [ -z "${APP_TOKEN:-}" ] || headers+=(-H "Authorization: Bearer $APP_TOKEN")
  request "$method $path${body:+ $(brief "$body")}"
  call "$method" "$GW$path?$query" "$body" "${headers[@]}"
}

# merchant METHOD PATH [BODY]: a merchant request signed with the merchant's RSA key (docs/merchant-api.md);
# with SHOW_SIGNING set it shows the canonical string, the openssl and the curl command
merchant() {
  local method=$1 path=$2 body=${3:-} query canon signature
  query="merchantNo=$MERCHANT_NO&timestamp=$(date +%s%3N)&nonce=$(new_nonce)"
  [ -z "$body" ] || query+="&contentSha256=$(printf '%s' "$body" | sha256_hex)"
  canon=$(canonical "$method" "$path" ${query//&/ } "$body")
  signature=$(printf '%s' "$canon" | openssl dgst -sha256 -sign "$WORK/merchant-key.pem" | openssl base64 -A)
  if [ -n "${SHOW_SIGNING:-}" ]; then
    request "BODY='$body'"
    request "CANON=\$'${canon//$'\n'/\\n}'"
    request "SIG=\$(printf '%s' \"\$CANON\" | openssl dgst -sha256 -sign merchant-key.pem | openssl base64 -A)   # ${signature:0:20}…"
    request "curl -s -X $method '$GW$path?$query' -H \"X-Signature: \$SIG\"${body:+ -H 'Content-Type: application/json' -d \"\$BODY\"}"
  else
    request "$method $path?merchantNo=$MERCHANT_NO&timestamp=…&nonce=…${body:+&contentSha256=… $(brief "$body")}   (X-Signature: RSA)"
  fi
  call "$method" "$GW$path?$query" "$body" -H "X-Signature: $signature"
}

# admin METHOD PATH [BODY]: an operator request in the demo operator's session
admin() {
  local method=$1 path=$2 body=${3:-}
  request "$method $path${body:+ $(brief "$body")}   (operator $OP_USER)"
  if [ "$method" = GET ]; then
    call GET "$GW$path" "" -H "Authorization: Bearer $OP_TOKEN"
  else
    call "$method" "$GW$path" "$body" -H "Authorization: Bearer $OP_TOKEN" -H "Idempotency-Key: $(new_nonce)"
  fi
}

# wait_for SECONDS WHAT COMMAND...: runs the command every 0.25 s until it succeeds
wait_for() {
  local seconds=$1 what=$2 i
  shift 2
  for ((i = 0; i < seconds * 4; i++)); do "$@" && return 0; sleep 0.25; done
  die "no $what after ${seconds}s"
}

# ---------------------------------------------------------------- money: integer micro-units (USDT has 6 decimals)
micros() {
  local v=${1:-0} sign= int frac=
  [[ $v =~ ^-?[0-9]+(\.[0-9]+)?$ ]] || { printf 'apay demo: not an amount: %s\n' "$1" >&2; return 1; }
  [ "${v#-}" = "$v" ] || { sign=-; v=${v#-}; }
  int=${v%%.*}
  [ "$int" = "$v" ] || frac=${v#*.}
  frac=$(printf '%-6s' "${frac:0:6}" | tr ' ' 0)
  echo "$sign$((10#${int:-0} * 1000000 + 10#$frac))"
}
usdt() {
  local m=$1 sign=
  [ "${m#-}" = "$m" ] || { sign=-; m=${m#-}; }
  printf '%s%d.%06d' "$sign" $((m / 1000000)) $((m % 1000000))
}
# balances OWNER_TYPE OWNER_ID: the owner's USDT accounts as "KIND micro-units" lines (as finance sees them)
balances() {
  call GET "$GW/admin-api/ledger/balances?ownerType=$1&ownerId=$2&coin=USDT" "" -H "Authorization: Bearer $OP_TOKEN"
  local kind value
  jq -r '.data[] | "\(.kind) \(.balance)"' <<<"$BODY" | while read -r kind value; do echo "$kind $(micros "$value")"; done
}
signed() { if [ "$1" -lt 0 ]; then usdt "$1"; else printf '+%s' "$(usdt "$1")"; fi; }   # micro-units with their sign
kind() { awk -v k="$2" '$1 == k { print $2; f = 1 } END { if (!f) print 0 }' <<<"$1"; }   # kind "$BALANCES" KIND

# ---------------------------------------------------------------- the local test chain: JSON-RPC with curl and jq
# Only ever against the local hardhat node: its accounts are unlocked (eth_sendTransaction signs with keys of the
# public test mnemonic) and evm_mine makes a block on demand - a real chain does neither. chain_ready checks the
# chain id first.
# rpc METHOD PARAMS_JSON: sets RESULT to the node's result as JSON text (a string without its quotes); dies on an error
rpc() {
  local reply
  reply=$(curl -sS -m 10 -X POST -H 'Content-Type: application/json' \
    --data-binary "$(jq -cn --arg m "$1" --argjson p "$2" '{jsonrpc: "2.0", id: 1, method: $m, params: $p}')" "$CHAIN_RPC") \
    || die "the local chain at $CHAIN_RPC does not answer (bin/apay up starts it)"
  jq -e 'has("result")' <<<"$reply" >/dev/null 2>&1 || die "$1 on the local chain answered: $reply"
  RESULT=$(jq -r 'if .result | type == "string" then .result else .result | tojson end' <<<"$reply")
}
lower() { tr 'A-F' 'a-f' <<<"$1"; }                  # hex (addresses, hashes) compares in any case
word() { printf '%064s' "$(lower "${1#0x}")" | tr ' ' 0; }   # an address or a hex number as a 32-byte ABI word
# chain_ready: the node is the local test chain (chain id 31337), its TestUSDT contract is known (USDT_CONTRACT)
chain_ready() {
  rpc eth_chainId '[]'
  [ "$((RESULT))" = 31337 ] || die "$CHAIN_RPC is chain $((RESULT)), not the local test chain (31337): the demo mines blocks only there"
  USDT_CONTRACT=${LOCALCHAIN_USDT:-}
  [ -n "$USDT_CONTRACT" ] || [ ! -f "$LOCALCHAIN_ENV" ] || USDT_CONTRACT=$(sed -n 's/^LOCALCHAIN_USDT=//p' "$LOCALCHAIN_ENV")
  if [ -z "$USDT_CONTRACT" ]; then
    # a mesh started from another clone: localchain/deploy.js deploys TestUSDT in the new node's first block
    rpc eth_getBlockByNumber '["0x1", false]'
    rpc eth_getTransactionReceipt "[\"$(jq -r '.transactions[0]' <<<"$RESULT")\"]"
    USDT_CONTRACT=$(jq -r '.contractAddress // empty' <<<"$RESULT")
  fi
  rpc eth_getCode "[\"$USDT_CONTRACT\", \"latest\"]"
  [ "${#RESULT}" -gt 2 ] || die "no TestUSDT contract at '$USDT_CONTRACT' on the local chain (bin/apay down, then bin/apay up starts a new one)"
}
# send_tx FROM TO DATA: an unlocked account's transaction, mined at once (hardhat automines); sets TX and TX_BLOCK
send_tx() {
  rpc eth_sendTransaction "$(jq -cn --arg f "$1" --arg t "$2" --arg d "$3" '[{from: $f, to: $t, data: $d, gas: "0x30d40"}]')"
  TX=$RESULT
  rpc eth_getTransactionReceipt "[\"$TX\"]"
  [ "$(jq -r .status <<<"$RESULT")" = 0x1 ] || die "transaction $TX failed on the local chain: $RESULT"
  TX_BLOCK=$(($(jq -r .blockNumber <<<"$RESULT")))
}
token_balance() { # ADDRESS: sets TOKEN_BALANCE to its TestUSDT in micro-units (the token has 6 decimals), by eth_call
  rpc eth_call "[{\"to\": \"$USDT_CONTRACT\", \"data\": \"0x70a08231$(word "$1")\"}, \"latest\"]"
  TOKEN_BALANCE=$((16#${RESULT#0x}))
}
head_block() { rpc eth_blockNumber '[]'; HEAD=$((RESULT)); }
mine() { local i; for ((i = 0; i < $1; i++)); do rpc evm_mine '[]'; done; }
# callback_of FIELD VALUE EVENT: sets CB to the callback at the merchant's endpoint whose body has FIELD = VALUE and
# that eventType
callback_of() {
  local f
  for f in "$WORK"/callbacks/callback-*.body; do
    [ -f "$f" ] || continue
    if jq -e --arg k "$1" --arg v "$2" --arg e "$3" '.[$k] == $v and .eventType == $e' "$f" >/dev/null 2>&1; then
      CB=${f%.body}
      return 0
    fi
  done
  return 1
}

# ---------------------------------------------------------------- the operator: TOTP (RFC 6238) and a session
totp() { # BASE32_SEED STEP: the 6-digit code of one 30-second step (HMAC-SHA1), what an authenticator app shows
  local key mac offset
  key=$(printf '%s' "$1" | base32 -d | od -An -v -tx1 | tr -d ' \n')
  mac=$(printf "$(printf '%016x' "$2" | sed 's/../\\x&/g')" | openssl dgst -sha1 -mac HMAC -macopt "hexkey:$key" -hex | sed 's/^.* //')
  offset=$((16#${mac:39:1}))
  printf '%06d' $(((16#${mac:offset*2:8} & 0x7fffffff) % 1000000))
}
now_step() { echo $(($(date +%s) / 30)); }
# next_step: sets OP_LAST_STEP to a time step no earlier code used (the server takes each step once, and only the
# current one or one either side); its code is then: totp "$OP_TOTP_SECRET" "$OP_LAST_STEP"
next_step() {
  local step
  step=$(now_step)
  [ "$step" -gt "${OP_LAST_STEP:-0}" ] || step=$((OP_LAST_STEP + 1))
  while [ "$step" -gt $(($(now_step) + 1)) ]; do sleep 1; done
  OP_LAST_STEP=$step
  save_operator
}
save_operator() {
  printf 'OP_USER=%s\nOP_PASSWORD=%s\nOP_TOTP_SECRET=%s\nOP_LAST_STEP=%s\nOP_TOKEN=%s\nOP_ACTIVATION_CODE=%s\n' \
    "$OP_USER" "$OP_PASSWORD" "${OP_TOTP_SECRET:-}" "${OP_LAST_STEP:-0}" "${OP_TOKEN:-}" "${OP_ACTIVATION_CODE:-}" >"$OPERATOR_ENV"
}

bootstrap_operator() {
  OP_USER=demo-admin
  request "POST $USER_SVC/rpc-api/user/operators/bootstrap {\"username\":\"$OP_USER\",\"displayName\":\"Demo operator\"}   (internal, as bin/apay admin-bootstrap)"
  try_call POST "$USER_SVC/rpc-api/user/operators/bootstrap" "{\"username\":\"$OP_USER\",\"displayName\":\"Demo operator\"}" \
    -H "X-Apay-Auth: $(mesh_auth POST /rpc-api/user/operators/bootstrap)"
  if [ "$(jq -r .code <<<"$BODY")" = 12054 ]; then
    die "this mesh has operators already, but the demo's own is unknown here (no $OPERATOR_ENV).
  Write OP_USER=<username>, OP_PASSWORD=<password> and OP_TOTP_SECRET=<its TOTP seed> of an active SUPER_ADMIN
  into $OPERATOR_ENV and run the demo again (or start from empty apay_* schemas)."
  fi
  [ "$STATUS" = 200 ] || die "the bootstrap answered HTTP $STATUS: $BODY"
  OP_ACTIVATION_CODE=$(data .activationCode)
  OP_PASSWORD=$(openssl rand -base64 24)
  OP_TOTP_SECRET=
  OP_LAST_STEP=0
  OP_TOKEN=
  save_operator                                        # at once: a run that stops here resumes the activation
  answer "operator $OP_USER created (SUPER_ADMIN, pending activation), one-time activation code ${OP_ACTIVATION_CODE:0:4}…"
}

activate_operator() {
  request "POST /admin-api/user/auth/activation/totp {\"username\":\"$OP_USER\",\"activationCode\":\"…\"}"
  call POST "$GW/admin-api/user/auth/activation/totp" "{\"username\":\"$OP_USER\",\"activationCode\":\"$OP_ACTIVATION_CODE\"}" \
    -H "Idempotency-Key: $(new_nonce)"
  OP_TOTP_SECRET=$(data .secret)
  save_operator                                        # now: the seed is never shown again
  answer "TOTP seed bound: $(data .otpauthUri | sed 's/secret=[^&]*/secret=…/') (kept with the password in $OPERATOR_ENV)"
  request "POST /admin-api/user/auth/activate {\"username\":\"$OP_USER\",\"activationCode\":\"…\",\"password\":\"…\",\"totpCode\":\"<TOTP now>\"}"
  next_step
  call POST "$GW/admin-api/user/auth/activate" "$(jq -cn --arg u "$OP_USER" --arg c "$OP_ACTIVATION_CODE" --arg p "$OP_PASSWORD" \
    --arg t "$(totp "$OP_TOTP_SECRET" "$OP_LAST_STEP")" '{username: $u, activationCode: $c, password: $p, totpCode: $t}')" -H "Idempotency-Key: $(new_nonce)"
  OP_ACTIVATION_CODE=
  save_operator
  answer "activated"
}

operator_session() {
  if [ -f "$OPERATOR_ENV" ]; then
    # shellcheck disable=SC1091
    . "$OPERATOR_ENV"
  else
    bootstrap_operator
  fi
  [ -z "${OP_ACTIVATION_CODE:-}" ] || activate_operator
  if [ -n "${OP_TOKEN:-}" ]; then                    # the session of an earlier run, while it is open (30 min idle)
    try_call GET "$GW/admin-api/ledger/balances?ownerType=PLATFORM&ownerId=platform&coin=USDT" "" -H "Authorization: Bearer $OP_TOKEN"
    if [ "$STATUS" = 200 ]; then
      answer "operator $OP_USER: the session of an earlier run is still open"
      return
    fi
  fi
  request "POST /admin-api/user/auth/login {\"username\":\"$OP_USER\",\"password\":\"…\",\"totpCode\":\"<TOTP now>\"}"
  next_step
  call POST "$GW/admin-api/user/auth/login" "$(jq -cn --arg u "$OP_USER" --arg p "$OP_PASSWORD" --arg t "$(totp "$OP_TOTP_SECRET" "$OP_LAST_STEP")" \
    '{username: $u, password: $p, totpCode: $t}')" -H "Idempotency-Key: $(new_nonce)"
  OP_TOKEN=$(data .token)
  save_operator
  answer "logged in as $OP_USER, roles $(data '.roles | join(",")'), session kept in $OPERATOR_ENV"
}

# ================================================================= the walk
say "${B}apay demo${N}: one payment end to end through $GW (run $RUN_ID)"

# ---------------------------------------------------------------- 1
heading 1 "A merchant with a fresh RSA key, onboarded by an operator"
operator_session
MERCHANT_NO="DEMO-$RUN_ID"
request "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out merchant-key.pem"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/merchant-key.pem" 2>/dev/null
request "openssl pkey -in merchant-key.pem -pubout -out merchant-pub.pem"
openssl pkey -in "$WORK/merchant-key.pem" -pubout -out "$WORK/merchant-pub.pem"
answer "$(sed -n 2p "$WORK/merchant-pub.pem" | cut -c1-40)…   (${WORK#"$ROOT"/}/merchant-pub.pem)"
admin POST /admin-api/merchant/merchants "$(jq -cn --arg no "$MERCHANT_NO" --rawfile pem "$WORK/merchant-pub.pem" \
  '{merchantNo: $no, name: "Demo Shop", ipWhitelist: ["127.0.0.1"], publicKeyPem: $pem, reason: "demo: a new merchant"}')"
answer "$(brief "$(jq -c '.data' <<<"$BODY")")"

# the merchant's server: a notify endpoint on loopback that keeps each callback and answers "success"
mkdir -p "$WORK/callbacks"
java "$ROOT/bin/demo/MerchantEndpoint.java" "$WORK/callbacks" >"$WORK/merchant-endpoint.log" 2>&1 &
ENDPOINT_PID=$!
note "the merchant's notify endpoint starts in the background: java bin/demo/MerchantEndpoint.java (loopback, answers \"success\")"

# ---------------------------------------------------------------- 2
heading 2 "An acceptor: registers with an SMS code, applies, is funded and approved, lists an ad"
PHONE="+86139$(date +%s | tail -c 9)"
app POST /app-api/sms/codes "{\"phone\":\"$PHONE\",\"purpose\":\"REGISTER\",\"locale\":\"en\"}"
answer "$(brief "$BODY")"
sms_code() { SMS_CODE=$(redis-cli -h 127.0.0.1 LINDEX "${REDIS_PREFIX}sms-dev-mailbox:$PHONE" 0 | grep -o '[0-9]\{6\}' | head -1); [ -n "$SMS_CODE" ]; }
request "redis-cli LINDEX ${REDIS_PREFIX}sms-dev-mailbox:$PHONE 0   (the local SMS provider's dev mailbox)"
wait_for 10 "SMS text for $PHONE" sms_code
answer "code $SMS_CODE"
app POST /app-api/user/auth/register "{\"phone\":\"$PHONE\",\"smsCode\":\"$SMS_CODE\",\"password\":\"demo-$(new_nonce)\",\"deviceId\":\"demo-phone\"}"
ACCEPTOR_ID=$(data .userId)
APP_TOKEN=$(data .token)
answer "$(brief "$BODY")"
app POST /app-api/otc/acceptor/apply "{\"displayName\":\"Demo desk $ACCEPTOR_ID\"}"
answer "acceptor $ACCEPTOR_ID: $(data .status)"
admin POST /admin-api/ledger/credits "$(jq -cn --arg id "$ACCEPTOR_ID" --arg req "demo-fund-$RUN_ID" \
  '{requestId: $req, owner: {ownerType: "ACCEPTOR", ownerId: $id}, coin: "USDT", amount: "1200",
    reason: "demo: the acceptor'"'"'s bank transfer (1000 margin + 200 for its ad)"}')"
answer "transaction $(data .txnId) $(data .type): $(jq -r '[.data.postings[] | "\(.ownerType) \(.ownerId) \(.kind) \(.amount)"] | join(", ")' <<<"$BODY")"
admin POST "/admin-api/otc/acceptors/$ACCEPTOR_ID/approve" '{"reason":"demo: identity checked"}'
answer "acceptor $ACCEPTOR_ID: $(data .status) (the 1000 USDT margin is now held in the ledger)"
AD_BODY=$(jq -cn --arg id "$ACCEPTOR_ID" '{coin: "USDT", fiatCurrency: "CNY", rate: "7.2", minFiat: "10", maxFiat: "500",
  totalCoin: "200", channels: [{channel: "ALIPAY", payeeAccount: ("demo-" + $id + "@alipay.example"), payeeName: ("Demo Acceptor " + $id)}]}')
app POST /app-api/otc/ads "$AD_BODY"
answer "ad $(data .adId) $(data .status): $(data .totalCoin) USDT at $(data .rate) CNY, $(data .minFiat)-$(data .maxFiat) CNY an order, pay by $(data '.channels | map("\(.channel) to \(.payeeName) <\(.payeeAccount)>") | join(", ")')"

# ---------------------------------------------------------------- 3
heading 3 "The acceptor's monitor: a device key, then the simulator connects"
app POST /app-api/push/devices '{"name":"Demo phone"}'
DEVICE_ID=$(data .deviceId)
DEVICE_SECRET=$(data .deviceSecret)
answer "$(brief "$BODY")"
mkfifo "$WORK/monitor.in"
request "java -jar ${SIM_JAR#"$ROOT"/} run --ws ${GW/http/ws}/ws/monitor --acceptor $ACCEPTOR_ID --device $DEVICE_ID --secret … --token … --stdin &"
java -jar "$SIM_JAR" run --ws "${GW/http/ws}/ws/monitor" --acceptor "$ACCEPTOR_ID" --device "$DEVICE_ID" \
  --secret "$DEVICE_SECRET" --token "$APP_TOKEN" --stdin <"$WORK/monitor.in" >"$WORK/monitor.log" 2>&1 &
MONITOR_PID=$!
exec 7>"$WORK/monitor.in"                              # the simulator's commands; closing it stops the simulator
monitor_frame() { # TYPE [TEXT]: the monitor received a frame of that type (containing TEXT)
  kill -0 "$MONITOR_PID" 2>/dev/null || die "the monitor simulator exited: $(tail -5 "$WORK/monitor.log")"
  grep -F "\"type\":\"$1\"" "$WORK/monitor.log" | grep -qF "${2:-}"
}
wait_for 30 "welcome from the server" monitor_frame welcome
answer "$(grep -F '"type":"welcome"' "$WORK/monitor.log" | sed 's/^.* < //')"
acceptor_online() { app GET /app-api/otc/acceptor; [ "$(data .online)" = true ]; }
QUIET=1 wait_for 30 "'online' for acceptor $ACCEPTOR_ID in otc-svc" acceptor_online
request "GET /app-api/otc/acceptor"
answer "$(brief "$(jq -c '.data' <<<"$BODY")")"

# ---------------------------------------------------------------- 4
heading 4 "The merchant creates a payment order (RSA-signed with openssl, sent with curl)"
wait_for 60 "port from the merchant's notify endpoint" test -s "$WORK/callbacks/port"
NOTIFY_URL="http://127.0.0.1:$(cat "$WORK/callbacks/port")/notify"
# balances before the payment, to show what it moves
MERCHANT_BEFORE=$(balances MERCHANT "$MERCHANT_NO")
PLATFORM_BEFORE=$(balances PLATFORM platform)
ACCEPTOR_BEFORE=$(balances ACCEPTOR "$ACCEPTOR_ID")
ORDER_BODY=$(jq -cn --arg no "DEMO-$RUN_ID-1" --arg amount "$FIAT_AMOUNT" --arg notify "$NOTIFY_URL" \
  '{merchantOrderNo: $no, fiatAmount: $amount, fiatCurrency: "CNY", coin: "USDT", channel: "ALIPAY",
    notifyUrl: $notify, returnUrl: "https://shop.example/thanks", expireMinutes: 15}')
SHOW_SIGNING=1 merchant POST /merchant-api/orders "$ORDER_BODY"
answer "$BODY"
ORDER_NO=$(data .orderNo)
PAYABLE=$(data .payableAmount)
CASHIER_URL=$(data .cashierUrl)

# ---------------------------------------------------------------- 5
heading 5 "The buyer's cashier page"
say "  cashier URL:     $CASHIER_URL"
say "  payable amount:  $PAYABLE CNY, to the cent: no other open order of this acceptor has it (ordered: $FIAT_AMOUNT CNY = $(data .coinAmount) USDT at $(data .rate))"
CASHIER_TOKEN=$(sed -n 's/.*[?&]o=\([^&]*\).*/\1/p' <<<"$CASHIER_URL")
request "GET /cashier/api/orders/$CASHIER_TOKEN   (what the page shows)"
call GET "$GW/cashier/api/orders/$CASHIER_TOKEN"
answer "$(brief "$(jq -c '.data' <<<"$BODY")")"
wait_for 20 "order.assigned for $ORDER_NO at this acceptor's monitor (is another acceptor online?)" monitor_frame order.assigned "\"orderId\":\"$ORDER_NO\""
note "the acceptor's phone was told to expect it:"
answer "$(grep -F '"type":"order.assigned"' "$WORK/monitor.log" | grep -F "\"orderId\":\"$ORDER_NO\"" | head -1 | sed 's/^.* < //')"

# ---------------------------------------------------------------- 6
heading 6 "The buyer pays $PAYABLE CNY by Alipay; the acceptor's monitor reports it"
request "report ALIPAY:$PAYABLE:CNY:demo buyer   (to the simulator's input: a signed payment.received frame)"
printf 'report ALIPAY:%s:CNY:demo buyer\n' "$PAYABLE" >&7
wait_for 20 "ack of the payment report" monitor_frame ack
answer "$(grep -F '"type":"ack"' "$WORK/monitor.log" | tail -1 | sed 's/^.* < //')"
grep -F '"type":"ack"' "$WORK/monitor.log" | tail -1 | grep -qF '"status":"accepted"' || die "the payment report was not accepted"
order_completed() { merchant GET "/merchant-api/orders/$ORDER_NO"; [ "$(data .status)" = COMPLETED ]; }
QUIET=1 wait_for 30 "COMPLETED status of order $ORDER_NO" order_completed
note "otc-svc matched the payment to order $ORDER_NO and the ledger released the coin; the monitor hears the order ended:"
wait_for 10 "order.closed for $ORDER_NO at the monitor" monitor_frame order.closed "\"orderId\":\"$ORDER_NO\""
answer "$(grep -F '"type":"order.closed"' "$WORK/monitor.log" | grep -F "\"orderId\":\"$ORDER_NO\"" | head -1 | sed 's/^.* < //')"

# ---------------------------------------------------------------- 7
heading 7 "The merchant's signed callback, verified with openssl; the order and the money"
wait_for 60 "callback at the merchant's endpoint" test -f "$WORK/callbacks/callback-1.body"
CB="$WORK/callbacks/callback-1"
SIGNATURE=$(sed -n 's/^x-signature: //Ip' "$CB.headers" | tr -d '\r')
say "  POST $NOTIFY_URL   (received by the merchant's endpoint, which answered \"success\")"
header() { sed -n "s/^$1: //Ip" "$CB.headers" | tr -d '\r'; }
note "X-Signature: ${SIGNATURE:0:48}…"
note "X-Signature-Algorithm: $(header x-signature-algorithm)"
note "X-Platform-Key-Fingerprint: $(header x-platform-key-fingerprint)"
note "$(cat "$CB.body")"
request "curl -s $GW/merchant-api/platform-key | sed 's/.*\"publicKeyPem\":\"\\([^\"]*\\)\".*/\\1/' | sed 's/\\\\n/\\n/g' > platform-pub.pem   (public: unsigned)"
call GET "$GW/merchant-api/platform-key"
printf '%s' "$BODY" | sed 's/.*"publicKeyPem":"\([^"]*\)".*/\1/' | sed 's/\\n/\n/g' >"$WORK/platform-pub.pem"
answer "$(sed -n 2p "$WORK/platform-pub.pem" | cut -c1-40)…   (platform-pub.pem)"
printf '%s' "$SIGNATURE" | openssl base64 -d -A >"$WORK/sig.bin"
request "printf '%s' \"\$SIGNATURE\" | openssl base64 -d -A > sig.bin"
request "openssl dgst -sha256 -verify platform-pub.pem -signature sig.bin callback-1.body"
VERIFIED=$(openssl dgst -sha256 -verify "$WORK/platform-pub.pem" -signature "$WORK/sig.bin" "$CB.body" 2>&1) \
  || die "the callback's signature does not verify: $VERIFIED"
answer "$VERIFIED"
[ "$(jq -r .orderNo "$CB.body")" = "$ORDER_NO" ] && [ "$(jq -r .eventType "$CB.body")" = ORDER_COMPLETED ] \
  || die "the callback is not ORDER_COMPLETED of $ORDER_NO"

merchant GET "/merchant-api/orders/$ORDER_NO"
ORDER=$(jq -c .data <<<"$BODY")
answer "$(jq -r '"order \(.orderNo) (\(.merchantOrderNo)): \(.status), paid \(.paidAt), completed \(.completedAt)"' <<<"$ORDER")"
answer "$(jq -r '"  \(.fiatAmount) \(.fiatCurrency) ordered, \(.payableAmount) paid = \(.coinAmount) \(.coin): \(.merchantCoinAmount) to the merchant + \(.feeCoinAmount) fee"' <<<"$ORDER")"
merchant GET "/merchant-api/orders/$ORDER_NO/callbacks"
answer "$(jq -r '.data[] | "callback \(.eventType) to \(.notifyUrl): \(.status) after \(.attempts) attempt(s), answered \(.attemptLog[-1].httpStatus) \(.attemptLog[-1].responseSnippet)"' <<<"$BODY")"

request "GET /admin-api/ledger/balances?ownerType=…&ownerId=…&coin=USDT   (operator $OP_USER: merchant, platform, acceptor)"
MERCHANT_AFTER=$(balances MERCHANT "$MERCHANT_NO")
PLATFORM_AFTER=$(balances PLATFORM platform)
ACCEPTOR_AFTER=$(balances ACCEPTOR "$ACCEPTOR_ID")
moved() { echo $(($(kind "$2" "$3") - $(kind "$1" "$3"))); }
TO_MERCHANT=$(moved "$MERCHANT_BEFORE" "$MERCHANT_AFTER" AVAILABLE)
TO_PLATFORM=$(($(moved "$PLATFORM_BEFORE" "$PLATFORM_AFTER" FEE_INCOME) + $(moved "$PLATFORM_BEFORE" "$PLATFORM_AFTER" ROUNDING)))
COMMISSION=$(moved "$ACCEPTOR_BEFORE" "$ACCEPTOR_AFTER" AVAILABLE)
FROZEN_SPENT=$((-$(moved "$ACCEPTOR_BEFORE" "$ACCEPTOR_AFTER" FROZEN)))
printf '    %-48s %11s USDT\n' \
  "acceptor $ACCEPTOR_ID: its ad's frozen coin" "-$(usdt "$FROZEN_SPENT")" \
  "merchant $MERCHANT_NO: available" "+$(usdt "$TO_MERCHANT")" \
  "platform: fee income (+ rounding)" "+$(usdt "$TO_PLATFORM")" \
  "acceptor $ACCEPTOR_ID: commission (available)" "+$(usdt "$COMMISSION")"
[ "$TO_MERCHANT" = "$(micros "$(jq -r .merchantCoinAmount <<<"$ORDER")")" ] \
  || die "the merchant's balance moved $(usdt "$TO_MERCHANT"), the order says $(jq -r .merchantCoinAmount <<<"$ORDER")"
if [ $((TO_MERCHANT + TO_PLATFORM + COMMISSION)) = "$FROZEN_SPENT" ]; then
  note "merchant + fee + commission = the acceptor's coin released: nothing made, nothing lost"
else
  note "(the platform's or the acceptor's balances also moved for something else meanwhile)"
fi

# ---------------------------------------------------------------- 8
heading 8 "The merchant withdraws its USDT on chain"
chain_ready
note "on the local test chain ($CHAIN_RPC, TestUSDT at $USDT_CONTRACT): the demo reads it with eth_call and mines"
note "blocks with evm_mine, which only a local test node allows; a real chain mines on its own"
PAYOUT_TO="0x$(openssl rand -hex 20)"
request "openssl rand -hex 20   (a fresh address for the shop's treasury; a real merchant lists its own wallet's)"
answer "$PAYOUT_TO"
admin PUT "/admin-api/merchant/merchants/$MERCHANT_NO/payout-addresses" "$(jq -cn --arg a "$PAYOUT_TO" \
  '{payoutAddresses: [{network: "LOCAL", address: $a}], reason: "demo: the shop'"'"'s treasury address"}')"
answer "merchant $MERCHANT_NO may pay out to: $(jq -c '.data.payoutAddresses' <<<"$BODY")"
MERCHANT_BEFORE_PAYOUT=$(balances MERCHANT "$MERCHANT_NO")
token_balance "$PAYOUT_TO"
TO_BEFORE=$TOKEN_BALANCE
PAYOUT_NO="PO-$RUN_ID"
head_block
SCANNED=$HEAD                                          # the payout's transaction comes in a later block
PAYOUT_BODY=$(jq -cn --arg no "$PAYOUT_NO" --arg to "$PAYOUT_TO" --arg amount "$PAYOUT_AMOUNT" --arg notify "$NOTIFY_URL" \
  '{payoutNo: $no, network: "LOCAL", coin: "USDT", toAddress: $to, amount: $amount, notifyUrl: $notify}')
merchant POST /merchant-api/payouts "$PAYOUT_BODY"
answer "$(brief "$(jq -c '.data' <<<"$BODY")")"
# payout_now: the payout as the merchant sees it; dies once it has ended any other way than COMPLETED
payout_now() {
  merchant GET "/merchant-api/payouts/$PAYOUT_NO"
  case "$(data .status)" in
    FAILED | REJECTED | REFUSED) die "payout $PAYOUT_NO ended $(data .status): $(jq -c .data <<<"$BODY")" ;;
  esac
}
# REQUESTING: the wallet has not answered yet (a slow or lost call is finished by merchant-api's recovery job),
# so the fee is not known until the payout moves on
payout_priced() { payout_now; [ "$(data .status)" != REQUESTING ]; }
if [ "$(data .status)" = REQUESTING ]; then
  QUIET=1 wait_for 60 "payout $PAYOUT_NO handed to the wallet (its fee known)" payout_priced
  answer "$(brief "$(jq -c '.data' <<<"$BODY")")"
fi
PAYOUT_MICROS=$(micros "$(data .amount)")
PAYOUT_FEE_MICROS=$(micros "$(data .fee)")
PAYOUT_HELD=$((PAYOUT_MICROS + PAYOUT_FEE_MICROS))
note "the network fee, $(data .fee) USDT, comes on top: $(usdt "$PAYOUT_HELD") USDT held in the merchant's account"
# payout_on_chain: the payout's TestUSDT transfer among the blocks mined since it was asked for, read from the node
# (wallet-svc names the txHash only once the payout is final); sets PAYOUT_TX, PAYOUT_BLOCK and PAYOUT_FROM
PAYOUT_INPUT="0xa9059cbb$(word "$PAYOUT_TO")$(word "$(printf '%x' "$(micros "$PAYOUT_AMOUNT")")")"
payout_on_chain() {
  local n found
  payout_now
  head_block
  for ((n = SCANNED + 1; n <= HEAD; n++)); do
    rpc eth_getBlockByNumber "[\"$(printf '0x%x' "$n")\", true]"
    found=$(jq -c --arg to "$USDT_CONTRACT" --arg input "$PAYOUT_INPUT" 'first(.transactions[]
      | select((.to // "" | ascii_downcase) == ($to | ascii_downcase) and (.input | ascii_downcase) == $input)) // empty' <<<"$RESULT")
    SCANNED=$n
    if [ -n "$found" ]; then
      PAYOUT_TX=$(jq -r .hash <<<"$found")
      PAYOUT_FROM=$(jq -r .from <<<"$found")
      PAYOUT_BLOCK=$n
      return 0
    fi
  done
  return 1
}
request "eth_getBlockByNumber …   (the blocks since the payout was asked for: its transfer($PAYOUT_TO, $(micros "$PAYOUT_AMOUNT")) of TestUSDT)"
QUIET=1 wait_for 60 "transaction of payout $PAYOUT_NO on chain (wallet-svc -> chain-bridge-svc)" payout_on_chain
head_block
CONFIRMED_AT=$((HEAD - PAYOUT_BLOCK + 1))
answer "tx $PAYOUT_TX in block $PAYOUT_BLOCK, from the platform's hot wallet $PAYOUT_FROM"
answer "$CONFIRMED_AT of $CONFIRMATIONS confirmations; the payout: $(data .status)"
if [ "$CONFIRMED_AT" -lt "$CONFIRMATIONS" ]; then
  request "evm_mine ×$((CONFIRMATIONS - CONFIRMED_AT))   (local test chain: the next blocks)"
  mine $((CONFIRMATIONS - CONFIRMED_AT))
  head_block
  answer "head at block $HEAD: $((HEAD - PAYOUT_BLOCK + 1)) confirmations"
fi
payout_completed() { payout_now; [ "$(data .status)" = COMPLETED ]; }
QUIET=1 wait_for 60 "COMPLETED status of payout $PAYOUT_NO" payout_completed
request "GET /merchant-api/payouts/$PAYOUT_NO"
answer "$(brief "$(jq -c '.data' <<<"$BODY")")"
[ "$(lower "$(data .txHash)")" = "$(lower "$PAYOUT_TX")" ] || die "payout $PAYOUT_NO names txHash $(data .txHash), its transfer on chain is $PAYOUT_TX"
payout_callback() { callback_of payoutNo "$PAYOUT_NO" PAYOUT_COMPLETED; }
wait_for 60 "PAYOUT_COMPLETED callback for $PAYOUT_NO at the merchant's endpoint" payout_callback
say "  POST $NOTIFY_URL   (received by the merchant's endpoint, which answered \"success\")"
note "$(cat "$CB.body")"
printf '%s' "$(sed -n 's/^x-signature: //Ip' "$CB.headers" | tr -d '\r')" | openssl base64 -d -A >"$WORK/payout-sig.bin"
request "openssl dgst -sha256 -verify platform-pub.pem -signature payout-sig.bin ${CB##*/}.body"
VERIFIED=$(openssl dgst -sha256 -verify "$WORK/platform-pub.pem" -signature "$WORK/payout-sig.bin" "$CB.body" 2>&1) \
  || die "the payout callback's signature does not verify: $VERIFIED"
answer "$VERIFIED"
[ "$(lower "$(jq -r .txHash "$CB.body")")" = "$(lower "$PAYOUT_TX")" ] || die "the callback names txHash $(jq -r .txHash "$CB.body"), the payout $PAYOUT_TX"
request "eth_call $USDT_CONTRACT balanceOf($PAYOUT_TO)   (0x70a08231, read from the chain)"
token_balance "$PAYOUT_TO"
answer "$(usdt "$TOKEN_BALANCE") USDT"
[ $((TOKEN_BALANCE - TO_BEFORE)) = "$(micros "$PAYOUT_AMOUNT")" ] \
  || die "the address received $(usdt $((TOKEN_BALANCE - TO_BEFORE))) USDT on chain, the payout was $PAYOUT_AMOUNT"
request "GET /admin-api/ledger/balances?ownerType=MERCHANT&ownerId=$MERCHANT_NO&coin=USDT   (operator $OP_USER)"
MERCHANT_AFTER_PAYOUT=$(balances MERCHANT "$MERCHANT_NO")
PAID_OUT=$((-$(moved "$MERCHANT_BEFORE_PAYOUT" "$MERCHANT_AFTER_PAYOUT" AVAILABLE)))
FROZEN_LEFT=$(moved "$MERCHANT_BEFORE_PAYOUT" "$MERCHANT_AFTER_PAYOUT" FROZEN)
printf '    %-48s %11s USDT\n' \
  "merchant $MERCHANT_NO: available" "-$(usdt "$PAID_OUT")" \
  "merchant $MERCHANT_NO: frozen" "$(signed "$FROZEN_LEFT")" \
  "the payout address, on chain" "+$(usdt $((TOKEN_BALANCE - TO_BEFORE)))"
[ "$PAID_OUT" = "$PAYOUT_HELD" ] && [ "$FROZEN_LEFT" = 0 ] \
  || die "the merchant's balances moved $(signed $((-PAID_OUT))) available, $(signed "$FROZEN_LEFT") frozen; the payout and its fee are $(usdt "$PAYOUT_HELD")"
note "amount + fee were held (frozen), then left the merchant's account; the amount arrived on chain (the fee is the platform's: it pays the gas)"

# ---------------------------------------------------------------- 9
heading 9 "A deposit: the app user $ACCEPTOR_ID (the acceptor) pays $DEPOSIT_AMOUNT USDT in on chain"
app POST /app-api/wallet/deposit-addresses '{"network":"LOCAL"}'
DEPOSIT_ADDRESS=$(data .address)
answer "$(brief "$(jq -c '.data' <<<"$BODY")")   (the user's own address, derived by chain-bridge-svc)"
USER_BEFORE=$(balances USER "$ACCEPTOR_ID")
rpc eth_accounts '[]'
MINTER=$(jq -r '.[0]' <<<"$RESULT")                    # account #0 deployed TestUSDT and may mint it
PAYER=$(jq -r '.[1]' <<<"$RESULT")
note "the payer: the local node's account #1 $PAYER, unlocked (the public test mnemonic; local test chain only)"
DEPOSIT_MICROS=$(micros "$DEPOSIT_AMOUNT")
request "eth_sendTransaction {from: #0, to: TestUSDT, data: mint(#1, $DEPOSIT_MICROS)}   (0x40c10f19: the payer gets the coin)"
send_tx "$MINTER" "$USDT_CONTRACT" "0x40c10f19$(word "$PAYER")$(word "$(printf '%x' "$DEPOSIT_MICROS")")"
answer "tx $TX in block $TX_BLOCK"
request "eth_sendTransaction {from: #1, to: TestUSDT, data: transfer($DEPOSIT_ADDRESS, $DEPOSIT_MICROS)}   (0xa9059cbb: it pays)"
send_tx "$PAYER" "$USDT_CONTRACT" "0xa9059cbb$(word "$DEPOSIT_ADDRESS")$(word "$(printf '%x' "$DEPOSIT_MICROS")")"
DEPOSIT_TX=$TX
DEPOSIT_BLOCK=$TX_BLOCK
answer "tx $DEPOSIT_TX in block $DEPOSIT_BLOCK"
# deposit_now: the user's deposit of DEPOSIT_TX as the app shows it, in DEPOSIT (empty until chain-bridge-svc saw it)
deposit_now() {
  app GET /app-api/wallet/deposits
  DEPOSIT=$(jq -c --arg tx "$DEPOSIT_TX" 'first(.data[] | select((.txHash | ascii_downcase) == ($tx | ascii_downcase))) // empty' <<<"$BODY")
}
deposit_line() { jq -r '"\(.status) \(.confirmations)/\(.requiredConfirmations) confirmations, \(.amount) \(.coin) to \(.address), credited: \(.credited)"' <<<"$DEPOSIT"; }
deposit_seen() { deposit_now; [ -n "$DEPOSIT" ]; }
QUIET=1 wait_for 30 "deposit $DEPOSIT_TX in the user's deposits (chain-bridge-svc scans every 500 ms)" deposit_seen
request "GET /app-api/wallet/deposits"
answer "$(deposit_line)"
[ "$(jq -r .amount <<<"$DEPOSIT")" != null ] && [ "$(micros "$(jq -r .amount <<<"$DEPOSIT")")" = "$DEPOSIT_MICROS" ] \
  && [ "$(lower "$(jq -r .address <<<"$DEPOSIT")")" = "$(lower "$DEPOSIT_ADDRESS")" ] \
  || die "the deposit is not $DEPOSIT_AMOUNT USDT to $DEPOSIT_ADDRESS: $DEPOSIT"
REQUIRED=$(jq -r .requiredConfirmations <<<"$DEPOSIT")
SEEN_AT=$(jq -r .confirmations <<<"$DEPOSIT")
if [ "$(jq -r .status <<<"$DEPOSIT")" = SEEN ]; then
  [ "$(jq -r .credited <<<"$DEPOSIT")" = false ] || die "a SEEN deposit is credited: $DEPOSIT"
  # the block holding it is its first confirmation; another transaction on the node (a sweep of an earlier run's
  # deposit) may have added a block meanwhile
  note "seen in block $DEPOSIT_BLOCK, not credited yet: $REQUIRED confirmations are needed"
  request "evm_mine ×$((REQUIRED - SEEN_AT))   (local test chain: the next blocks)"
  mine $((REQUIRED - SEEN_AT))
  head_block
  answer "head at block $HEAD"
else
  note "(other transactions on the node mined blocks meanwhile: it had all its confirmations when first seen)"
fi
deposit_credited() { deposit_now; [ -n "$DEPOSIT" ] && [ "$(jq -r .credited <<<"$DEPOSIT")" = true ]; }
QUIET=1 wait_for 60 "credit of deposit $DEPOSIT_TX" deposit_credited
request "GET /app-api/wallet/deposits"
answer "$(deposit_line)"
[ "$(jq -r .status <<<"$DEPOSIT")" = CONFIRMED ] || die "a credited deposit is not CONFIRMED: $DEPOSIT"
request "GET /admin-api/ledger/balances?ownerType=USER&ownerId=$ACCEPTOR_ID&coin=USDT   (operator $OP_USER)"
USER_AFTER=$(balances USER "$ACCEPTOR_ID")
CREDITED=$(moved "$USER_BEFORE" "$USER_AFTER" AVAILABLE)
printf '    %-48s %11s USDT\n' "user $ACCEPTOR_ID: available" "+$(usdt "$CREDITED")"
[ "$CREDITED" = "$DEPOSIT_MICROS" ] || die "the user's available balance rose $(usdt "$CREDITED") USDT, the deposit was $DEPOSIT_AMOUNT"
note "credited exactly once, exactly the amount paid on chain"

say ""
say "${B}done${N} in $((SECONDS - STARTED))s: order $ORDER_NO paid and settled, payout $PAYOUT_NO on chain ($PAYOUT_TX), deposit $DEPOSIT_TX credited."
say "This run's files: ${WORK#"$ROOT"/}"
