#!/usr/bin/env python3
"""Runs the GitHub Action's script (.github/action/run.sh) locally, as action.yml runs it, with the same inputs
(the environment variables of its scan step) and checks what a workflow would get: the Markdown job summary, the
SARIF file, the step outputs. Run by mvn verify (python module, integration-test phase); standard library only.

    test_action.py --jar analyzer/target/abilint.jar --work python/target/action-test
"""
import argparse
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
results = {"passed": 0, "failed": 0}


def check(name, condition, detail=""):
    if condition:
        results["passed"] += 1
        print(f"ok      {name}")
    else:
        results["failed"] += 1
        print(f"FAILED  {name}\n{detail}")


def action_step_env():
    """The env: block of action.yml's scan step, as a dict of name -> expression (no YAML library needed)."""
    text = (ROOT / "action.yml").read_text()
    step = text[text.index("- id: scan"):]
    step = step[:step.index("\n    - ", 1)]
    env = dict(re.findall(r"^\s{8}(ABILINT\w*): (.*)$", step, re.M))
    return text, step, env


def run_action(work, name, inputs, cwd):
    """run.sh with the step's environment for these inputs; returns (exit code, summary, outputs, stdout)."""
    d = work / name
    d.mkdir(parents=True)
    summary = d / "summary.md"
    output = d / "output.txt"
    summary.write_text("# earlier content of the summary\n")
    _, _, step_env = action_step_env()
    env = dict(os.environ)
    values = {"inputs.paths": inputs.get("paths", "dist"), "inputs.fail-on": inputs.get("fail-on", "error"),
              "inputs.config": inputs.get("config", ""), "inputs.sarif": inputs.get("sarif", "true")}
    for var, expr in step_env.items():
        m = re.fullmatch(r"\$\{\{ (inputs\.[\w-]+) \}\}", expr.strip())
        if m:
            env[var] = values[m.group(1)]
    env.update(ABILINT=inputs["abilint"], GITHUB_STEP_SUMMARY=str(summary), GITHUB_OUTPUT=str(output),
               RUNNER_TEMP=str(d))
    r = subprocess.run(["bash", str(ROOT / ".github/action/run.sh")], cwd=cwd, env=env, capture_output=True,
                       text=True, timeout=600)
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines() if "=" in line) \
        if output.exists() else {}
    return r.returncode, summary.read_text(), outputs, r.stdout + r.stderr


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--jar", required=True)
    p.add_argument("--work", required=True)
    a = p.parse_args()
    work = pathlib.Path(a.work).resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    abilint = f"{shutil.which('java')} -jar {pathlib.Path(a.jar).resolve()}"

    text, step, env = action_step_env()
    for name in ("paths", "fail-on", "config", "sarif"):
        check(f"action.yml has the input {name}", re.search(rf"^  {name}:\n", text, re.M) is not None)
    check("action.yml is a composite action that sets up Java, runs run.sh and uploads SARIF",
          "using: composite" in text and "actions/setup-java@" in text and ".github/action/run.sh" in step
          and "github/codeql-action/upload-sarif@" in text, text)
    check("the scan step passes every input to run.sh",
          set(env) >= {"ABILINT_PATHS", "ABILINT_FAIL_ON", "ABILINT_CONFIG", "ABILINT_SARIF"}, str(env))

    # The README's example: findings, so exit code 1 as an output; the summary gets the Markdown table.
    code, summary, outputs, log = run_action(work, "findings", {"abilint": abilint, "paths": "fixtures/elf/x86_64"},
                                             ROOT)
    check("run.sh itself exits 0 after a scan, the exit code is an output", code == 0 and
          outputs.get("exit-code") == "1", f"{code} {outputs}\n{log}")
    check("the job summary keeps what was there and gets the findings table",
          summary.startswith("# earlier content of the summary\n## abilint scan: 2 errors, 1 warning, 0 notes")
          and "| \u274c error | `linux-exec-stack` | <code>libexecstack.so</code> |" in summary, summary)
    check("the step log has the text report", "linux-exec-stack" in log and "5 binaries in 1 artifact" in log, log)
    sarif_file = outputs.get("sarif-file", "")
    sarif = json.loads(pathlib.Path(sarif_file).read_text()) if sarif_file and os.path.isfile(sarif_file) else {}
    rules = sorted({r.get("ruleId") for run in sarif.get("runs", []) for r in run.get("results", [])})
    check("the SARIF file is SARIF 2.1.0 with the findings",
          sarif.get("version") == "2.1.0" and rules == ["linux-exec-stack", "linux-isa-too-high", "linux-rpath-absolute"],
          f"{sarif_file}: {rules}")

    # fail-on never, a glob, sarif off.
    code, summary, outputs, log = run_action(work, "never", {"abilint": abilint, "paths": "fixtures/elf/x86_64/lib*.so",
                                                             "fail-on": "never", "sarif": "false"}, ROOT)
    check("fail-on never: exit code 0", outputs.get("exit-code") == "0", f"{outputs}\n{log}")
    check("a glob expands to the files it matches",
          "<code>fixtures/elf/x86_64/libexecstack.so</code>" in summary and "demo-exe" not in summary, summary)
    check("sarif false: no SARIF file", outputs.get("sarif-file") == "" and not (work / "never/abilint.sarif").exists(),
          str(outputs))

    # A config file is passed on; a clean input passes.
    config = work / "abilint.toml"
    config.write_text('[severity]\nlinux-exec-stack = "off"\nlinux-isa-too-high = "off"\n')
    code, summary, outputs, log = run_action(work, "config", {"abilint": abilint, "config": str(config),
                                                              "paths": "fixtures/elf/x86_64"}, ROOT)
    check("config: its severities apply (only the warning is left, exit 0)",
          outputs.get("exit-code") == "0" and "0 errors, 1 warning" in summary, f"{outputs}\n{summary}\n{log}")

    # A path that does not exist: exit code 2, and the summary says the scan could not run.
    code, summary, outputs, log = run_action(work, "missing", {"abilint": abilint, "paths": "no/such/dist"}, ROOT)
    check("a missing path: exit code 2 and a summary that says so",
          outputs.get("exit-code") == "2" and "abilint could not scan (exit 2)" in summary
          and "abilint: cannot read 'no/such/dist'" in log, f"{outputs}\n{summary}\n{log}")


if __name__ == "__main__":
    main()
    print(f"{results['passed']} passed, {results['failed']} failed")
    sys.exit(1 if results["failed"] else 0)
