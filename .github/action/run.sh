#!/usr/bin/env bash
# The GitHub Action's scan step (action.yml), also run locally by .github/action/test_action.py.
# Inputs from the environment:
#   ABILINT          the abilint command (default: the launcher next to this repository's root)
#   ABILINT_PATHS    paths or globs, separated by spaces or new lines
#   ABILINT_FAIL_ON  error | warning | note | never (default error)
#   ABILINT_CONFIG   an abilint.toml or pyproject.toml (optional)
#   ABILINT_SARIF    true: write the SARIF report for the upload step (default true)
#   GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, RUNNER_TEMP   as GitHub Actions sets them
# Writes the findings as Markdown to the job summary and the text report to the log; sets the outputs exit-code and
# sarif-file. It exits 0 after a scan (the exit code is an output, so that the SARIF upload still runs; action.yml's
# last step fails the job by it) and 2 when it cannot start one.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
abilint="${ABILINT:-$here/../../abilint}"
tmp="${RUNNER_TEMP:-${TMPDIR:-/tmp}}"
summary="${GITHUB_STEP_SUMMARY:-/dev/stderr}"
output="${GITHUB_OUTPUT:-/dev/null}"
fail_on="${ABILINT_FAIL_ON:-error}"

args=(scan --fail-on "$fail_on")
if [ -n "${ABILINT_CONFIG:-}" ]; then
  args+=(--config "$ABILINT_CONFIG")
fi
sarif=""
if [ "${ABILINT_SARIF:-true}" = "true" ]; then
  sarif="$tmp/abilint.sarif"
  args+=(--report "sarif=$sarif")
fi
markdown="$tmp/abilint-summary.md"
args+=(--report "markdown=$markdown")

# Paths: split on white space; a glob expands to what it matches (a glob matching nothing is passed as it is,
# so abilint names it in its error).
paths=()
shopt -s nullglob
for word in ${ABILINT_PATHS:-dist}; do
  matches=()
  case "$word" in
    maven:*|pypi:*) matches=("$word") ;;
    *[*?[]*) matches=($word) ;;
    *) matches=("$word") ;;
  esac
  if [ "${#matches[@]}" -eq 0 ]; then
    matches=("$word")
  fi
  paths+=("${matches[@]}")
done
shopt -u nullglob
if [ "${#paths[@]}" -eq 0 ]; then
  echo "abilint: the paths input is empty" >&2
  exit 2
fi

rm -f "$markdown"
# shellcheck disable=SC2086  # ABILINT may be a command with arguments (java -jar abilint.jar)
$abilint "${args[@]}" -- "${paths[@]}"
code=$?
if [ -f "$markdown" ]; then
  cat "$markdown" >> "$summary"
else
  printf '## abilint could not scan (exit %s)\n\nSee the step log.\n' "$code" >> "$summary"
fi
{
  echo "exit-code=$code"
  if [ -n "$sarif" ] && [ -f "$sarif" ]; then echo "sarif-file=$sarif"; else echo "sarif-file="; fi
} >> "$output"
exit 0
