#!/usr/bin/env bash
# The redesign's behaviour check (issue 25): the CLI's JSON (and stdout, exit code, trained weights) for every
# experiment on every shipped model, before and after a refactor.
#
#   tools/redesign/json-identity.sh baseline   # on the commit to compare against: target/json-identity/baseline
#   tools/redesign/json-identity.sh check      # on the working tree: captures target/json-identity/now, compares
#
# Pass ONLY='regex' to run only matching cases (e.g. ONLY='.*tiny-random.*').
set -euo pipefail
cd "$(dirname "$0")/../.."
mode=${1:?baseline or check}
nice -n 5 ./mvnw -o -q compile
nice -n 5 ./mvnw -o -q dependency:build-classpath -Dmdep.outputFile=target/json-identity.cp >/dev/null
run() {
  rm -rf "$1" "$1.classes"
  # a copy of the classes: a compile during the capture must not change the code under test
  mkdir -p "$1.classes" && cp -r target/classes/. "$1.classes/"
  cp="$1.classes:$(cat target/json-identity.cp)"
  nice -n 5 java -Ddriftclaims.home="$PWD" -Dai.djl.offline=true -Donly="${ONLY:-}" -cp "$cp" \
    tools/redesign/JsonIdentity.java capture "$1"
}
case "$mode" in
  baseline) run target/json-identity/baseline ;;
  check) run target/json-identity/now
         java tools/redesign/JsonIdentity.java compare target/json-identity/baseline target/json-identity/now ;;
  *) echo "error: mode '$mode' is not baseline or check; pass one of them" >&2; exit 2 ;;
esac
